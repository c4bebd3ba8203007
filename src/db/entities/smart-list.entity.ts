import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { SmartListDefinition } from '../../domain/model.js';
import { createdAt, id, updatedAt, Workspace } from './workspace.entity.js';

/** Smart lists are stored in the domain's shape, with database ids. */
export const EMPTY_SMART_LIST: SmartListDefinition = { rule: 'ALL', filters: [], triggers: [] };

/**
 * A reusable smart-list asset. Deleting one only marks it deleted: smart lists that reference it
 * must then report themselves invalid (semantics E4) rather than lose the reference.
 */
export const SmartList = defineEntity({
  name: 'SmartList',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    name: p.text(),
    definition: p.json<SmartListDefinition>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: p.datetime().nullable(),
  },
});
export type SmartList = InferEntity<typeof SmartList>;
