import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CampaignRun, type RunToken } from '../db/entities/campaign-run.entity.js';
import { FlowWait } from '../db/entities/flow-wait.entity.js';
import { RunChunk } from '../db/entities/run-chunk.entity.js';
import type { Orm } from '../db/orm.js';
import { query } from '../db/sql/query.js';
import { qualifyForCampaign, runFlow } from '../domain/executor.js';
import {
  type Activity,
  type Lead as DomainLead,
  FINISHED_RUN_STATUSES,
  type LeadHistory,
  type Run,
  TRIGGER_NAMES,
  type WebhookRequest,
} from '../domain/model.js';
import { audienceNeeds, flowNeeds, type LeadStateNeeds } from '../domain/state-needs.js';
import { definitionsAt } from './definitions.js';
import { callWebhook, WEBHOOK_TIMEOUT_MS, type WebhookOutcome } from './webhooks.js';
import { applyResults } from './writes.js';

/** Leads per chunk: one transaction writes a chunk's effects and activities. */
export const CHUNK_SIZE = 500;
/** Leads read at a time while the audience is being chosen. */
const AUDIENCE_PAGE = 2000;

/**
 * The leads that pass the campaign's smart list and qualification rule now (S4, Q2): of the whole
 * workspace for a batch run, of the leads handed to it for a requested or triggered run.
 */
async function chooseAudience(em: EntityManager, run: CampaignRun, now: Date): Promise<string[]> {
  const [workspace] = await query<{ graph_version: string }>(
    em,
    'select graph_version from workspace where id = ?',
    [run.workspace.id],
  );
  const { graph } = await definitionsAt(em, run.workspace.id, String(workspace?.graph_version));
  const needs = audienceNeeds(graph, run.campaign.id);
  const handedTo = run.leadIds ? 'and id in (select jsonb_array_elements_text(?::jsonb)::bigint)' : '';
  const audience: string[] = [];
  for (let after = '0'; ; ) {
    const states = await readLeadStates(
      em,
      `select id, email, fields from lead where workspace_id = ? and id > ? ${handedTo} order by id limit ${AUDIENCE_PAGE}`,
      run.leadIds ? [run.workspace.id, after, JSON.stringify(run.leadIds)] : [run.workspace.id, after],
      needs,
    );
    if (states.length === 0) return audience;
    for (const { lead, history } of states) {
      if (qualifyForCampaign({ lead, graph, history, campaignId: run.campaign.id, now }).qualified) {
        audience.push(lead.id);
      }
    }
    after = (states.at(-1) as (typeof states)[number]).lead.id;
  }
}

/**
 * Starts a run: fixes its audience in chunks and marks it RUNNING. Idempotent: a run already
 * planned keeps its chunks. Returns the sequence numbers of the chunks still to process.
 */
export async function planRun(orm: Orm, runId: string, now: Date): Promise<number[]> {
  return orm.em.fork().transactional(async (em) => {
    const run = await em.findOneOrFail(CampaignRun, { id: runId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (FINISHED_RUN_STATUSES.includes(run.status)) return [];
    const planned = await em.find(RunChunk, { run: runId }, { orderBy: { seq: 'asc' } });
    if (planned.length > 0 || run.status === 'RUNNING') {
      return planned.filter((chunk) => !chunk.completedAt).map((chunk) => chunk.seq);
    }
    const audience = await chooseAudience(em, run, now);
    const chunks: string[][] = [];
    for (let start = 0; start < audience.length; start += CHUNK_SIZE) {
      chunks.push(audience.slice(start, start + CHUNK_SIZE));
    }
    await query(
      em,
      `insert into run_chunk (run_id, seq, lead_ids)
       select ?, c.position - 1, c.lead_ids from jsonb_array_elements(?::jsonb) with ordinality as c(lead_ids, position)`,
      [runId, JSON.stringify(chunks)],
    );
    const seqs = chunks.map((_, seq) => seq);
    Object.assign(run, {
      status: seqs.length ? 'RUNNING' : 'COMPLETED',
      startedAt: now,
      leadsTotal: audience.length,
    });
    if (seqs.length === 0) run.finishedAt = now;
    await em.flush();
    return seqs;
  });
}

interface LeadStateRow {
  id: string;
  email: string;
  fields: DomainLead['fields'];
  list_ids: string[];
  memberships: Record<string, string>;
  history: Record<string, { lastRunAt: string; runCount: number }>;
}

const MEMBERSHIPS = `coalesce((select jsonb_agg(m.list_id::text) from static_list_member m where m.lead_id = l.id), '[]') as list_ids,
  coalesce((select jsonb_object_agg(pm.program_id::text, pm.status) from program_member pm where pm.lead_id = l.id), '{}') as memberships`;
const HISTORY = `coalesce((select jsonb_object_agg(h.campaign_id::text, jsonb_build_object('lastRunAt', h.last_run_at, 'runCount', h.run_count))
  from lead_campaign_history h where h.lead_id = l.id), '{}') as history`;

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
) {
  const rows = await query<LeadStateRow>(
    em,
    `with l as (${selection})
     select l.id::text, l.email, l.fields, ${needs.memberships ? MEMBERSHIPS : `'[]'::jsonb as list_ids, '{}'::jsonb as memberships`},
       ${needs.history ? HISTORY : `'{}'::jsonb as history`}
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
    } satisfies DomainLead,
    history: Object.fromEntries(
      Object.entries(row.history).map(([campaignId, { lastRunAt, runCount }]) => [
        campaignId,
        { lastRunAt: new Date(lastRunAt), runCount },
      ]),
    ) satisfies LeadHistory,
  }));
}

/** Locks the leads in id order, so concurrent runs on the same leads take turns without deadlocks (R3). */
const lockLeadStates = (em: EntityManager, leadIds: string[], needs: LeadStateNeeds) =>
  readLeadStates(
    em,
    'select id, email, fields from lead where id in (select jsonb_array_elements_text(?::jsonb)::bigint) order by id for update',
    [JSON.stringify(leadIds)],
    needs,
  );

interface ClaimedRun {
  workspaceId: string;
  campaignId: string;
  run: Run;
  triggerDepth: number;
  graphVersion: string;
}

/** Runs the run's campaign flow from a step for each of the leads, locked, in the caller's transaction. */
async function runLocked(
  em: EntityManager,
  claimed: ClaimedRun,
  leadIds: string[],
  startStepIndex: number,
  now: Date,
) {
  const { graph, listeners } = await definitionsAt(em, claimed.workspaceId, claimed.graphVersion);
  const states = await lockLeadStates(em, leadIds, flowNeeds(graph, claimed.campaignId));
  const results = states.map(({ lead, history }) =>
    runFlow({ lead, graph, history, run: claimed.run, campaignId: claimed.campaignId, startStepIndex, now }),
  );
  return {
    workspaceId: claimed.workspaceId,
    runId: claimed.run.id,
    triggerDepth: claimed.triggerDepth,
    leads: states.map((state) => state.lead),
    results,
    listeners,
  };
}

interface ClaimRow {
  lead_ids: string[];
  workspace_id: string;
  campaign_id: string;
  kind: Run['kind'];
  tokens: RunToken[];
  trigger: Record<string, string> | null;
  trigger_depth: number;
  graph_version: string;
}

function claimedRun(runId: string, row: ClaimRow): ClaimedRun {
  return {
    workspaceId: String(row.workspace_id),
    campaignId: String(row.campaign_id),
    run: {
      id: runId,
      kind: row.kind,
      tokens: Object.fromEntries(row.tokens.map((token) => [token.name, token.value])),
      trigger: row.trigger,
    },
    triggerDepth: row.trigger_depth,
    graphVersion: String(row.graph_version),
  };
}

/** Where a request came from, for a run started by one (S3: Campaign is Requested); else null. */
function requestSource(run: Run): string | null {
  if (run.kind === 'REQUESTED') return 'API';
  return run.trigger?.name === TRIGGER_NAMES.CAMPAIGN_IS_REQUESTED ? (run.trigger.source ?? null) : null;
}

/**
 * Runs one chunk's leads through the campaign's flow and writes everything they did in one
 * transaction, with the chunk's completion marker (R4). The first statement claims the chunk: it
 * marks it complete (undone with everything else if the transaction fails) and holds its row lock
 * to the commit, so a second worker on the same chunk waits, then finds it done. The leads are
 * locked in id order, so concurrent runs on the same leads take turns and lose no change (R3).
 * Returns false when there was nothing to do: the chunk was already applied or the run is no
 * longer RUNNING (R5: a cancel that commits meanwhile lets a started chunk finish).
 */
export async function processChunk(orm: Orm, runId: string, seq: number, now: Date): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const [claim] = await query<ClaimRow>(
      em,
      `update run_chunk c set completed_at = ?
       from campaign_run r join workspace w on w.id = r.workspace_id
       where c.run_id = ? and c.seq = ? and c.completed_at is null and r.id = c.run_id and r.status = 'RUNNING'
       returning c.lead_ids, r.workspace_id, r.campaign_id, r.kind, r.tokens, r."trigger", r.trigger_depth, w.graph_version`,
      [now, runId, seq],
    );
    if (!claim) return false;
    const claimed = claimedRun(runId, claim);
    const chunk = await runLocked(em, claimed, claim.lead_ids, 0, now);
    const source = requestSource(claimed.run);
    if (source) {
      const requested: Activity = {
        type: 'CAMPAIGN_IS_REQUESTED',
        campaignId: claimed.campaignId,
        depth: 0,
        occurredAt: now,
        primaryAttributeValue: source,
        attributes: { source },
      };
      chunk.results = chunk.results.map((result) => ({
        ...result,
        activities: [requested, ...result.activities],
      }));
    }
    await applyResults(em, { ...chunk, processed: chunk.leads.length });
    return true;
  });
}

/** Marks a run COMPLETED once every chunk is applied; safe to call from every chunk's worker. */
export async function completeIfDone(orm: Orm, runId: string, now: Date): Promise<void> {
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `update campaign_run set status = 'COMPLETED', finished_at = ?
       where id = ? and status = 'RUNNING'
         and not exists (select 1 from run_chunk where run_id = ? and completed_at is null)`,
      [now, runId, runId],
    );
}

/** The CALL_WEBHOOK activity (F10, A1): the call's outcome, written where the flow resumes. */
function webhookActivity(wait: FlowWait, outcome: WebhookOutcome, now: Date): Activity {
  const request = wait.request as WebhookRequest;
  return {
    type: 'CALL_WEBHOOK',
    campaignId: wait.campaign.id,
    depth: 0,
    occurredAt: now,
    primaryAttributeValue: request.url,
    attributes: { url: request.url, method: request.method, ...outcome },
  };
}

/**
 * Resumes a lead's flow at the step after its Wait (F9) or Webhook (F10), exactly once: the row is
 * the truth, its job only the reminder. A suspension that Remove from Flow cancelled does nothing.
 * A webhook is called first, outside the transaction (a call can take up to its timeout); if the
 * job dies before its transaction commits, the retry calls again: the call is made at least once,
 * its activity and the rest of the flow exactly once.
 */
export async function resumeWait(
  orm: Orm,
  waitId: string,
  now: Date,
  webhookTimeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<boolean> {
  const pending = await orm.em.fork().findOne(FlowWait, { id: waitId, status: 'PENDING' });
  if (!pending) return false;
  const outcome =
    pending.kind === 'WEBHOOK'
      ? await callWebhook(pending.request as WebhookRequest, webhookTimeoutMs)
      : null;
  return orm.em.fork().transactional(async (em) => {
    const wait = await em.findOne(FlowWait, { id: waitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (wait?.status !== 'PENDING') return false;
    const [row] = await query<Omit<ClaimRow, 'lead_ids'>>(
      em,
      `select r.workspace_id, r.campaign_id, r.kind, r.tokens, r."trigger", r.trigger_depth, w.graph_version
       from campaign_run r join workspace w on w.id = r.workspace_id where r.id = ?`,
      [wait.run.id],
    );
    const claimed = claimedRun(wait.run.id, { ...(row as Omit<ClaimRow, 'lead_ids'>), lead_ids: [] });
    const resumed = await runLocked(em, claimed, [wait.lead.id], wait.resumeStep, now);
    wait.status = 'RESUMED';
    await em.flush();
    if (outcome) {
      resumed.results = resumed.results.map((result) => ({
        ...result,
        activities: [webhookActivity(wait, outcome, now), ...result.activities],
      }));
    }
    await applyResults(em, resumed);
    return true;
  });
}
