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
