import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A folder of programs; folders nest, and My Tokens defined on one are inherited below it. */
export const Folder = defineEntity({
  name: 'Folder',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    parent: () => p.manyToOne(Folder).nullable().index(),
    name: p.text(),
    createdAt: createdAt(),
  },
});
export type Folder = InferEntity<typeof Folder>;
