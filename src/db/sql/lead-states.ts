import type { EntityManager } from '@mikro-orm/postgresql';
import { type NormalizedCriteria, windowStart } from '../../domain/activity-criteria.js';
import type { Lead, LeadHistory } from '../../domain/model.js';
import type { LeadStateNeeds } from '../../domain/state-needs.js';
import { query, requireTransaction } from './query.js';

/** A lead in the domain's shape with its campaign history: what qualification and flows read. */
export interface LeadState {
  lead: Lead;
  history: LeadHistory;
}

/** A lead's row: the columns of what was not needed are not selected. */
interface LeadStateRow {
  id: string;
  email: string;
  fields: Lead['fields'];
  list_ids?: string[];
  memberships?: Record<string, string>;
  history?: Record<string, { lastRunAt: string; runCount: number }>;
  activity_counts?: Record<string, number>;
}

const MEMBERSHIPS = `coalesce((select jsonb_agg(m.list_id::text) from static_list_member m where m.lead_id = l.id), '[]') as list_ids,
  coalesce((select jsonb_object_agg(pm.program_id::text, pm.status) from program_member pm where pm.lead_id = l.id), '{}') as memberships`;
const HISTORY = `coalesce((select jsonb_object_agg(h.campaign_id::text, jsonb_build_object('lastRunAt', h.last_run_at, 'runCount', h.run_count))
  from lead_campaign_history h where h.lead_id = l.id), '{}') as history`;
/**
 * Per lead, for each criteria, how many activities match, counted up to its `minTimes`
 * (semantics S5): each count is a range read of the (lead, type, occurred_at) index. Each criteria
 * gets its own subquery, holding the conditions of the qualifiers it has (their values bound), so
 * that the planner sees a constant type and window and reads that index. Skipped steps do not count.
 */
function activityCounts(
  criteria: readonly NormalizedCriteria[],
  now: Date,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const objects = criteria.map((criterion) => {
    const conditions = ['a.lead_id = l.id', 'a.type = ?', "a.attributes->>'skipped' is null"];
    params.push(criterion.key, criterion.type);
    const since = windowStart(criterion, now);
    const optional: [string, unknown][] = [
      ['a.occurred_at >= ?', since],
      ['a.campaign_id = ?', criterion.campaignId],
      ["a.attributes->>'executedCampaignId' = ?", criterion.executedCampaignId],
      ["(a.attributes->>'qualified')::boolean = ?", criterion.qualified],
      ["lower(a.attributes->>'attribute') = ?", criterion.attribute],
      ["lower(a.attributes->>'newValue') = ?", criterion.newValue],
    ];
    for (const [condition, value] of optional) {
      if (value === null) continue;
      conditions.push(condition);
      params.push(value);
    }
    params.push(criterion.minTimes);
    return `jsonb_build_object(?::text, (select count(*) from (select 1 from activity a where ${conditions.join(' and ')} limit ?) m))`;
  });
  return { sql: `${objects.join(' || ')} as activity_counts`, params };
}

/**
 * Reads leads in the domain's shape with, as `needs` says, their lists, program statuses, campaign
 * history and activity counts at `now`, in one statement (what is not needed is not selected and
 * reads as empty: reading it for every lead is most of the cost of a plan or a chunk otherwise).
 * `selection` is a query returning the leads' `id, email, fields` in id order; with `for update`,
 * the leads are locked in that order.
 */
async function readLeadStates(
  em: EntityManager,
  selection: string,
  params: unknown[],
  needs: LeadStateNeeds,
  now: Date,
): Promise<LeadState[]> {
  const counts = needs.activities.length > 0 ? activityCounts(needs.activities, now) : null;
  const columns = ['l.id::text, l.email, l.fields'];
  if (needs.memberships) columns.push(MEMBERSHIPS);
  if (needs.history) columns.push(HISTORY);
  if (counts) columns.push(counts.sql);
  const rows = await query<LeadStateRow>(
    em,
    `with l as (${selection})
     select ${columns.join(', ')} from l order by l.id`,
    counts ? [...params, ...counts.params] : params,
  );
  return rows.map((row) => ({
    lead: {
      id: row.id,
      email: row.email,
      fields: row.fields,
      listIds: row.list_ids ?? [],
      programMemberships: row.memberships ?? {},
      activityCounts: row.activity_counts ?? {},
    },
    history: row.history
      ? Object.fromEntries(
          Object.entries(row.history).map(([campaignId, { lastRunAt, runCount }]) => [
            campaignId,
            { lastRunAt: new Date(lastRunAt), runCount },
          ]),
        )
      : {},
  }));
}

const IDS = 'select jsonb_array_elements_text(?::jsonb)::bigint';

/**
 * The leads with these ids, in id order, as at `now`. `lock` locks them in that order, so concurrent
 * runs on the same leads take turns without deadlocks (semantics R3); a simulation reads without.
 */
export function leadStates(
  em: EntityManager,
  leadIds: string[],
  needs: LeadStateNeeds,
  { lock, now }: { lock: boolean; now: Date },
): Promise<LeadState[]> {
  return readLeadStates(
    em,
    `select id, email, fields from lead where id in (${IDS}) order by id${lock ? ' for update' : ''}`,
    [JSON.stringify(leadIds)],
    needs,
    now,
  );
}

/**
 * Opens, in the caller's transaction, a cursor over the ids of a workspace's leads in id order: all
 * of them, or only those of `among` when given (a requested or triggered run's leads). Read it with
 * `nextAudienceIds`. One scan for the whole audience: a page read as `id > last limit n` is planned
 * from the table's statistics, and on a table grown since its last analyze the planner reads every
 * remaining lead and sorts them for each page, which made planning quadratic in the leads.
 */
export async function openAudienceCursor(
  em: EntityManager,
  workspaceId: string,
  among: string[] | null,
): Promise<void> {
  requireTransaction(em, 'an audience cursor');
  await query(
    em,
    `declare audience no scroll cursor for
     select lead.id::text from lead where workspace_id = ? ${among ? `and id in (${IDS})` : ''} order by lead.id`,
    among ? [workspaceId, JSON.stringify(among)] : [workspaceId],
  );
}

/** The next ids, at most `limit`, of the cursor `openAudienceCursor` opened; empty at its end. */
export async function nextAudienceIds(em: EntityManager, limit: number): Promise<string[]> {
  const rows = await query<{ id: string }>(em, `fetch forward ${Math.trunc(limit)} from audience`);
  return rows.map((row) => row.id);
}
