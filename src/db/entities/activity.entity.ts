import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ACTIVITY_TYPES } from '../../domain/model.js';
import { Campaign } from './campaign.entity.js';
import { CampaignRun } from './campaign-run.entity.js';
import { Lead } from './lead.entity.js';
import { Workspace } from './workspace.entity.js';

/**
 * An immutable record of something that happened to a lead.
 *
 * The id increases in commit order (semantics A2): a statement-level trigger (see the migration
 * that creates it) takes a transaction-scoped advisory lock before any row is inserted, so ids are
 * drawn from the sequence by one transaction at a time and the lock is only released once that
 * transaction's rows are visible. A reader that saw id N can therefore ask for `id > N` and miss
 * nothing. Writers insert their activities as the last statement before commit to keep that
 * serialised section short.
 *
 * The references carry no foreign-key constraints: this is the hottest table (five or more rows per
 * lead and run), its writers reference rows they have just read or locked in the same transaction,
 * and workspaces, leads, campaigns and runs are never deleted (campaigns are soft-deleted). Checking
 * the four keys row by row made the insert several times slower (measured in bench/README.md).
 */
export const Activity = defineEntity({
  name: 'Activity',
  properties: {
    id: p.bigint('string').primary(),
    workspace: () => p.manyToOne(Workspace).createForeignKeyConstraint(false),
    lead: () => p.manyToOne(Lead).createForeignKeyConstraint(false),
    campaign: () => p.manyToOne(Campaign).nullable().createForeignKeyConstraint(false),
    run: () => p.manyToOne(CampaignRun).nullable().createForeignKeyConstraint(false),
    type: p.enum([...ACTIVITY_TYPES]),
    occurredAt: p.datetime(),
    primaryAttributeValue: p.text().nullable(),
    attributes: p.json<Record<string, unknown>>().default('{}'),
  },
  indexes: [
    { name: 'activity_workspace_id_index', properties: ['workspace', 'id'] },
    { name: 'activity_lead_id_index', properties: ['lead', 'id'] },
    { name: 'activity_campaign_id_index', properties: ['campaign', 'id'] },
    { name: 'activity_run_id_index', properties: ['run', 'id'] },
    // Activity-history filters (semantics S5) count a lead's activities of a type since an instant.
    { name: 'activity_lead_type_occurred_at_index', properties: ['lead', 'type', 'occurredAt'] },
  ],
});
export type Activity = InferEntity<typeof Activity>;
