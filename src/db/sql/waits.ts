import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/**
 * Cancels the leads' pending suspensions (waits and webhooks) in these campaigns of the workspace;
 * returns the leads that had one.
 */
export async function cancelPendingWaits(
  em: EntityManager,
  workspaceId: string,
  campaignIds: string[],
  leadIds: string[],
): Promise<string[]> {
  const rows = await query<{ lead_id: string }>(
    em,
    `update flow_wait set status = 'CANCELLED'
     where status = 'PENDING' and workspace_id = ?
       and campaign_id in (select jsonb_array_elements_text(?::jsonb)::bigint)
       and lead_id in (select jsonb_array_elements_text(?::jsonb)::bigint)
     returning lead_id::text`,
    [workspaceId, JSON.stringify(campaignIds), JSON.stringify(leadIds)],
  );
  return [...new Set(rows.map((row) => row.lead_id))];
}

/**
 * Marks a pending suspension FAILED with its reason and, in the same statement, its run FAILED with
 * the run's reason, whether the run still runs or had completed (a cancelled or failed run keeps its
 * status). Null when the suspension was not pending; else whether the run changed.
 */
export async function failWait(
  em: EntityManager,
  waitId: string,
  reasons: { wait: string; run: string },
): Promise<{ runId: string; runFailed: boolean } | null> {
  const [row] = await query<{ run_id: string; run_failed: boolean }>(
    em,
    `with failed as (
       update flow_wait set status = 'FAILED', error = ? where id = ? and status = 'PENDING' returning run_id
     ), run as (
       update campaign_run r set status = 'FAILED', finished_at = now(), error = ?
       from failed where r.id = failed.run_id and r.status in ('RUNNING', 'COMPLETED') returning r.id
     )
     select failed.run_id::text, exists (select 1 from run) as run_failed from failed`,
    [reasons.wait, waitId, reasons.run],
  );
  return row ? { runId: row.run_id, runFailed: row.run_failed } : null;
}
