import type { AuthenticatedKey } from '../db/sql/api-keys.js';

/**
 * How long a key found valid is trusted without another lookup. A revocation this process makes,
 * or hears announced, forgets the key at once; one it does not hear of (a lost announcement, a
 * replica without Redis) takes effect here within this long, so within 2 s, as the key's open
 * streams end (DEFAULT_KEY_CHECK_MS).
 */
export const KEY_CACHE_MS = 1_000;

/**
 * The most keys remembered at once; past it, the one validated longest ago is forgotten. Only keys
 * found valid are remembered, so that unknown keys sent over and over take no memory.
 */
export const KEY_CACHE_ENTRIES = 4_096;

export interface KeyCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
}

/** The workspace keys this process found valid lately, by the hash of their secret. */
export interface KeyCache {
  /**
   * The key of this secret hash: the remembered one while its validation is under `ttlMs` old,
   * else what `lookup` finds, remembered when found. Calls for a hash not remembered share the
   * lookup in flight, if any.
   */
  authenticate(
    secretHash: string,
    lookup: () => Promise<AuthenticatedKey | null>,
  ): Promise<AuthenticatedKey | null>;
  /**
   * Forgets the key: its next use is looked up. Lookups in flight are no longer shared, nor their
   * results remembered, since they may have read the key before its revocation committed.
   */
  forget(apiKeyId: string): void;
}

interface Validated {
  key: AuthenticatedKey;
  until: number;
}

export function createKeyCache(options: KeyCacheOptions = {}): KeyCache {
  const ttlMs = options.ttlMs ?? KEY_CACHE_MS;
  const maxEntries = options.maxEntries ?? KEY_CACHE_ENTRIES;
  // In validation order (a key validated again moves to the end): the first is the stalest.
  const validated = new Map<string, Validated>();
  const lookups = new Map<string, Promise<AuthenticatedKey | null>>();
  let forgettings = 0;

  /** Trusts the key until `ttlMs` after `askedAt`, when its lookup was sent: it read no later. */
  function remember(secretHash: string, key: AuthenticatedKey, askedAt: number): void {
    validated.delete(secretHash);
    if (validated.size >= maxEntries) {
      const stalest = validated.keys().next();
      if (!stalest.done) validated.delete(stalest.value);
    }
    validated.set(secretHash, { key, until: askedAt + ttlMs });
  }

  return {
    authenticate(secretHash, lookup) {
      const remembered = validated.get(secretHash);
      if (remembered && remembered.until > performance.now()) return Promise.resolve(remembered.key);
      const shared = lookups.get(secretHash);
      if (shared) return shared;
      const forgettingsBefore = forgettings;
      const askedAt = performance.now();
      const looked = lookup().then(
        (key) => {
          if (lookups.get(secretHash) === looked) lookups.delete(secretHash);
          if (!key) validated.delete(secretHash);
          else if (forgettings === forgettingsBefore) remember(secretHash, key, askedAt);
          return key;
        },
        (error: unknown) => {
          if (lookups.get(secretHash) === looked) lookups.delete(secretHash);
          throw error;
        },
      );
      lookups.set(secretHash, looked);
      return looked;
    },

    forget(apiKeyId) {
      forgettings += 1;
      lookups.clear();
      for (const [secretHash, { key }] of validated) {
        if (key.id === apiKeyId) validated.delete(secretHash);
      }
    },
  };
}
