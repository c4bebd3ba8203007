import { pipeline } from 'node:stream/promises';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Activity, JsonValue } from '../../domain/model.js';
import { query, requireTransaction } from './query.js';

/** The newest committed activity of the workspace, or null: what an announcement names. */
export async function lastActivityId(em: EntityManager, workspaceId: string): Promise<string | null> {
  const [row] = await query<{ last: string | null }>(
    em,
    'select max(id)::text as last from activity where workspace_id = ?',
    [workspaceId],
  );
  return row?.last ?? null;
}

/** An activity the API writes for a lead, outside any campaign or run. */
export interface ApiActivity {
  leadId: string;
  type: Activity['type'];
  primary: string;
  attributes: Record<string, JsonValue>;
}

/** Inserts the API's activities of the workspace in the order given, in the caller's transaction. */
export async function insertApiActivities(
  em: EntityManager,
  workspaceId: string,
  activities: ApiActivity[],
): Promise<void> {
  if (activities.length === 0) return;
  await query(
    em,
    `insert into activity (workspace_id, lead_id, type, occurred_at, primary_attribute_value, attributes)
     select ?, (a.value->>'leadId')::bigint, a.value->>'type', now(), a.value->>'primary', a.value->'attributes'
     from jsonb_array_elements(?::jsonb) with ordinality as a(value, position) order by a.position`,
    [workspaceId, JSON.stringify(activities)],
  );
}

/** A text for COPY's text format: backslash escapes for the characters it reserves. */
function copyText(value: string): string {
  return COPY_SPECIAL.test(value)
    ? value.replace(COPY_SPECIALS, (char) => COPY_ESCAPES[char as keyof typeof COPY_ESCAPES])
    : value;
}
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' } as const;

/** Where a run's activity was written: its workspace, lead and run. */
export interface ActivityPlace {
  workspaceId: string;
  leadId: string;
  runId: string;
}

/**
 * An activity as one line of COPY's text format (tab-separated, `\N` for null), `at` its instant
 * already formatted. Ids, types and timestamps never hold reserved characters; only the texts need
 * escaping.
 */
export function activityLine(place: ActivityPlace, activity: Activity, at: string): string {
  const primary = activity.primaryAttributeValue === null ? '\\N' : copyText(activity.primaryAttributeValue);
  return `${place.workspaceId}\t${place.leadId}\t${activity.campaignId}\t${place.runId}\t${activity.type}\t${at}\t${primary}\t${copyText(JSON.stringify(activity.attributes))}\n`;
}

/**
 * Streams activity lines (see `activityLine`) into the table with COPY on the transaction's own
 * connection: a run's activities are most of its writes, and COPY is the cheapest way in (the W1
 * benchmark's floor). COPY fires the table's statement trigger (the commit-order lock) like an
 * INSERT, and draws ids in row order.
 */
export async function copyActivities(em: EntityManager, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  requireTransaction(em, 'activities');
  const transaction = em.getTransactionContext<Knex.Transaction>() as Knex.Transaction;
  const connection: pg.PoolClient = await transaction.client.acquireConnection();
  await pipeline(
    [lines.join('')],
    connection.query(
      copyFrom(
        'copy activity (workspace_id, lead_id, campaign_id, run_id, type, occurred_at, primary_attribute_value, attributes) from stdin',
      ),
    ),
  );
}
