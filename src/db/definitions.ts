import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignGraph } from '../domain/model.js';
import type { Listener } from '../domain/triggers.js';
import { Campaign } from './entities/campaign.entity.js';
import { loadCampaignGraph } from './mappers.js';

/** What a run worker needs of a workspace's definitions, compiled once per graph version. */
export interface Definitions {
  graph: CampaignGraph;
  listeners: Listener[];
}

/** The ACTIVE trigger campaigns of a workspace. */
export async function loadListeners(em: EntityManager, workspaceId: string): Promise<Listener[]> {
  const campaigns = await em.find(
    Campaign,
    { workspace: workspaceId, status: 'ACTIVE', isExecutable: false, deletedAt: null },
    { disableIdentityMap: true },
  );
  return campaigns.map((campaign) => ({ id: campaign.id, smartList: campaign.smartList }));
}

/** Workspaces whose definitions a worker keeps per database; the least recently used goes first. */
const CACHED_WORKSPACES = 64;
type Cache = Map<string, { version: string; definitions: Definitions }>;
/** One cache per ORM (keyed by its configuration, shared by its forks): ids are per database. */
const caches = new WeakMap<object, Cache>();

function cacheOf(em: EntityManager): Cache {
  let cache = caches.get(em.config);
  if (!cache) {
    cache = new Map();
    caches.set(em.config, cache);
  }
  return cache;
}

/**
 * The workspace's definitions at `version` (its `graph_version`, read in the caller's
 * transaction): loaded once per version, then shared by every chunk that reads the same version.
 * Loading a graph costs several queries; a large run has hundreds of chunks. The graph is never
 * mutated by the domain, so sharing it is safe.
 */
export async function definitionsAt(
  em: EntityManager,
  workspaceId: string,
  version: string,
): Promise<Definitions> {
  const cache = cacheOf(em);
  const cached = cache.get(workspaceId);
  cache.delete(workspaceId);
  if (cached?.version === version) {
    cache.set(workspaceId, cached);
    return cached.definitions;
  }
  const definitions = {
    graph: await loadCampaignGraph(em, workspaceId),
    listeners: await loadListeners(em, workspaceId),
  };
  cache.set(workspaceId, { version, definitions });
  if (cache.size > CACHED_WORKSPACES) cache.delete(cache.keys().next().value as string);
  return definitions;
}
