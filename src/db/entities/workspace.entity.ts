import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Primary keys are bigint identities, handled as strings so no id ever loses precision in JS. */
export const id = () => p.bigint('string').primary();
export const createdAt = () => p.datetime().onCreate(() => new Date());

/** The tenancy boundary: every other object belongs to exactly one workspace. */
export const Workspace = defineEntity({
  name: 'Workspace',
  properties: {
    id: id(),
    name: p.text(),
    createdAt: createdAt(),
  },
});
export type Workspace = InferEntity<typeof Workspace>;
