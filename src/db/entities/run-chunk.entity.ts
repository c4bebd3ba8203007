import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CampaignRun } from './campaign-run.entity.js';

/**
 * A slice of a batch run's audience, fixed when the run starts (semantics S4). Its `completedAt` is set in
 * the same transaction that writes the chunk's effects and activities, so a chunk is applied exactly
 * once however often its job runs (semantics R4).
 */
export const RunChunk = defineEntity({
  name: 'RunChunk',
  properties: {
    run: () => p.manyToOne(CampaignRun).primary().deleteRule('cascade'),
    seq: p.integer().primary(),
    leadIds: p.json<string[]>(),
    completedAt: p.datetime().nullable(),
  },
});
export type RunChunk = InferEntity<typeof RunChunk>;
