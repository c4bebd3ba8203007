import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { definitionsAt } from '../db/definitions.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { RunChunk } from '../db/entities/run-chunk.entity.js';
import type { Orm } from '../db/orm.js';
import { leadStatesPage } from '../db/sql/lead-states.js';
import { insertChunks } from '../db/sql/runs.js';
import { graphVersion } from '../db/sql/workspaces.js';
import { qualifyForCampaign } from '../domain/executor.js';
import { FINISHED_RUN_STATUSES } from '../domain/model.js';
import { audienceNeeds } from '../domain/state-needs.js';

/** Leads per chunk: one transaction writes a chunk's effects and activities. */
export const CHUNK_SIZE = 500;
/** Leads read at a time while the audience is being chosen. */
const AUDIENCE_PAGE = 2000;

/** A run's audience, and how many leads its smart list matched and its rule kept out (semantics R9). */
interface Audience {
  leadIds: string[];
  matched: number;
  excludedByRule: number;
}

/**
 * The leads that pass the campaign's smart list and qualification rule now (semantics S4, Q2): of the whole
 * workspace for a batch run, of the leads handed to it for a requested or triggered run.
 */
async function chooseAudience(em: EntityManager, run: CampaignRun, now: Date): Promise<Audience> {
  const workspaceId = run.workspace.id;
  const { graph } = await definitionsAt(em, workspaceId, await graphVersion(em, workspaceId));
  const needs = audienceNeeds(graph, run.campaign.id);
  const audience: Audience = { leadIds: [], matched: 0, excludedByRule: 0 };
  for (let after = '0'; ; ) {
    const page = { workspaceId, after, among: run.leadIds ?? null, limit: AUDIENCE_PAGE, now };
    const states = await leadStatesPage(em, page, needs);
    if (states.length === 0) return audience;
    for (const { lead, history } of states) {
      const { reason } = qualifyForCampaign({ lead, graph, history, campaignId: run.campaign.id, now });
      if (reason === null) audience.leadIds.push(lead.id);
      if (reason === null || reason === 'QUALIFICATION_RULE') audience.matched += 1;
      if (reason === 'QUALIFICATION_RULE') audience.excludedByRule += 1;
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
    for (let start = 0; start < audience.leadIds.length; start += CHUNK_SIZE) {
      chunks.push(audience.leadIds.slice(start, start + CHUNK_SIZE));
    }
    await insertChunks(em, runId, chunks);
    const seqs = chunks.map((_, seq) => seq);
    Object.assign(run, {
      status: seqs.length ? 'RUNNING' : 'COMPLETED',
      startedAt: now,
      leadsTotal: audience.leadIds.length,
      leadsMatched: audience.matched,
      leadsExcludedByRule: audience.excludedByRule,
    });
    if (seqs.length === 0) run.finishedAt = now;
    await em.flush();
    return seqs;
  });
}
