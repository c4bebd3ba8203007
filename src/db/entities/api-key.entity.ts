import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A workspace's API key. Only a SHA-256 of the secret is kept: the secret is shown once. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    name: p.text(),
    secretHash: p.string().length(64).unique(),
    createdAt: createdAt(),
    /** When the key last authenticated a request, to the minute (it is written at most once a minute). */
    lastUsedAt: p.datetime().nullable(),
    /** Set once, when the key is revoked: from then on it authenticates nothing. */
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
