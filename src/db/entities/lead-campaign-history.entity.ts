import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Campaign } from './campaign.entity.js';
import { Lead } from './lead.entity.js';

/**
 * How often and when a lead last went through a campaign's flow: what qualification rules read.
 *
 * No foreign-key constraints, for the reason the activity table has none (see its entity): every
 * chunk upserts a row per lead and campaign its flows ran, for leads it holds locked and campaigns
 * of the graph it ran, and leads and campaigns are never deleted (campaigns are soft-deleted).
 * Checking the two keys row by row made the upsert several times slower (bench/README.md).
 */
export const LeadCampaignHistory = defineEntity({
  name: 'LeadCampaignHistory',
  properties: {
    lead: () => p.manyToOne(Lead).primary().createForeignKeyConstraint(false),
    campaign: () => p.manyToOne(Campaign).primary().index().createForeignKeyConstraint(false),
    runCount: p.integer(),
    firstRunAt: p.datetime(),
    lastRunAt: p.datetime(),
  },
});
export type LeadCampaignHistory = InferEntity<typeof LeadCampaignHistory>;
