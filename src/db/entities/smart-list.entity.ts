import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A smart-list filter as stored: the contract's FilterInput with ids as database ids. */
export interface StoredFilter {
  kind: 'ATTRIBUTE' | 'MEMBER_OF_SMART_LIST' | 'MEMBER_OF_LIST' | 'MEMBER_OF_PROGRAM';
  attribute?: string | null;
  operator?: string | null;
  values?: string[] | null;
  smartListId?: string | null;
  staticListId?: string | null;
  programId?: string | null;
  status?: string | null;
}

/** A smart-list trigger as stored: the contract's TriggerInput with ids as database ids. */
export interface StoredTrigger {
  kind:
    | 'CAMPAIGN_IS_REQUESTED'
    | 'DATA_VALUE_CHANGES'
    | 'SCORE_IS_CHANGED'
    | 'ADDED_TO_LIST'
    | 'LEAD_IS_CREATED';
  attribute?: string | null;
  source?: 'FLOW_ACTION' | 'API' | null;
  staticListId?: string | null;
}

/** A smart-list definition as stored, on a SmartList asset or inline on a campaign. */
export interface StoredSmartListDefinition {
  rule: 'ALL' | 'ANY' | 'ADVANCED';
  advancedLogic?: string | null;
  filters: StoredFilter[];
  triggers: StoredTrigger[];
}

export const EMPTY_SMART_LIST: StoredSmartListDefinition = { rule: 'ALL', filters: [], triggers: [] };

/**
 * A reusable smart-list asset. Deleting one only marks it deleted: smart lists that reference it
 * must then report themselves invalid (E4) rather than lose the reference.
 */
export const SmartList = defineEntity({
  name: 'SmartList',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    name: p.text(),
    definition: p.json<StoredSmartListDefinition>(),
    createdAt: createdAt(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});
export type SmartList = InferEntity<typeof SmartList>;
