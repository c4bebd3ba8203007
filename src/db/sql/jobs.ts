import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/**
 * How often a job is tried before it is given up: a run whose plan, chunk or resumed wait keeps
 * failing is then FAILED instead of RUNNING for days (semantics R8). graphile-worker's own limit is set to
 * the same, as a backstop.
 */
export const MAX_JOB_ATTEMPTS = 5;

/**
 * How often a give-up (marking a run or a wait FAILED once its job has spent its attempts) is
 * tried, as a job of its own, when it failed within the job: with graphile-worker's growing
 * back-off, some hours, so that a database that was briefly away does not leave a run RUNNING or a
 * wait PENDING for good.
 */
export const GIVE_UP_ATTEMPTS = 10;

/** The job queue's task names. */
export const JOBS = {
  planRun: 'run:plan',
  runChunk: 'run:chunk',
  resumeWait: 'wait:resume',
  startOccurrence: 'schedule:occurrence',
  giveUp: 'job:give-up',
} as const;

/** Job keys: enqueueing the same work twice under one key is harmless (graphile-worker replaces it). */
const planJobKey = (runId: string) => `run:${runId}:plan`;
export const chunkJobKey = (runId: string, seq: number) => `run:${runId}:chunk:${seq}`;
const resumeJobKey = (waitId: string) => `wait:${waitId}`;
export const giveUpJobKey = (jobId: string) => `give-up:${jobId}`;
/** One per campaign, as a campaign has at most one recurrence (semantics R6). */
const occurrenceJobKey = (campaignId: string) => `campaign:${campaignId}:schedule`;

/** What the job that starts a recurrence's next occurrence is given. */
export interface OccurrencePayload {
  scheduleId: string;
  step: number;
}

interface JobSpec {
  task: string;
  payload: Record<string, string | number>;
  /** Null: due now. */
  runAt: Date | null;
  key: string;
}

/** Adds jobs in the caller's transaction, so they commit (or roll back) with what they are about. */
async function addJobs(em: EntityManager, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  await query(
    em,
    `select graphile_worker.add_job(j.task, j.payload, run_at := j.run_at, job_key := j.key, max_attempts := ?)
     from jsonb_to_recordset(?::jsonb) as j(task text, payload json, run_at timestamptz, key text)`,
    [MAX_JOB_ATTEMPTS, JSON.stringify(jobs.map((job) => ({ ...job, run_at: job.runAt })))],
  );
}

/** The jobs that plan runs: a run is saved with its plan job, never one without the other. */
export function addPlanJobs(em: EntityManager, runs: { id: string; runAt?: Date }[]): Promise<void> {
  return addJobs(
    em,
    runs.map((run) => ({
      task: JOBS.planRun,
      payload: { runId: run.id },
      runAt: run.runAt ?? null,
      key: planJobKey(run.id),
    })),
  );
}

/** The jobs that resume suspended flows (waits and webhooks), each due at its wait's time. */
export function addResumeJobs(em: EntityManager, waits: { id: string; resumeAt: Date }[]): Promise<void> {
  return addJobs(
    em,
    waits.map((wait) => ({
      task: JOBS.resumeWait,
      payload: { waitId: wait.id },
      runAt: wait.resumeAt,
      key: resumeJobKey(wait.id),
    })),
  );
}

/** Drops a run's plan job if it has not started, in the caller's transaction. */
export async function removePlanJob(em: EntityManager, runId: string): Promise<void> {
  await query(em, 'select graphile_worker.remove_job(?)', [planJobKey(runId)]);
}

/**
 * The job that starts the campaign's next occurrence at `runAt`, in the caller's transaction; it
 * replaces the campaign's pending one.
 */
export function addOccurrenceJob(
  em: EntityManager,
  campaignId: string,
  occurrence: OccurrencePayload & { runAt: Date },
): Promise<void> {
  const { scheduleId, step, runAt } = occurrence;
  return addJobs(em, [
    { task: JOBS.startOccurrence, payload: { scheduleId, step }, runAt, key: occurrenceJobKey(campaignId) },
  ]);
}

/** Drops the campaign's pending occurrence job, in the caller's transaction. */
export async function removeOccurrenceJob(em: EntityManager, campaignId: string): Promise<void> {
  await query(em, 'select graphile_worker.remove_job(?)', [occurrenceJobKey(campaignId)]);
}

/**
 * Jobs of `tasks` that spent their attempts without giving up (the give-up and its job could not
 * be written, the database being away, or the worker died in the last attempt): each is replaced,
 * in one statement, by a JOBS.giveUp job carrying its task and payload. graphile-worker never
 * tries such a job again and keeps it, so without this its run or wait would stay unfinished.
 * A job still locked counts only once it was locked and its worker has been silent for
 * `silentSeconds` (a worker that has not yet said it is alive, too): a worker cut from the
 * database for less may still finish its try. graphile-worker's view has no payload:
 * this reads its table, as pinned at 0.17.3.
 */
export async function handAbandonedJobsToGiveUp(
  em: EntityManager,
  tasks: readonly string[],
  failure: string,
  silentSeconds: number,
): Promise<number> {
  const rows = await query<{ id: string }>(
    em,
    `with abandoned as (
       delete from graphile_worker._private_jobs as jobs
       using graphile_worker._private_tasks as tasks
       where tasks.id = jobs.task_id and tasks.identifier in (select jsonb_array_elements_text(?::jsonb))
         and jobs.attempts >= jobs.max_attempts
         and (jobs.locked_by is null or (
           jobs.locked_at < now() - make_interval(secs => ?) and not exists (
             select 1 from job_worker w
             where w.worker_id = jobs.locked_by and w.heartbeat_at > now() - make_interval(secs => ?))))
       returning jobs.id, tasks.identifier, jobs.payload, jobs.attempts
     )
     select (graphile_worker.add_job(?, json_build_object('task', identifier, 'payload', payload,
              'failure', format(?, attempts)), job_key := ? || id, max_attempts := ?)).id::text
     from abandoned`,
    [
      JSON.stringify(tasks),
      silentSeconds,
      silentSeconds,
      JOBS.giveUp,
      failure,
      giveUpJobKey(''),
      GIVE_UP_ATTEMPTS,
    ],
  );
  return rows.length;
}
