import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { FlowWait } from '../db/entities/flow-wait.entity.js';
import { Lead } from '../db/entities/lead.entity.js';
import { RunChunk } from '../db/entities/run-chunk.entity.js';
import { loadCampaignGraph, loadLeadHistories, toDomainLeads } from '../db/mappers.js';
import type { Orm } from '../db/orm.js';
import { qualifyForCampaign, runFlow } from '../domain/executor.js';
import type { Run } from '../domain/model.js';
import { applyResults } from './writes.js';

/** Leads per chunk: one transaction writes a chunk's effects and activities. */
export const CHUNK_SIZE = 500;
/** Leads read at a time while the audience is being chosen. */
const AUDIENCE_PAGE = 2000;

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

function domainRun(run: CampaignRun): Run {
  return {
    id: run.id,
    kind: run.kind,
    tokens: Object.fromEntries(run.tokens.map((token) => [token.name, token.value])),
    trigger: run.trigger ?? null,
  };
}

/**
 * The leads that pass the campaign's smart list and qualification rule now (S4, Q2): of the whole
 * workspace for a batch run, of the leads handed to it for a requested run.
 */
async function chooseAudience(em: EntityManager, run: CampaignRun, now: Date): Promise<string[]> {
  const graph = await loadCampaignGraph(em, run.workspace.id);
  const audience: string[] = [];
  for (let after = '0'; ; ) {
    const leads = await em.find(
      Lead,
      { workspace: run.workspace.id, id: run.leadIds ? { $gt: after, $in: run.leadIds } : { $gt: after } },
      { orderBy: { id: 'asc' }, limit: AUDIENCE_PAGE, disableIdentityMap: true },
    );
    if (leads.length === 0) return audience;
    const domainLeads = await toDomainLeads(em, leads);
    const histories = await loadLeadHistories(
      em,
      leads.map((lead) => lead.id),
    );
    for (const lead of domainLeads) {
      const history = histories.get(lead.id) ?? {};
      if (qualifyForCampaign({ lead, graph, history, campaignId: run.campaign.id, now }).qualified) {
        audience.push(lead.id);
      }
    }
    after = (leads.at(-1) as Lead).id;
  }
}

/**
 * Starts a run: fixes its audience in chunks and marks it RUNNING. Idempotent: a run already
 * planned keeps its chunks. Returns the sequence numbers of the chunks still to process.
 */
export async function planRun(orm: Orm, runId: string, now: Date): Promise<number[]> {
  return orm.em.fork().transactional(async (em) => {
    const run = await em.findOneOrFail(CampaignRun, { id: runId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (FINISHED.has(run.status)) return [];
    const planned = await em.find(RunChunk, { run: runId }, { orderBy: { seq: 'asc' } });
    if (planned.length > 0 || run.status === 'RUNNING') {
      return planned.filter((chunk) => !chunk.completedAt).map((chunk) => chunk.seq);
    }
    const audience = await chooseAudience(em, run, now);
    const seqs: number[] = [];
    for (let start = 0; start < audience.length; start += CHUNK_SIZE) {
      const seq = seqs.length;
      em.create(RunChunk, { run: runId, seq, leadIds: audience.slice(start, start + CHUNK_SIZE) });
      seqs.push(seq);
    }
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

/**
 * Locks the leads (in id order, so concurrent runs take turns without deadlocks: R3) and runs the
 * run's campaign flow for each from a step, in the caller's transaction.
 */
async function runLocked(
  em: EntityManager,
  run: CampaignRun,
  leadIds: string[],
  startStepIndex: number,
  now: Date,
) {
  const leads = await em.find(
    Lead,
    { id: { $in: leadIds } },
    { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const graph = await loadCampaignGraph(em, run.workspace.id);
  const domainLeads = await toDomainLeads(em, leads);
  const histories = await loadLeadHistories(em, leadIds);

  const results = domainLeads.map((lead) =>
    runFlow({
      lead,
      graph,
      history: histories.get(lead.id) ?? {},
      run: domainRun(run),
      campaignId: run.campaign.id,
      startStepIndex,
      now,
    }),
  );
  return { domainLeads, results };
}

/**
 * Runs one chunk's leads through the campaign's flow and writes everything they did in one
 * transaction, with the chunk's completion marker (R4). The leads are locked in id order for the
 * transaction, so concurrent runs on the same leads take turns and lose no change (R3). Returns
 * false when there was nothing to do: the chunk was already applied or the run was cancelled (R5).
 */
export async function processChunk(orm: Orm, runId: string, seq: number, now: Date): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const chunk = await em.findOne(RunChunk, { run: runId, seq }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!chunk || chunk.completedAt) return false;
    // Read, not locked: chunks of one run proceed in parallel. A cancel that commits meanwhile lets
    // this chunk finish; it stops the chunks that have not started (R5).
    const run = await em.findOneOrFail(CampaignRun, { id: runId });
    if (run.status !== 'RUNNING') return false;
    const { domainLeads, results } = await runLocked(em, run, chunk.leadIds, 0, now);
    chunk.completedAt = now;
    await em.flush();
    await em
      .getConnection()
      .execute(
        'update campaign_run set leads_processed = leads_processed + ?, leads_qualified = leads_qualified + ? where id = ?',
        [domainLeads.length, domainLeads.length, runId],
        'run',
        em.getTransactionContext(),
      );
    await applyResults(em, { workspaceId: run.workspace.id, runId, leads: domainLeads, results });
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

/**
 * Resumes a lead's flow at the step after its Wait (F9), exactly once: the wait row is the truth,
 * its job only the reminder. A wait that Remove from Flow cancelled does nothing.
 */
export async function resumeWait(orm: Orm, waitId: string, now: Date): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const wait = await em.findOne(FlowWait, { id: waitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (wait?.status !== 'PENDING') return false;
    const run = await em.findOneOrFail(CampaignRun, { id: wait.run.id });
    const { domainLeads, results } = await runLocked(em, run, [wait.lead.id], wait.resumeStep, now);
    wait.status = 'RESUMED';
    await em.flush();
    await applyResults(em, { workspaceId: run.workspace.id, runId: run.id, leads: domainLeads, results });
    return true;
  });
}
