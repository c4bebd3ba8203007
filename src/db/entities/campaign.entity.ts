import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import {
  CAMPAIGN_STATUSES,
  type FlowStep,
  type QualificationRule,
  type SmartListDefinition,
} from '../../domain/model.js';
import { Program } from './program.entity.js';
import { createdAt, id, updatedAt, Workspace } from './workspace.entity.js';

/**
 * A flow step as stored: the domain's step (actions tagged by `type`, database ids) plus an id that
 * the step at the same position keeps when the flow is replaced.
 */
export type StoredFlowStep = FlowStep & { id: string };

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
    smartList: p.json<SmartListDefinition>(),
    flow: p.json<StoredFlowStep[]>(),
    qualificationRule: p.json<QualificationRule>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'campaign_workspace_id_index', properties: ['workspace', 'id'] }],
});
export type Campaign = InferEntity<typeof Campaign>;
