import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { WebhookRequest } from '../../domain/flow-records.js';
import { Campaign } from './campaign.entity.js';
import { CampaignRun } from './campaign-run.entity.js';
import { Lead } from './lead.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** FAILED: its resume job gave up (see `error`); the lead's remaining steps never ran. */
export const WAIT_STATUSES = ['PENDING', 'RESUMED', 'CANCELLED', 'FAILED'] as const;
/**
 * WAIT: resumes at `resumeAt` (semantics F9). WEBHOOK: resumes once the call in `request` is made
 * (semantics F10).
 */
export const SUSPENSION_KINDS = ['WAIT', 'WEBHOOK'] as const;

/**
 * A lead's flow paused at a Wait (semantics F9) or a Webhook (semantics F10) step. The row is the durable
 * truth; the job that wakes it is only a reminder, so a lost or repeated job can neither lose nor repeat the
 * resume.
 */
export const FlowWait = defineEntity({
  name: 'FlowWait',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    run: () => p.manyToOne(CampaignRun).index(),
    campaign: () => p.manyToOne(Campaign),
    lead: () => p.manyToOne(Lead),
    kind: p.enum([...SUSPENSION_KINDS]).default('WAIT'),
    /** WEBHOOK: the call to make, tokens resolved. */
    request: p.json<WebhookRequest>().nullable(),
    /** Position of the step the flow resumes at. */
    resumeStep: p.integer(),
    resumeAt: p.datetime(),
    status: p.enum([...WAIT_STATUSES]).default('PENDING'),
    /** FAILED: why, as a run's error says it: the failure's kind only, never its values. */
    error: p.text().nullable(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'flow_wait_lead_campaign_index', properties: ['lead', 'campaign'] },
    { name: 'flow_wait_resume_at_index', properties: ['resumeAt'] },
  ],
});
export type FlowWait = InferEntity<typeof FlowWait>;
