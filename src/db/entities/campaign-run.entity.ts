import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { RUN_KINDS, RUN_STATUSES, type TokenType } from '../../domain/model.js';
import { Campaign } from './campaign.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A My Token value passed for one run (API tokens), stored as `my.x`. */
export interface RunToken {
  name: string;
  type: TokenType;
  value: string;
}

/** One execution of a campaign, with its token overrides, status and progress counters. */
export const CampaignRun = defineEntity({
  name: 'CampaignRun',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    kind: p.enum([...RUN_KINDS]),
    /**
     * The id of the recurrence (semantics R6) that made this run, so that replacing or cancelling it
     * cancels every run it made that has not started; null for other runs. An id, not a relation:
     * the recurrence's entity refers to its first run, and the run outlives it.
     */
    scheduleId: p.bigint('string').nullable(),
    status: p.enum([...RUN_STATUSES]),
    scheduledFor: p.datetime().nullable(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    leadsTotal: p.integer().nullable(),
    /** Leads the smart list matched when the run started (semantics S4); null until then. */
    leadsMatched: p.integer().nullable(),
    /** Of those, leads the qualification rule kept out (semantics Q2); null until the run started. */
    leadsExcludedByRule: p.integer().nullable(),
    leadsProcessed: p.integer().default(0),
    leadsQualified: p.integer().default(0),
    tokens: p.json<RunToken[]>().default('[]'),
    /** REQUESTED and TRIGGERED runs: the leads handed to the run. */
    leadIds: p.json<string[]>().nullable(),
    /** TRIGGERED runs: what fired them, for trigger tokens. */
    trigger: p.json<Record<string, string>>().nullable(),
    /** TRIGGERED runs: the trigger tokens that differ by lead (values), by lead id. */
    leadTriggers: p.json<Record<string, Record<string, string>>>().nullable(),
    /**
     * How many runs triggered one another to lead to this one: 0 for a run started through the API,
     * the causing run's depth + 1 for a run its flows triggered or requested. Bounded to break
     * trigger loops (see `MAX_TRIGGER_DEPTH`).
     */
    triggerDepth: p.integer().default(0),
    error: p.text().nullable(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'campaign_run_campaign_id_index', properties: ['campaign', 'id'] },
    { name: 'campaign_run_workspace_id_index', properties: ['workspace', 'id'] },
    /** Replacing or cancelling a recurrence finds its runs, and deleting it clears their link. */
    { name: 'campaign_run_schedule_id_index', properties: ['scheduleId'] },
  ],
});
export type CampaignRun = InferEntity<typeof CampaignRun>;
