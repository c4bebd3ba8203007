import type { EntityManager } from '@mikro-orm/postgresql';
import type { Lead, LeadHistory } from '../../domain/model.js';
import type { LeadStateNeeds } from '../../domain/state-needs.js';
import { query } from './query.js';

/** A lead in the domain's shape with its campaign history: what qualification and flows read. */
export interface LeadState {
  lead: Lead;
  history: LeadHistory;
}

interface LeadStateRow {
  id: string;
  email: string;
  fields: Lead['fields'];
  list_ids: string[];
  memberships: Record<string, string>;
  history: Record<string, { lastRunAt: string; runCount: number }>;
}

const MEMBERSHIPS = `coalesce((select jsonb_agg(m.list_id::text) from static_list_member m where m.lead_id = l.id), '[]') as list_ids,
  coalesce((select jsonb_object_agg(pm.program_id::text, pm.status) from program_member pm where pm.lead_id = l.id), '{}') as memberships`;
const NO_MEMBERSHIPS = `'[]'::jsonb as list_ids, '{}'::jsonb as memberships`;
const HISTORY = `coalesce((select jsonb_object_agg(h.campaign_id::text, jsonb_build_object('lastRunAt', h.last_run_at, 'runCount', h.run_count))
  from lead_campaign_history h where h.lead_id = l.id), '{}') as history`;
const NO_HISTORY = `'{}'::jsonb as history`;

/**
 * Reads leads in the domain's shape with, as `needs` says, their lists, program statuses and
 * campaign history, in one statement (what is not needed reads as empty: reading it for every lead
 * is most of the cost of a plan or a chunk otherwise). `selection` is a query returning the leads'
 * `id, email, fields` in id order; with `for update`, the leads are locked in that order.
 */
async function readLeadStates(
  em: EntityManager,
  selection: string,
  params: unknown[],
  needs: LeadStateNeeds,
): Promise<LeadState[]> {
  const rows = await query<LeadStateRow>(
    em,
    `with l as (${selection})
     select l.id::text, l.email, l.fields, ${needs.memberships ? MEMBERSHIPS : NO_MEMBERSHIPS},
       ${needs.history ? HISTORY : NO_HISTORY}
     from l order by l.id`,
    params,
  );
  return rows.map((row) => ({
    lead: {
      id: row.id,
      email: row.email,
      fields: row.fields,
      listIds: row.list_ids,
      programMemberships: row.memberships,
    },
    history: Object.fromEntries(
      Object.entries(row.history).map(([campaignId, { lastRunAt, runCount }]) => [
        campaignId,
        { lastRunAt: new Date(lastRunAt), runCount },
      ]),
    ),
  }));
}

const IDS = 'select jsonb_array_elements_text(?::jsonb)::bigint';

/**
 * The leads with these ids, in id order. `lock` locks them in that order, so concurrent runs on the
 * same leads take turns without deadlocks (semantics R3); a simulation reads without.
 */
export function leadStates(
  em: EntityManager,
  leadIds: string[],
  needs: LeadStateNeeds,
  { lock }: { lock: boolean },
): Promise<LeadState[]> {
  return readLeadStates(
    em,
    `select id, email, fields from lead where id in (${IDS}) order by id${lock ? ' for update' : ''}`,
    [JSON.stringify(leadIds)],
    needs,
  );
}

/**
 * A page of a workspace's leads after the id `after`, in id order: all of them, or only those of
 * `among` when given (a requested or triggered run's leads).
 */
export function leadStatesPage(
  em: EntityManager,
  page: { workspaceId: string; after: string; among: string[] | null; limit: number },
  needs: LeadStateNeeds,
): Promise<LeadState[]> {
  const among = page.among ? `and id in (${IDS})` : '';
  return readLeadStates(
    em,
    `select id, email, fields from lead where workspace_id = ? and id > ? ${among} order by id limit ?`,
    page.among
      ? [page.workspaceId, page.after, JSON.stringify(page.among), page.limit]
      : [page.workspaceId, page.after, page.limit],
    needs,
  );
}
