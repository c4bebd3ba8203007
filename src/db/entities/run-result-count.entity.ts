import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { RESULT_KINDS } from '../../domain/run-results.js';
import { CampaignRun } from './campaign-run.entity.js';

/**
 * One counter of a run's results (semantics A4), by the campaign whose flow holds the step or wrote the
 * activity. Added to in the transaction that writes the activities it counts (a chunk's, a resumed
 * wait's), so it counts each exactly once, as the activities are written (semantics R4); reading a
 * finished run's results reads a few rows, whatever its size.
 */
export const RunResultCount = defineEntity({
  name: 'RunResultCount',
  properties: {
    run: () => p.manyToOne(CampaignRun).primary().deleteRule('cascade'),
    campaignId: p.bigint('string').primary(),
    kind: p.enum([...RESULT_KINDS]).primary(),
    position: p.integer().primary(),
    key: p.text().primary(),
    count: p.integer(),
  },
  indexes: [{ name: 'run_result_count_campaign_id_index', properties: ['campaignId', 'run'] }],
});
export type RunResultCount = InferEntity<typeof RunResultCount>;
