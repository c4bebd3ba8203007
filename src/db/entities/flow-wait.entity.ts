import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Campaign } from './campaign.entity.js';
import { CampaignRun } from './campaign-run.entity.js';
import { Lead } from './lead.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

export const WAIT_STATUSES = ['PENDING', 'RESUMED', 'CANCELLED'] as const;

/**
 * A lead paused at a Wait step (F9). The row is the durable truth; the job that wakes it is only a
 * reminder, so a lost or repeated job can neither lose nor repeat the resume.
 */
export const FlowWait = defineEntity({
  name: 'FlowWait',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    run: () => p.manyToOne(CampaignRun).index(),
    campaign: () => p.manyToOne(Campaign),
    lead: () => p.manyToOne(Lead),
    /** Position of the step the flow resumes at. */
    resumeStep: p.integer(),
    resumeAt: p.datetime(),
    status: p.enum([...WAIT_STATUSES]).default('PENDING'),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'flow_wait_lead_campaign_index', properties: ['lead', 'campaign'] },
    { name: 'flow_wait_resume_at_index', properties: ['resumeAt'] },
  ],
});
export type FlowWait = InferEntity<typeof FlowWait>;
