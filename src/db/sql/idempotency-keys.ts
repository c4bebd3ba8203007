import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, requireTransaction } from './query.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An idempotency key as stored: its hash, never the key itself. */
export const hashIdempotencyKey = (key: string) => sha256(`idempotency-key:${key}`);

/** The canonical text of a request as stored and compared. */
export const hashRequest = (canonicalRequest: string) => sha256(canonicalRequest);

/** The key's first request and result, when it was claimed before and has not expired. */
export interface ClaimedKey {
  requestHash: string;
  result: unknown;
}

/**
 * Claims the owner's key for this request inside the caller's transaction, or returns the claim
 * that holds it. A claim of the same key by a transaction not yet ended makes this wait for it:
 * committed, its claim is returned; rolled back, this one claims the key. An expired claim is
 * taken over.
 */
export async function claimIdempotencyKey(
  em: EntityManager,
  claim: { owner: string; keyHash: string; requestHash: string; now: Date; ttlMs: number },
): Promise<ClaimedKey | null> {
  requireTransaction(em, 'An idempotency key');
  const { owner, keyHash, requestHash, now, ttlMs } = claim;
  const claimed = await query(
    em,
    `insert into idempotency_key (owner, key_hash, request_hash, result, claimed_at)
     values (?, ?, ?, null, ?)
     on conflict (owner, key_hash) do update
       set request_hash = excluded.request_hash, result = null, claimed_at = excluded.claimed_at
       where idempotency_key.claimed_at <= excluded.claimed_at - ? * interval '1 millisecond'
     returning 1`,
    [owner, keyHash, requestHash, now, ttlMs],
  );
  if (claimed.length > 0) return null;
  const [held] = await query<{ request_hash: string; result: unknown }>(
    em,
    'select request_hash, result from idempotency_key where owner = ? and key_hash = ?',
    [owner, keyHash],
  );
  if (!held) throw new Error('An idempotency key held by another request vanished');
  return { requestHash: held.request_hash, result: held.result };
}

/** Records the result of the mutation that claimed the key, in the same transaction. */
export async function storeIdempotentResult(
  em: EntityManager,
  { owner, keyHash, result }: { owner: string; keyHash: string; result: unknown },
): Promise<void> {
  requireTransaction(em, 'An idempotent result');
  await query(em, 'update idempotency_key set result = ?::jsonb where owner = ? and key_hash = ?', [
    JSON.stringify(result),
    owner,
    keyHash,
  ]);
}

/**
 * Deletes up to `limit` claims made before `before`, skipping those another transaction holds:
 * each use of a key clears a few, so the table holds about a day of keys without a timer.
 */
export async function purgeExpiredIdempotencyKeys(
  em: EntityManager,
  before: Date,
  limit: number,
): Promise<void> {
  await query(
    em,
    `delete from idempotency_key where (owner, key_hash) in (
       select owner, key_hash from idempotency_key where claimed_at <= ?
       order by claimed_at limit ? for update skip locked)`,
    [before, limit],
  );
}
