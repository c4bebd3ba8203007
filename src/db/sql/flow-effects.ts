import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookRequest } from '../../domain/flow-records.js';
import type { FieldValue } from '../../domain/model.js';
import { addResumeJobs } from './jobs.js';
import { query, requireTransaction } from './query.js';

/**
 * The rows one transaction of flows writes besides its activities, each list written by one
 * set-based statement whatever the number of leads.
 */
export interface FlowEffectRows {
  /** The final values of the fields each lead's flow touched. */
  fields: { id: string; fields: Record<string, FieldValue> }[];
  listAdds: { list_id: string; lead_id: string }[];
  listRemoves: { list_id: string; lead_id: string }[];
  programStatuses: { program_id: string; lead_id: string; status: string }[];
  /** Runs of each campaign per lead, with the last instant it ran as an ISO text (formatted once per instant, not by JSON for each row). */
  history: { lead_id: string; campaign_id: string; runs: number; ran_at: string }[];
  /** Remove from Flow: the leads' pending suspensions in these campaigns are cancelled. */
  cancelledWaits: { lead_id: string; campaign_id: string }[];
  /** Flows suspended by a Wait or a Webhook step, to resume from their own jobs. */
  waits: {
    lead_id: string;
    kind: 'WAIT' | 'WEBHOOK';
    request: WebhookRequest | null;
    resume_step: number;
    /** An ISO text, as `history`'s `ran_at`. */
    resume_at: string;
  }[];
}

/** Runs a statement over rows passed as its last parameter, one JSON array. */
async function writeRows<Row = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  rows: object[],
  params: unknown[] = [],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  return query<Row>(em, sql, [...params, JSON.stringify(rows)]);
}

/**
 * Writes the effects of flows run for one run's leads, in the caller's transaction (the leads are
 * locked by it: writing the values the flows computed loses no concurrent change, semantics R3).
 */
export async function writeFlowEffects(
  em: EntityManager,
  place: { workspaceId: string; runId: string },
  rows: FlowEffectRows,
  now: Date,
): Promise<void> {
  requireTransaction(em, 'flow effects, waits and their jobs');
  await writeRows(
    em,
    `update lead set fields = lead.fields || c.fields, updated_at = ?
     from jsonb_to_recordset(?::jsonb) as c(id bigint, fields jsonb) where lead.id = c.id`,
    rows.fields,
    [now],
  );
  await writeRows(
    em,
    `insert into static_list_member (list_id, lead_id, added_at)
     select c.list_id, c.lead_id, ? from jsonb_to_recordset(?::jsonb) as c(list_id bigint, lead_id bigint)
     on conflict do nothing`,
    rows.listAdds,
    [now],
  );
  await writeRows(
    em,
    `delete from static_list_member m using jsonb_to_recordset(?::jsonb) as c(list_id bigint, lead_id bigint)
     where m.list_id = c.list_id and m.lead_id = c.lead_id`,
    rows.listRemoves,
  );
  await writeRows(
    em,
    `insert into program_member (program_id, lead_id, status, updated_at)
     select c.program_id, c.lead_id, c.status, ? from jsonb_to_recordset(?::jsonb) as c(program_id bigint, lead_id bigint, status text)
     on conflict (program_id, lead_id) do update set status = excluded.status, updated_at = excluded.updated_at`,
    rows.programStatuses,
    [now],
  );
  await writeRows(
    em,
    `insert into lead_campaign_history (lead_id, campaign_id, run_count, first_run_at, last_run_at)
     select c.lead_id, c.campaign_id, c.runs, c.ran_at, c.ran_at
     from jsonb_to_recordset(?::jsonb) as c(lead_id bigint, campaign_id bigint, runs int, ran_at timestamptz)
     on conflict (lead_id, campaign_id) do update
       set run_count = lead_campaign_history.run_count + excluded.run_count, last_run_at = excluded.last_run_at`,
    rows.history,
  );
  await writeRows(
    em,
    `update flow_wait w set status = 'CANCELLED' from jsonb_to_recordset(?::jsonb) as c(lead_id bigint, campaign_id bigint)
     where w.lead_id = c.lead_id and w.campaign_id = c.campaign_id and w.status = 'PENDING'`,
    rows.cancelledWaits,
  );
  const waits = await writeRows<{ id: string; resume_at: Date }>(
    em,
    `insert into flow_wait (workspace_id, run_id, campaign_id, lead_id, kind, request, resume_step, resume_at, status, created_at)
     select ?, r.id, r.campaign_id, c.lead_id, c.kind, c.request, c.resume_step, c.resume_at, 'PENDING', ?
     from (select id, campaign_id from campaign_run where id = ?) as r
     cross join jsonb_to_recordset(?::jsonb) as c(lead_id bigint, kind text, request jsonb, resume_step int, resume_at timestamptz)
     returning id::text, resume_at`,
    rows.waits,
    [place.workspaceId, now, place.runId],
  );
  // The wake-up job is added with the wait, in the same transaction: no wait without its job.
  await addResumeJobs(
    em,
    waits.map((wait) => ({ id: wait.id, resumeAt: wait.resume_at })),
  );
}
