import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { RECURRENCE_UNITS } from '../../domain/recurrence.js';
import { Campaign } from './campaign.entity.js';
import { CampaignRun, type RunToken } from './campaign-run.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/**
 * A batch campaign's recurrence (semantics R6), at most one per campaign: when its occurrences fall
 * and which one starts next. Its job (key per campaign) starts the next occurrence's run and moves
 * `nextStep` on in one transaction, so an occurrence starts exactly once.
 */
export const CampaignSchedule = defineEntity({
  name: 'CampaignSchedule',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    every: p.enum([...RECURRENCE_UNITS]),
    interval: p.integer(),
    weekdaysOnly: p.boolean(),
    endAt: p.datetime().nullable(),
    timeZone: p.text(),
    /** Step 0 of the sequence: the first occurrence's wall time in the zone fixes every other. */
    anchorAt: p.datetime(),
    /**
     * The first occurrence's run, made by scheduleCampaign itself: replacing or cancelling the
     * recurrence cancels it while it has not started.
     */
    firstRun: () => p.manyToOne(CampaignRun),
    /** The API tokens every occurrence's run gets. */
    tokens: p.json<RunToken[]>().default('[]'),
    /** The next occurrence not yet started; both null once the recurrence has ended. */
    nextStep: p.integer().nullable(),
    nextAt: p.datetime().nullable(),
    createdAt: createdAt(),
  },
  uniques: [{ name: 'campaign_schedule_campaign_id_unique', properties: ['campaign'] }],
});
export type CampaignSchedule = InferEntity<typeof CampaignSchedule>;
