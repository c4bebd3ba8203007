import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * An idempotency key claimed by an API key (or the admin key) with the first result of its
 * mutation, for 24 hours (semantics R7). The key is kept as a hash, so a reader of the table
 * cannot replay it nor open a sealed secret of its result.
 */
export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  properties: {
    /** `admin`, or `api-key:<id>`: keys of different callers never meet. */
    owner: p.string().primary(),
    keyHash: p.string().primary(),
    requestHash: p.string(),
    result: p.json<unknown>().nullable(),
    claimedAt: p.datetime().index(),
  },
});
export type IdempotencyKey = InferEntity<typeof IdempotencyKey>;
