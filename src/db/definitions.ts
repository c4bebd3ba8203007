import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignGraph } from '../domain/model.js';
import type { Listener } from '../domain/triggers.js';
import { Campaign } from './entities/campaign.entity.js';
import { loadCampaignGraph } from './mappers.js';
import { workspaceVersionCache } from './workspace-version-cache.js';

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

/** The definitions a worker keeps, of 64 workspaces at most per database. */
const kept = workspaceVersionCache<Definitions>(64);

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
  const cached = kept.get(em, workspaceId, version);
  if (cached) return cached;
  const definitions = {
    graph: await loadCampaignGraph(em, workspaceId),
    listeners: await loadListeners(em, workspaceId),
  };
  kept.set(em, workspaceId, version, definitions);
  return definitions;
}
