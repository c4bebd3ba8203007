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

/** The workers that hold job locks but have not said they are alive for `seconds`. */
export async function silentWorkersHoldingJobs(em: EntityManager, seconds: number): Promise<string[]> {
  const rows = await query<{ locked_by: string }>(
    em,
    `select distinct locked_by from graphile_worker.jobs j
     where locked_by is not null and not exists (
       select 1 from job_worker w where w.worker_id = j.locked_by and w.heartbeat_at > now() - make_interval(secs => ?))`,
    [seconds],
  );
  return rows.map((row) => row.locked_by);
}

/** Forgets workers that stopped cleanly. */
export async function forgetWorkers(em: EntityManager, workerIds: string[]): Promise<void> {
  await query(em, 'delete from job_worker where worker_id in (select jsonb_array_elements_text(?::jsonb))', [
    JSON.stringify(workerIds),
  ]);
}
