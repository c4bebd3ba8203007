import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Campaign } from './campaign.entity.js';
import { Lead } from './lead.entity.js';

/** How often and when a lead last went through a campaign's flow: what qualification rules read. */
export const LeadCampaignHistory = defineEntity({
  name: 'LeadCampaignHistory',
  properties: {
    lead: () => p.manyToOne(Lead).primary().deleteRule('cascade'),
    campaign: () => p.manyToOne(Campaign).primary().index(),
    runCount: p.integer(),
    firstRunAt: p.datetime(),
    lastRunAt: p.datetime(),
  },
});
export type LeadCampaignHistory = InferEntity<typeof LeadCampaignHistory>;
