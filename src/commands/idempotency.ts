import {
  claimIdempotencyKey,
  hashIdempotencyKey,
  hashRequest,
  purgeExpiredIdempotencyKeys,
  storeIdempotentResult,
} from '../db/sql/idempotency-keys.js';
import { canonicalRequest, IDEMPOTENCY_KEY_TTL_MS, keyReusedError } from '../domain/idempotency.js';
import type { Announcer } from './announcer.js';
import type { CommandContext } from './context.js';

/** Expired claims each use of a key clears. */
const PURGED_PER_USE = 100;

/** A mutation field called with an idempotency key (semantics R7). */
export interface IdempotentRequest {
  /** `admin`, or `api-key:<id>`: whose keys these are. */
  owner: string;
  key: string;
  mutation: string;
  /** The field's arguments as parsed, without the key. */
  args: Record<string, unknown>;
}

/** How a mutation's result is kept for its retries and given back to them. */
export interface IdempotentEffect<T> {
  run(ctx: CommandContext): Promise<T>;
  /** What is stored of the result (ids, not objects): JSON. */
  keep(result: T, request: IdempotentRequest): unknown;
  /** The result of a retry, from what `keep` stored. */
  replay(kept: unknown, request: IdempotentRequest, ctx: CommandContext): Promise<T>;
}

/**
 * An announcer that holds what it is told until `release`: what the mutation announces is told
 * once its transaction, which the claim of its key belongs to, has committed.
 */
function heldAnnouncer(announcer: Announcer): { held: Announcer; release(): Promise<void> } {
  const calls: (() => Promise<void>)[] = [];
  const hold =
    <A extends unknown[]>(tell: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      calls.push(() => tell(...args));
    };
  return {
    held: {
      activitiesCommitted: hold(announcer.activitiesCommitted),
      runUpdated: hold(announcer.runUpdated),
      chunkCommitted: hold(announcer.chunkCommitted),
      waitResumed: hold(announcer.waitResumed),
      apiKeyRevoked: hold(announcer.apiKeyRevoked),
    },
    release: async () => {
      for (const call of calls) await call();
    },
  };
}

/**
 * Runs the mutation once per key (semantics R7): the claim of the key and the mutation's effect
 * commit together, so a refused or failed first attempt leaves the key free for its retry. A
 * retry with the same arguments gets the first result back and changes nothing; one with other
 * arguments, or another mutation, is refused. A retry arriving while the first attempt runs waits
 * for it. Without a request, the mutation just runs.
 */
export async function idempotently<T>(
  ctx: CommandContext,
  request: IdempotentRequest | null,
  effect: IdempotentEffect<T>,
): Promise<T> {
  if (!request) return effect.run(ctx);
  const now = new Date();
  await purgeExpiredIdempotencyKeys(
    ctx.em.fork(),
    new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS),
    PURGED_PER_USE,
  );
  const owner = request.owner;
  const keyHash = hashIdempotencyKey(request.key);
  const requestHash = hashRequest(canonicalRequest(request.mutation, request.args));
  const { held, release } = heldAnnouncer(ctx.announcer);
  const outcome = await ctx.em.transactional(async (em): Promise<{ result: T } | { kept: unknown }> => {
    const claimed = await claimIdempotencyKey(em, {
      owner,
      keyHash,
      requestHash,
      now,
      ttlMs: IDEMPOTENCY_KEY_TTL_MS,
    });
    if (claimed) {
      if (claimed.requestHash !== requestHash) throw keyReusedError();
      return { kept: claimed.result };
    }
    const result = await effect.run({ ...ctx, em, announcer: held });
    await storeIdempotentResult(em, { owner, keyHash, result: effect.keep(result, request) });
    return { result };
  });
  if ('result' in outcome) {
    await release();
    return outcome.result;
  }
  return effect.replay(outcome.kept, request, ctx);
}
