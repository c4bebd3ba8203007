import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Program } from './program.entity.js';
import type { StoredFilter, StoredSmartListDefinition } from './smart-list.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** One flow action as stored: exactly one key, as in the contract's @oneOf FlowActionInput. */
export type StoredFlowAction =
  | { changeScore: { scoreName: string; change: string } }
  | { changeDataValue: { attribute: string; value: string | null } }
  | { executeCampaign: { campaignId: string; useParentTokenContext: boolean } }
  | { requestCampaign: { campaignId: string } }
  | { removeFromFlow: { campaignIds: string[] } }
  | { addToList: { listId: string } }
  | { removeFromList: { listId: string } }
  | { changeProgramStatus: { programId: string; status: string } }
  | { wait: { seconds: number } }
  | { webhook: { url: string; method: string; body: string | null } }
  | { interestingMoment: { kind: string; description: string } };

/** A flow step as stored: a default action (or none) and choices checked in order. */
export interface StoredFlowStep {
  /** Stable across edits of the flow, so that a waiting lead resumes at the right step. */
  id: string;
  action: StoredFlowAction | null;
  choices: { when: StoredFilter; action: StoredFlowAction | null }[];
}

export interface StoredQualificationRule {
  kind: 'ONCE' | 'EVERY_TIME' | 'ONCE_EVERY';
  every?: number | null;
  unit?: 'HOURS' | 'DAYS' | 'WEEKS' | 'MONTHS' | null;
}

export const CAMPAIGN_STATUSES = ['INACTIVE', 'ACTIVE'] as const;

/**
 * A smart campaign. Its type is derived, not stored: EXECUTABLE when `isExecutable`, else TRIGGER
 * when its smart list has triggers, else BATCH. Deleting one marks it deleted, since runs and
 * activities keep pointing at it.
 */
export const Campaign = defineEntity({
  name: 'Campaign',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    program: () => p.manyToOne(Program).index(),
    name: p.text(),
    description: p.text().nullable(),
    isExecutable: p.boolean().default(false),
    status: p.enum([...CAMPAIGN_STATUSES]).default('INACTIVE'),
    smartList: p.json<StoredSmartListDefinition>(),
    flow: p.json<StoredFlowStep[]>(),
    qualificationRule: p.json<StoredQualificationRule>(),
    createdAt: createdAt(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'campaign_workspace_id_index', properties: ['workspace', 'id'] }],
});
export type Campaign = InferEntity<typeof Campaign>;
