import type { EntityManager } from '@mikro-orm/postgresql';

/** What is kept for a workspace, and the `graph_version` it holds for. */
export interface VersionedEntry<T> {
  version: string;
  value: T;
}

/**
 * Values kept per workspace while its `graph_version` stays, one cache per database (keyed by the
 * ORM's configuration, which its forks share: ids are per database), holding at most `capacity`
 * workspaces, the least recently used dropped first.
 */
export function workspaceVersionCache<T>(capacity: number) {
  const caches = new WeakMap<object, Map<string, VersionedEntry<T>>>();
  const cacheOf = (em: EntityManager) => {
    let cache = caches.get(em.config);
    if (!cache) {
      cache = new Map();
      caches.set(em.config, cache);
    }
    return cache;
  };
  return {
    /** The value kept for the workspace at `version` (now the most recently used), if any. */
    get(em: EntityManager, workspaceId: string, version: string): T | undefined {
      const cache = cacheOf(em);
      const cached = cache.get(workspaceId);
      if (cached?.version !== version) return undefined;
      cache.delete(workspaceId);
      cache.set(workspaceId, cached);
      return cached.value;
    },
    /** Keeps `value` for the workspace at `version`; the entry returned may have its version moved on. */
    set(em: EntityManager, workspaceId: string, version: string, value: T): VersionedEntry<T> {
      const cache = cacheOf(em);
      const entry = { version, value };
      cache.delete(workspaceId);
      cache.set(workspaceId, entry);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return entry;
    },
    /** Drops `entry`, unless another has replaced it since. */
    drop(em: EntityManager, workspaceId: string, entry: VersionedEntry<T>): void {
      const cache = cacheOf(em);
      if (cache.get(workspaceId) === entry) cache.delete(workspaceId);
    },
  };
}
