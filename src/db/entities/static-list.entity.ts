import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Lead } from './lead.entity.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A static list of leads. */
export const StaticList = defineEntity({
  name: 'StaticList',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    name: p.text(),
    createdAt: createdAt(),
  },
});
export type StaticList = InferEntity<typeof StaticList>;

/** A lead's membership of a static list. */
export const StaticListMember = defineEntity({
  name: 'StaticListMember',
  properties: {
    list: () => p.manyToOne(StaticList).primary().deleteRule('cascade'),
    lead: () => p.manyToOne(Lead).primary().index().deleteRule('cascade'),
    addedAt: createdAt(),
  },
});
export type StaticListMember = InferEntity<typeof StaticListMember>;
