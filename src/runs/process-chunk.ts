import type { Orm } from '../db/orm.js';
import { claimChunk, completeRunIfDone } from '../db/sql/runs.js';
import type { Activity } from '../domain/model.js';
import { requestSource } from '../domain/triggers.js';
import { applyResults } from './apply-results.js';
import { runFlowsLocked } from './flow-runner.js';

/**
 * Runs one chunk's leads through the campaign's flow and writes everything they did in one
 * transaction, with the chunk's completion marker (semantics R4): its claim holds the chunk until the commit.
 * Returns false when there was nothing to do: the chunk was already applied or the run is no
 * longer RUNNING (semantics R5: a cancel that commits meanwhile lets a started chunk finish).
 */
export async function processChunk(orm: Orm, runId: string, seq: number, now: Date): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const claim = await claimChunk(em, runId, seq, now);
    if (!claim) return false;
    const { claimed, leadIds } = claim;
    const chunk = await runFlowsLocked(em, claimed, leadIds, 0, now);
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
  await completeRunIfDone(orm.em.fork(), runId, now);
}
