import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Folder } from './folder.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A program holds campaigns; `statuses` is its ordered progression (no backwards moves). */
export const Program = defineEntity({
  name: 'Program',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    folder: () => p.manyToOne(Folder).nullable().index(),
    name: p.text(),
    statuses: p.array().default('{}'),
    createdAt: createdAt(),
  },
});
export type Program = InferEntity<typeof Program>;
