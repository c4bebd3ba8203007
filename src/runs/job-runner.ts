import { EventEmitter } from 'node:events';
import { run, type Task, type TaskList, type WorkerEvents, Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from 'pino';
import { type Announcer, createAnnouncer } from '../commands/announcer.js';
import { databaseErrorSummary } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import {
  forgetWorkers,
  recordHeartbeats,
  silentWorkersHoldingJobs,
  unlockJobsWithTriesLeft,
} from '../db/sql/job-workers.js';
import {
  chunkJobKey,
  GIVE_UP_ATTEMPTS,
  giveUpJobKey,
  handAbandonedJobsToGiveUp,
  JOBS,
  MAX_JOB_ATTEMPTS,
  type OccurrencePayload,
} from '../db/sql/jobs.js';
import { failRun, failRunForChunk } from '../db/sql/runs.js';
import { failWait } from '../db/sql/waits.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import type { EventPublisher } from '../pubsub/events.js';
import { planRun } from './plan-run.js';
import { completeIfDone, processChunk } from './process-chunk.js';
import { resumeWait } from './resume-wait.js';
import { skipOccurrence, startOccurrence } from './start-occurrence.js';

interface RunPayload {
  runId: string;
}
interface ChunkPayload extends RunPayload {
  seq: number;
}

/**
 * A failure as it may be stored and shown: a database error's message carries the statement's
 * parameters (emails, field values), so only its kind and SQLSTATE are kept.
 */
function safeError(error: unknown): Error {
  const summary = databaseErrorSummary(error);
  return summary ? new Error(`database error: ${JSON.stringify(summary)}`) : (error as Error);
}

/** How a job gave up, for a run's or a wait's `error`: how often it failed, and the last failure's kind only. */
function failure(attempts: number, error: unknown): string {
  const summary = databaseErrorSummary(error);
  const kind = summary
    ? `a database error${summary.code ? ` (SQLSTATE ${summary.code})` : ''}`
    : 'an unexpected error';
  return `failed ${attempts} times, the last with ${kind}.`;
}

type GiveUp = (payload: unknown, failure: string) => Promise<void>;

/** A give-up left to a job of its own: the task that gave up, its payload and why. */
interface GiveUpPayload {
  task: string;
  payload: unknown;
  failure: string;
}

/**
 * A task that is retried until its last try fails; then `giveUp` records why (the run or the wait
 * becomes FAILED) and the job ends instead of being retried for days. The last try is the job's
 * own `max_attempts` (what graphile-worker retries it up to, whatever it was enqueued with), or
 * `maxAttempts` when that is fewer. A give-up that fails is left to a JOBS.giveUp job, retried
 * GIVE_UP_ATTEMPTS times: graphile-worker would not try this job again.
 */
function withBoundedAttempts(name: string, task: Task, maxAttempts: number, giveUp: GiveUp): Task {
  return async (payload, helpers) => {
    try {
      await task(payload, helpers);
    } catch (error) {
      const { attempts, max_attempts: jobMaxAttempts, id } = helpers.job;
      if (attempts < Math.min(maxAttempts, jobMaxAttempts)) throw safeError(error);
      helpers.logger.error(`giving up after ${attempts} attempts: ${safeError(error).message}`);
      const failed = failure(attempts, error);
      try {
        await giveUp(payload, failed);
      } catch (giveUpError) {
        helpers.logger.error(`giving up failed, left to a job: ${safeError(giveUpError).message}`);
        await helpers.addJob(JOBS.giveUp, { task: name, payload, failure: failed } satisfies GiveUpPayload, {
          jobKey: giveUpJobKey(id),
          maxAttempts: GIVE_UP_ATTEMPTS,
        });
      }
    }
  };
}

function taskList(
  orm: Orm,
  announce: Announcer,
  log: Logger,
  { maxAttempts, allowedWebhookTargets }: { maxAttempts: number; allowedWebhookTargets?: AllowedTargets },
): TaskList {
  const failRunOf = async (runId: string, reason: string) => {
    if (await failRun(orm.em.fork(), runId, reason)) await announce.runUpdated(runId);
  };
  const plan: Task = async (payload, helpers) => {
    const { runId } = payload as RunPayload;
    const seqs = await planRun(orm, runId, new Date());
    if (seqs.length === 0) {
      await completeIfDone(orm, runId, new Date());
      await announce.runUpdated(runId);
      return;
    }
    await announce.runUpdated(runId);
    for (const seq of seqs) {
      await helpers.addJob(JOBS.runChunk, { runId, seq } satisfies ChunkPayload, {
        jobKey: chunkJobKey(runId, seq),
        maxAttempts: MAX_JOB_ATTEMPTS,
      });
    }
  };
  const chunk: Task = async (payload) => {
    const { runId, seq } = payload as ChunkPayload;
    const processed = await processChunk(orm, runId, seq, new Date());
    if (processed) await announce.chunkCommitted(runId);
    await completeIfDone(orm, runId, new Date());
    await announce.runUpdated(runId);
  };
  const resume: Task = async (payload) => {
    const { waitId } = payload as { waitId: string };
    const resumed = await resumeWait(orm, waitId, new Date(), { allowedTargets: allowedWebhookTargets });
    if (resumed) await announce.waitResumed(waitId);
  };
  const occur: Task = async (payload) => {
    await startOccurrence(orm, payload as OccurrencePayload, new Date());
  };
  const giveUps: Record<string, GiveUp> = {
    [JOBS.planRun]: (payload, failed) =>
      failRunOf((payload as RunPayload).runId, `Stopped: its plan ${failed}`),
    // semantics R8: a chunk its last try applied before stopping counts, and its run may complete.
    [JOBS.runChunk]: async (payload, failed) => {
      const { runId, seq } = payload as ChunkPayload;
      const reason = `Stopped: its chunk ${seq + 1} ${failed}`;
      if (!(await failRunForChunk(orm.em.fork(), runId, seq, reason)))
        await completeIfDone(orm, runId, new Date());
      await announce.runUpdated(runId);
    },
    // semantics R8: the lead's flow ends at its wait, which is FAILED, and so is its run, even once
    // completed.
    [JOBS.resumeWait]: async (payload, failed) => {
      const { waitId } = payload as { waitId: string };
      const reasons = { wait: `Its resume ${failed}`, run: `Stopped: its resumed wait ${failed}` };
      const given = await failWait(orm.em.fork(), waitId, reasons);
      if (given?.runFailed) await announce.runUpdated(given.runId);
    },
    // semantics R6: the occurrence starts no run, but the recurrence goes on, so that an outage does
    // not end it silently. Ids only in the log: a schedule's tokens may carry personal data.
    [JOBS.startOccurrence]: async (payload, failed) => {
      const { scheduleId, step } = payload as OccurrencePayload;
      const nextStep = await skipOccurrence(orm, { scheduleId, step }, new Date());
      if (nextStep === undefined) return;
      log.warn(
        { scheduleId, skippedStep: step, nextStep },
        `a recurrence's occurrence ${failed} It goes on.`,
      );
    },
  };
  const bounded = (name: string, task: Task) =>
    withBoundedAttempts(name, task, maxAttempts, giveUps[name] as GiveUp);
  const giveUpLater: Task = async (payload) => {
    const { task, payload: given, failure: failed } = payload as GiveUpPayload;
    try {
      await giveUps[task]?.(given, failed);
    } catch (error) {
      throw safeError(error);
    }
  };
  return {
    [JOBS.planRun]: bounded(JOBS.planRun, plan),
    [JOBS.runChunk]: bounded(JOBS.runChunk, chunk),
    [JOBS.resumeWait]: bounded(JOBS.resumeWait, resume),
    [JOBS.startOccurrence]: bounded(JOBS.startOccurrence, occur),
    [JOBS.giveUp]: giveUpLater,
  };
}

/**
 * graphile-worker's log in ours. Its info lines (a worker connected, each job completed) are
 * routine for this service: they go to debug, so that a start and a run print nothing unasked.
 */
function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[method]({ worker: meta }, message);
  });
}

/** How often a worker says it is alive, and after how long without a word it counts as dead. */
const HEARTBEAT_MS = 2_000;
const DEAD_AFTER_SECONDS = 6;

/**
 * Heartbeats for this process's workers, and the reaper that unlocks the jobs of workers whose
 * heartbeat stopped: graphile-worker would otherwise keep them locked for four hours.
 */
function livenessOf(orm: Orm, log: Logger) {
  const workerIds = new Set<string>();
  const em = () => orm.em.fork();
  const beat = async () => {
    if (workerIds.size === 0) return;
    await recordHeartbeats(em(), [...workerIds]);
  };
  const reap = async () => {
    const silent = await silentWorkersHoldingJobs(em(), DEAD_AFTER_SECONDS);
    const dead = silent.filter((id) => !workerIds.has(id));
    if (dead.length === 0) return;
    log.warn({ workers: dead }, 'unlocking the jobs of job workers that stopped answering');
    await unlockJobsWithTriesLeft(em(), dead);
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    add: (workerId: string) => {
      workerIds.add(workerId);
      void beat().catch((error: unknown) => log.warn({ err: error }, 'job worker heartbeat failed'));
    },
    async start() {
      const tick = () =>
        beat()
          .then(reap)
          .catch((error: unknown) => log.warn({ err: error }, 'job worker liveness check failed'));
      await tick();
      timer = setInterval(tick, HEARTBEAT_MS);
      return async () => {
        clearInterval(timer);
        await forgetWorkers(em(), [...workerIds]);
      };
    },
  };
}

export interface WorkerOptions {
  concurrency?: number;
  /** Tries of a job before its run is FAILED (default `MAX_JOB_ATTEMPTS`). */
  maxAttempts?: number;
  /** Where committed chunks and run changes are announced to subscribers (after each commit). */
  publisher?: EventPublisher;
  /** Webhook targets called although not public (WEBHOOK_ALLOWED_HOSTS); none by default. */
  allowedWebhookTargets?: AllowedTargets;
  /** How often jobs that spent their attempts without giving up are handed to a give-up job. */
  abandonedSweepMs?: number;
}

/** The tasks that give up after their last attempt (withBoundedAttempts). */
const BOUNDED_TASKS = [JOBS.planRun, JOBS.runChunk, JOBS.resumeWait, JOBS.startOccurrence];
const ABANDONED_SWEEP_MS = 30_000;
/**
 * How long the worker holding a job in its last try must have been silent before the sweep gives
 * the try up: far past DEAD_AFTER_SECONDS, so that a worker only cut from the database for a
 * while, whose try may still commit, keeps it.
 */
const ABANDONED_AFTER_SECONDS = 60;

/**
 * Hands to a give-up job the jobs whose last attempt could not give up (semantics R8), so that
 * their run or wait ends FAILED once the database is back. One sweep at a time; the returned stop
 * waits for the one under way. Job ids only in the log: payloads may name schedules whose tokens
 * carry personal data.
 */
function sweepAbandonedJobs(orm: Orm, log: Logger, everyMs: number): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const sweep = async () => {
    const handed = await handAbandonedJobsToGiveUp(
      orm.em.fork(),
      BOUNDED_TASKS,
      'failed %s times, and giving up could not be recorded then.',
      ABANDONED_AFTER_SECONDS,
    );
    if (handed > 0) log.warn({ jobs: handed }, 'handed jobs that spent their attempts to a give-up job');
  };
  const next = () => {
    timer = setTimeout(() => {
      current = sweep()
        .catch((error: unknown) => log.warn({ err: error }, 'the abandoned-job sweep failed'))
        .finally(() => {
          if (!stopped) next();
        });
    }, everyMs);
  };
  next();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}

/** Runs the job queue's tasks until `stop`: inside the API process (WORKER=inline) or alone. */
export async function startWorker(
  orm: Orm,
  databaseUrl: string,
  log: Logger,
  {
    concurrency = 2,
    publisher,
    maxAttempts = MAX_JOB_ATTEMPTS,
    allowedWebhookTargets,
    abandonedSweepMs = ABANDONED_SWEEP_MS,
  }: WorkerOptions = {},
) {
  const liveness = livenessOf(orm, log);
  const events: WorkerEvents = new EventEmitter();
  // Jobs are locked in the pool's name as well as in its workers': both must be known to be alive.
  events.on('pool:create', ({ workerPool }) => liveness.add(workerPool.id));
  events.on('worker:create', ({ worker }) => liveness.add(worker.workerId));
  const runner = await run({
    connectionString: databaseUrl,
    concurrency,
    noHandleSignals: true,
    pollInterval: 500,
    logger: workerLogger(log),
    // No recurring jobs: without this, graphile-worker reads a `crontab` file of the working folder.
    parsedCronItems: [],
    taskList: taskList(orm, createAnnouncer(orm, publisher, log), log, {
      maxAttempts,
      allowedWebhookTargets,
    }),
    events,
  });
  const stopLiveness = await liveness.start();
  const stopSweep = sweepAbandonedJobs(orm, log, abandonedSweepMs);
  return {
    stop: async () => {
      await stopSweep();
      await runner.stop();
      await stopLiveness();
    },
  };
}
