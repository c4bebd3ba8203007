import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { definitionsAt } from '../db/definitions.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { RunChunk } from '../db/entities/run-chunk.entity.js';
import type { Orm } from '../db/orm.js';
import { leadStates, nextAudienceIds, openAudienceCursor } from '../db/sql/lead-states.js';
import { insertChunks } from '../db/sql/runs.js';
import { graphVersion } from '../db/sql/workspaces.js';
import { qualifyForCampaign } from '../domain/executor.js';
import { FINISHED_RUN_STATUSES } from '../domain/model.js';
import { audienceNeeds } from '../domain/state-needs.js';

/** Leads per chunk: one transaction writes a chunk's effects and activities. */
export const CHUNK_SIZE = 500;
/** Leads read at a time while the audience is being chosen; chunks stay full whatever its size. */
const AUDIENCE_PAGE = 2000;

/** How many leads a run's audience holds, of how many its smart list matched and its rule kept out (semantics R9). */
interface Audience {
  total: number;
  matched: number;
  excludedByRule: number;
  chunks: number;
}

/**
 * Chooses the leads that pass the campaign's smart list and qualification rule now
 * (semantics S4, Q2), of the whole workspace for a batch run, of the leads handed to it for a requested or triggered
 * run, and saves them as the run's chunks as they are found: one scan of the leads in id order, in
 * pages of `pageSize`, memory bounded by a page whatever the audience.
 */
async function chunkAudience(
  em: EntityManager,
  run: CampaignRun,
  now: Date,
  pageSize: number,
): Promise<Audience> {
  const workspaceId = run.workspace.id;
  const { graph } = await definitionsAt(em, workspaceId, await graphVersion(em, workspaceId));
  const needs = audienceNeeds(graph, run.campaign.id);
  const audience: Audience = { total: 0, matched: 0, excludedByRule: 0, chunks: 0 };
  let pending: string[] = [];
  const save = async (chunks: string[][]) => {
    await insertChunks(em, run.id, audience.chunks, chunks);
    audience.chunks += chunks.length;
  };
  await openAudienceCursor(em, workspaceId, run.leadIds ?? null);
  for (
    let ids = await nextAudienceIds(em, pageSize);
    ids.length > 0;
    ids = await nextAudienceIds(em, pageSize)
  ) {
    const states = await leadStates(em, ids, needs, { lock: false, now });
    for (const { lead, history } of states) {
      const { reason } = qualifyForCampaign({ lead, graph, history, campaignId: run.campaign.id, now });
      if (reason === null) pending.push(lead.id);
      if (reason === null || reason === 'QUALIFICATION_RULE') audience.matched += 1;
      if (reason === 'QUALIFICATION_RULE') audience.excludedByRule += 1;
    }
    const full = Math.floor(pending.length / CHUNK_SIZE) * CHUNK_SIZE;
    if (full > 0) {
      await save(slices(pending.slice(0, full)));
      audience.total += full;
      pending = pending.slice(full);
    }
  }
  if (pending.length > 0) await save([pending]);
  audience.total += pending.length;
  return audience;
}

/** The ids in chunks of CHUNK_SIZE, the last one shorter. */
function slices(ids: string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += CHUNK_SIZE)
    chunks.push(ids.slice(start, start + CHUNK_SIZE));
  return chunks;
}

/**
 * Starts a run: fixes its audience in chunks and marks it RUNNING. Idempotent: a run already
 * planned keeps its chunks. Returns the sequence numbers of the chunks still to process.
 */
export async function planRun(
  orm: Orm,
  runId: string,
  now: Date,
  { pageSize = AUDIENCE_PAGE }: { pageSize?: number } = {},
): Promise<number[]> {
  return orm.em.fork().transactional(async (em) => {
    const run = await em.findOneOrFail(CampaignRun, { id: runId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (FINISHED_RUN_STATUSES.includes(run.status)) return [];
    const planned = await em.find(RunChunk, { run: runId }, { orderBy: { seq: 'asc' } });
    if (planned.length > 0 || run.status === 'RUNNING') {
      return planned.filter((chunk) => !chunk.completedAt).map((chunk) => chunk.seq);
    }
    const audience = await chunkAudience(em, run, now, pageSize);
    const seqs = Array.from({ length: audience.chunks }, (_, seq) => seq);
    Object.assign(run, {
      status: seqs.length ? 'RUNNING' : 'COMPLETED',
      startedAt: now,
      leadsTotal: audience.total,
      leadsMatched: audience.matched,
      leadsExcludedByRule: audience.excludedByRule,
    });
    if (seqs.length === 0) run.finishedAt = now;
    await em.flush();
    return seqs;
  });
}
