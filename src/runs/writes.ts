import { pipeline } from 'node:stream/promises';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { query } from '../db/sql/query.js';
import {
  type Activity,
  type FieldValue,
  type Lead,
  type RunFlowResult,
  TRIGGER_NAMES,
} from '../domain/model.js';
import { listensFor } from '../domain/smart-list.js';
import type { Listener } from './definitions.js';
import { JOBS } from './jobs.js';
import { eventsOf, insertTriggeredRuns, queueTriggeredRuns } from './triggers.js';

/** What one chunk's flows did, for the leads (locked by the caller) they ran for. */
export interface ChunkResults {
  workspaceId: string;
  runId: string;
  leads: Lead[];
  results: RunFlowResult[];
  /** The workspace's ACTIVE trigger campaigns, for the events the flows caused. */
  listeners: Listener[];
  /** The run's trigger depth: runs its flows start are one deeper. */
  triggerDepth: number;
  /** Leads to add to the run's progress counters: a batch chunk's size; none for a resumed wait. */
  processed?: number;
}

type Row = Record<string, unknown>;

/** Where the rows go among a statement's parameters, when not last. */
const ROWS = Symbol('rows');

/** Runs a statement over rows passed as one JSON array parameter, in the caller's transaction. */
async function writeRows(em: EntityManager, sql: string, rows: Row[], ...params: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  await query(
    em,
    sql,
    params.includes(ROWS) ? params.map((param) => (param === ROWS ? json : param)) : [...params, json],
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

/**
 * An activity as one line of COPY's text format (tab-separated, `\N` for null). Ids, types and
 * timestamps never hold reserved characters; only the texts need escaping.
 */
function activityLine(
  workspaceId: string,
  leadId: string,
  runId: string,
  activity: Activity,
  at: string,
): string {
  const primary = activity.primaryAttributeValue === null ? '\\N' : copyText(activity.primaryAttributeValue);
  return `${workspaceId}\t${leadId}\t${activity.campaignId}\t${runId}\t${activity.type}\t${at}\t${primary}\t${copyText(JSON.stringify(activity.attributes))}\n`;
}

/**
 * Streams a chunk's activity rows into the table with COPY on the transaction's own connection:
 * several times faster than an INSERT of the same rows from a JSON parameter. COPY fires the
 * table's statement trigger (the commit-order lock) like an INSERT, and draws ids in row order.
 */
async function copyActivities(em: EntityManager, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (!transaction) throw new Error('activities are written inside the chunk transaction');
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

/**
 * The final values of the fields a flow touched. The leads are locked for the transaction, so the
 * value the flow computed from is the stored one: writing it loses no concurrent change (R3).
 */
function touchedFields(result: RunFlowResult): Record<string, FieldValue> | null {
  const names = [...Object.keys(result.effects.fieldChanges), ...Object.keys(result.effects.scoreChanges)];
  if (names.length === 0) return null;
  return Object.fromEntries(names.map((name) => [name, result.leadAfter.fields[name] ?? null]));
}

/**
 * Writes a chunk's effects set-based, a few statements for the whole chunk, activities last so
 * that their commit-order lock is held only until the commit (see the activity entity).
 */
export async function applyResults(em: EntityManager, chunk: ChunkResults): Promise<void> {
  const now = new Date();
  const fieldRows: Row[] = [];
  const listAdds: Row[] = [];
  const listRemoves: Row[] = [];
  const statuses: Row[] = [];
  const history = new Map<string, Row & { runs: number }>();
  const waits: Row[] = [];
  const cancelled: Row[] = [];
  const requested = new Map<string, string[]>();
  const activities: string[] = [];
  // A chunk's activities share a few instants: format each once.
  const timestamps = new Map<number, string>();
  const timestamp = (at: Date) => {
    let text = timestamps.get(at.getTime());
    if (text === undefined) {
      text = at.toISOString();
      timestamps.set(at.getTime(), text);
    }
    return text;
  };
  chunk.results.forEach((result, index) => {
    const leadId = (chunk.leads[index] as Lead).id;
    const { effects } = result;
    const fields = touchedFields(result);
    if (fields) fieldRows.push({ id: leadId, fields });
    for (const listId of effects.listAdds) listAdds.push({ list_id: listId, lead_id: leadId });
    for (const listId of effects.listRemoves) listRemoves.push({ list_id: listId, lead_id: leadId });
    for (const [programId, status] of Object.entries(effects.programStatuses)) {
      statuses.push({ program_id: programId, lead_id: leadId, status });
    }
    for (const record of effects.history) {
      const key = `${leadId}:${record.campaignId}`;
      const row = history.get(key) ?? { lead_id: leadId, campaign_id: record.campaignId, runs: 0 };
      row.runs += 1;
      row.ran_at = record.ranAt;
      history.set(key, row);
    }
    if (result.suspend) {
      waits.push({
        lead_id: leadId,
        kind: result.suspend.kind,
        request: result.suspend.kind === 'WEBHOOK' ? result.suspend.request : null,
        resume_step: result.suspend.resumeStepIndex,
        resume_at: result.suspend.kind === 'WAIT' ? result.suspend.resumeAt : now,
      });
    }
    for (const campaignId of effects.removedFromFlowCampaignIds) {
      cancelled.push({ lead_id: leadId, campaign_id: campaignId });
    }
    for (const campaignId of effects.requestedCampaignIds) {
      requested.set(campaignId, [...(requested.get(campaignId) ?? []), leadId]);
    }
    for (const activity of result.activities) {
      activities.push(
        activityLine(chunk.workspaceId, leadId, chunk.runId, activity, timestamp(activity.occurredAt)),
      );
    }
  });

  await writeRows(
    em,
    `update lead set fields = lead.fields || c.fields, updated_at = ?
     from jsonb_to_recordset(?::jsonb) as c(id bigint, fields jsonb) where lead.id = c.id`,
    fieldRows,
    now,
  );
  await writeRows(
    em,
    `insert into static_list_member (list_id, lead_id, added_at)
     select c.list_id, c.lead_id, ? from jsonb_to_recordset(?::jsonb) as c(list_id bigint, lead_id bigint)
     on conflict do nothing`,
    listAdds,
    now,
  );
  await writeRows(
    em,
    `delete from static_list_member m using jsonb_to_recordset(?::jsonb) as c(list_id bigint, lead_id bigint)
     where m.list_id = c.list_id and m.lead_id = c.lead_id`,
    listRemoves,
  );
  await writeRows(
    em,
    `insert into program_member (program_id, lead_id, status, updated_at)
     select c.program_id, c.lead_id, c.status, ? from jsonb_to_recordset(?::jsonb) as c(program_id bigint, lead_id bigint, status text)
     on conflict (program_id, lead_id) do update set status = excluded.status, updated_at = excluded.updated_at`,
    statuses,
    now,
  );
  await writeRows(
    em,
    `insert into lead_campaign_history (lead_id, campaign_id, run_count, first_run_at, last_run_at)
     select c.lead_id, c.campaign_id, c.runs, c.ran_at, c.ran_at
     from jsonb_to_recordset(?::jsonb) as c(lead_id bigint, campaign_id bigint, runs int, ran_at timestamptz)
     on conflict (lead_id, campaign_id) do update
       set run_count = lead_campaign_history.run_count + excluded.run_count, last_run_at = excluded.last_run_at`,
    [...history.values()],
  );
  await writeRows(
    em,
    `update flow_wait w set status = 'CANCELLED' from jsonb_to_recordset(?::jsonb) as c(lead_id bigint, campaign_id bigint)
     where w.lead_id = c.lead_id and w.campaign_id = c.campaign_id and w.status = 'PENDING'`,
    cancelled,
  );
  await writeRows(
    em,
    // The wake-up job is added with the wait, in the same transaction: no wait without its job.
    // A webhook's job is due at once: it makes the call, then resumes the flow.
    `with waiting as (
       insert into flow_wait (workspace_id, run_id, campaign_id, lead_id, kind, request, resume_step, resume_at, status, created_at)
       select ?, r.id, r.campaign_id, c.lead_id, c.kind, c.request, c.resume_step, c.resume_at, 'PENDING', ?
       from (select id, campaign_id from campaign_run where id = ?) as r
       cross join jsonb_to_recordset(?::jsonb) as c(lead_id bigint, kind text, request jsonb, resume_step int, resume_at timestamptz)
       returning id, resume_at)
     select graphile_worker.add_job(?, json_build_object('waitId', id::text), run_at := resume_at, job_key := 'wait:' || id)
     from waiting`,
    waits,
    chunk.workspaceId,
    now,
    chunk.runId,
    ROWS,
    JOBS.resumeWait,
  );
  // Request Campaign (F5): one TRIGGERED run per requested campaign for the chunk's leads, queued
  // with its job in this transaction, for targets that are active and listen to flow actions.
  const requestedEvent = { kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' } as const;
  await insertTriggeredRuns(
    em,
    chunk.triggerDepth + 1,
    [...requested].flatMap(([campaignId, leadIds]) => {
      const target = chunk.listeners.find((listener) => listener.id === campaignId);
      if (!target || !listensFor(target.smartList, requestedEvent)) return [];
      const trigger = { name: TRIGGER_NAMES.CAMPAIGN_IS_REQUESTED, source: 'FLOW_ACTION' };
      return [{ workspace_id: chunk.workspaceId, campaign_id: campaignId, lead_ids: leadIds, trigger }];
    }),
  );
  await queueTriggeredRuns(
    em,
    chunk.workspaceId,
    chunk.listeners,
    chunk.results.flatMap((result, index) => eventsOf((chunk.leads[index] as Lead).id, result)),
    chunk.triggerDepth + 1,
  );
  // Last but the activities: the run's row stays locked from here to the commit, so chunks of one
  // run take turns only for this short tail (in the same order as the activities' lock: no deadlock).
  if (chunk.processed) {
    await query(
      em,
      'update campaign_run set leads_processed = leads_processed + ?, leads_qualified = leads_qualified + ? where id = ?',
      [chunk.processed, chunk.processed, chunk.runId],
    );
  }
  await copyActivities(em, activities);
}
