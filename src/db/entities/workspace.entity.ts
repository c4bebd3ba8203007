import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Primary keys are bigint identities, handled as strings so no id ever loses precision in JS. */
export const id = () => p.bigint('string').primary();
export const createdAt = () => p.datetime().onCreate(() => new Date());
export const updatedAt = () =>
  p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date());

/** The tenancy boundary: every other object belongs to exactly one workspace. */
export const Workspace = defineEntity({
  name: 'Workspace',
  properties: {
    id: id(),
    name: p.text(),
    /**
     * Raised by database triggers whenever a row that makes up the workspace's campaign graph
     * (campaigns, smart lists, programs, folders, My Tokens, lead fields) or a static list is
     * written, so run workers can keep a compiled graph, and the API a snapshot, and know exactly
     * when it is stale.
     */
    graphVersion: p.bigint('string').default(0),
    createdAt: createdAt(),
  },
});
export type Workspace = InferEntity<typeof Workspace>;
