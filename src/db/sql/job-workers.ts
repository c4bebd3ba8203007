import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/** Records that these job workers are alive now. */
export async function recordHeartbeats(em: EntityManager, workerIds: string[]): Promise<void> {
  await query(
    em,
    `insert into job_worker (worker_id, heartbeat_at) select id, now() from jsonb_array_elements_text(?::jsonb) as id
     on conflict (worker_id) do update set heartbeat_at = excluded.heartbeat_at`,
    [JSON.stringify(workerIds)],
  );
}

/**
 * The workers that hold locks on jobs with tries left but have not said they are alive for
 * `seconds`. A job in its last try is left to the abandoned-job sweep (handAbandonedJobsToGiveUp),
 * which waits far longer: unlocked early, a try that may still be running would be given up.
 */
export async function silentWorkersHoldingJobs(em: EntityManager, seconds: number): Promise<string[]> {
  const rows = await query<{ locked_by: string }>(
    em,
    `select distinct locked_by from graphile_worker._private_jobs j
     where locked_by is not null and attempts < max_attempts and not exists (
       select 1 from job_worker w where w.worker_id = j.locked_by and w.heartbeat_at > now() - make_interval(secs => ?))`,
    [seconds],
  );
  return rows.map((row) => row.locked_by);
}

/**
 * Unlocks the jobs with tries left, and the queues, of workers that stopped answering, so that
 * another worker takes them: graphile-worker's forceUnlockWorkers with jobs in their last try left
 * locked (see silentWorkersHoldingJobs). Its tables as pinned at 0.17.3.
 */
export async function unlockJobsWithTriesLeft(em: EntityManager, workerIds: string[]): Promise<void> {
  await query(
    em,
    `with workers as (select jsonb_array_elements_text(?::jsonb) as id),
     jobs as (
       update graphile_worker._private_jobs set locked_at = null, locked_by = null
       where locked_by in (select id from workers) and attempts < max_attempts
     )
     update graphile_worker._private_job_queues set locked_at = null, locked_by = null
     where locked_by in (select id from workers)`,
    [JSON.stringify(workerIds)],
  );
}

/** Forgets workers that stopped cleanly. */
export async function forgetWorkers(em: EntityManager, workerIds: string[]): Promise<void> {
  await query(em, 'delete from job_worker where worker_id in (select jsonb_array_elements_text(?::jsonb))', [
    JSON.stringify(workerIds),
  ]);
}
