import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import { unrevokedApiKeyIds } from '../db/sql/api-keys.js';
import type { EventBus } from '../pubsub/events.js';

/**
 * How often the keys that hold something open are checked for revocation, whether or not a
 * revocation was announced (Redis pub/sub is at-most-once, and a replica without Redis hears
 * nothing of another's revocations).
 */
export const DEFAULT_KEY_CHECK_MS = 1_000;

export interface KeyRevocationOptions {
  orm: Orm;
  events: EventBus;
  log: Logger;
  /** How often watched keys are checked in the database (DEFAULT_KEY_CHECK_MS). */
  checkMs?: number;
  /** Told of every revocation heard of (announced, or found by the check), watched key or not. */
  heard?: (apiKeyId: string) => void;
}

/** What ends the streams and sockets of revoked keys. */
export interface KeyRevocations {
  /**
   * Calls `end` once when the key is revoked: at once when its revocation is announced, at the
   * next check otherwise (a key that no longer exists counts as revoked). The returned function
   * forgets `end`; call it when what it ends has ended by itself.
   */
  onRevoked(apiKeyId: string, end: () => void): () => void;
  /** Starts following revocation announcements. */
  start(): void;
  /** Stops following announcements and checking; forgets every watcher without calling it. */
  stop(): Promise<void>;
}

/**
 * The keys of this server's open streams and sockets, each with what ends them. Revocations come
 * from the event bus (`apiKeyRevoked`, published after the revocation committed) and, for any
 * announcement that was lost, from a check of the watched keys every `checkMs` while there are any.
 */
export function createKeyRevocations(options: KeyRevocationOptions): KeyRevocations {
  const { orm, events, log } = options;
  const checkMs = options.checkMs ?? DEFAULT_KEY_CHECK_MS;
  const watchers = new Map<string, Set<() => void>>();
  let follower: AsyncIterableIterator<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let checking = false;
  let stopped = false;

  function revoked(apiKeyId: string): void {
    options.heard?.(apiKeyId);
    const ends = watchers.get(apiKeyId);
    if (!ends) return;
    watchers.delete(apiKeyId);
    updateTimer();
    for (const end of ends) {
      try {
        end();
      } catch (error) {
        log.warn({ err: loggable(error) }, 'ending what a revoked key held open failed');
      }
    }
  }

  async function check(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const keyIds = [...watchers.keys()];
      const unrevoked = await unrevokedApiKeyIds(orm.em.fork(), keyIds);
      for (const keyId of keyIds) if (!unrevoked.has(keyId)) revoked(keyId);
    } catch (error) {
      log.warn({ err: loggable(error) }, 'checking API keys for revocation failed');
    } finally {
      checking = false;
    }
  }

  function updateTimer(): void {
    const wanted = !stopped && watchers.size > 0;
    if (wanted && !timer) {
      timer = setInterval(() => void check(), checkMs);
      timer.unref();
    } else if (!wanted && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  return {
    onRevoked(apiKeyId, end) {
      let ends = watchers.get(apiKeyId);
      if (!ends) {
        ends = new Set();
        watchers.set(apiKeyId, ends);
      }
      ends.add(end);
      updateTimer();
      return () => {
        const current = watchers.get(apiKeyId);
        if (!current?.delete(end) || current.size > 0) return;
        watchers.delete(apiKeyId);
        updateTimer();
      };
    },

    start() {
      if (follower || stopped) return;
      const iterator = events.subscribe('apiKeyRevoked');
      follower = iterator;
      void (async () => {
        for await (const payload of iterator) revoked(String(payload?.apiKeyId));
      })().catch((error: unknown) => log.warn({ err: loggable(error) }, 'following key revocations stopped'));
    },

    async stop() {
      stopped = true;
      updateTimer();
      watchers.clear();
      await follower?.return?.();
    },
  };
}
