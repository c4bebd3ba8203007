import { describe, expect, it, vi } from 'vitest';
import type { AuthenticatedKey } from '../../src/db/sql/api-keys.js';
import { createKeyCache } from '../../src/server/key-cache.js';

const keyOf = (id: string): AuthenticatedKey => ({ id, workspaceId: '1' });

/** A lookup that finds the keys of `found` (secret hash → key) and counts its calls. */
const lookupIn = (found: Record<string, AuthenticatedKey>) => {
  const lookup = vi.fn(async (secretHash: string) => found[secretHash] ?? null);
  return { lookup, by: (secretHash: string) => () => lookup(secretHash) };
};

describe('the cache of valid keys', () => {
  it('remembers a valid key for its time, then looks it up again', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const cache = createKeyCache({ ttlMs: 1_000 });
      const { lookup, by } = lookupIn({ a: keyOf('1') });
      expect(await cache.authenticate('a', by('a'))).toEqual(keyOf('1'));
      vi.advanceTimersByTime(999);
      expect(await cache.authenticate('a', by('a'))).toEqual(keyOf('1'));
      expect(lookup).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(await cache.authenticate('a', by('a'))).toEqual(keyOf('1'));
      expect(lookup).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts its time from when the lookup was sent, not from its answer', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const cache = createKeyCache({ ttlMs: 1_000 });
      const { lookup } = lookupIn({});
      const slowLookup = async () => {
        vi.advanceTimersByTime(600);
        return keyOf('1');
      };
      expect(await cache.authenticate('a', slowLookup)).toEqual(keyOf('1'));
      vi.advanceTimersByTime(400);
      expect(await cache.authenticate('a', () => lookup('a'))).toBeNull();
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never remembers a key not found: each use is looked up', async () => {
    const cache = createKeyCache();
    const { lookup, by } = lookupIn({});
    for (let i = 0; i < 3; i++) expect(await cache.authenticate('unknown', by('unknown'))).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it('holds at most its number of keys, forgetting the one validated longest ago', async () => {
    const cache = createKeyCache({ maxEntries: 2 });
    const { lookup, by } = lookupIn({ a: keyOf('1'), b: keyOf('2'), c: keyOf('3') });
    for (const hash of ['a', 'b', 'c', 'b', 'c']) await cache.authenticate(hash, by(hash));
    expect(lookup).toHaveBeenCalledTimes(3);
    await cache.authenticate('a', by('a'));
    expect(lookup).toHaveBeenCalledTimes(4);
  });

  it('forgets a key at once, and only that key', async () => {
    const cache = createKeyCache();
    const { lookup, by } = lookupIn({ a: keyOf('1'), b: keyOf('2') });
    await cache.authenticate('a', by('a'));
    await cache.authenticate('b', by('b'));
    cache.forget('1');
    await cache.authenticate('a', by('a'));
    await cache.authenticate('b', by('b'));
    expect(lookup.mock.calls.map(([hash]) => hash)).toEqual(['a', 'b', 'a']);
  });

  it('shares a lookup in flight, but not past a revocation, and then does not remember its result', async () => {
    const cache = createKeyCache();
    const answers: ((key: AuthenticatedKey | null) => void)[] = [];
    const slow = vi.fn(() => new Promise<AuthenticatedKey | null>((resolve) => answers.push(resolve)));
    const first = cache.authenticate('a', slow);
    const joined = cache.authenticate('a', slow);
    expect(slow).toHaveBeenCalledTimes(1);
    cache.forget('1');
    const afterRevocation = cache.authenticate('a', slow);
    expect(slow).toHaveBeenCalledTimes(2);
    // The first lookup read the key before its revocation committed; the second, after.
    answers[0]?.(keyOf('1'));
    answers[1]?.(null);
    expect(await Promise.all([first, joined, afterRevocation])).toEqual([keyOf('1'), keyOf('1'), null]);
    const next = cache.authenticate('a', slow);
    expect(slow).toHaveBeenCalledTimes(3);
    answers[2]?.(null);
    expect(await next).toBeNull();
  });

  it('lets a failed lookup fail, and looks up again next time', async () => {
    const cache = createKeyCache();
    await expect(cache.authenticate('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.authenticate('a', async () => keyOf('1'))).toEqual(keyOf('1'));
  });
});
