import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignProblem } from '../domain/errors.js';
import { callersByCampaign } from '../domain/execution-graph.js';
import type { CampaignGraph, SmartListDefinition } from '../domain/model.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import { campaignProblems, validateSmartListDefinition } from '../domain/validation.js';
import { toCampaignGraph } from './mappers.js';
import {
  type CampaignRecord,
  type FolderRecord,
  loadWorkspaceAssets,
  type ProgramRecord,
  type StaticListRecord,
  type WorkspaceAssets,
} from './sql/workspace-assets.js';
import { graphVersion } from './sql/workspaces.js';
import { workspaceVersionCache } from './workspace-version-cache.js';

/**
 * A workspace's campaign graph at one `graph_version`: its assets as plain data, the graph in the
 * domain's shape, who executes whom, and each campaign's problems once asked for. Shared by every
 * request that reads the same version, so all of it is frozen but the records themselves, which the
 * API's relay plugin brands with their type name (the same for every request).
 */
export interface WorkspaceSnapshot extends WorkspaceAssets {
  version: string;
  graph: CampaignGraph;
  campaignsById: ReadonlyMap<string, CampaignRecord>;
  programsById: ReadonlyMap<string, ProgramRecord>;
  foldersById: ReadonlyMap<string, FolderRecord>;
  listsById: ReadonlyMap<string, StaticListRecord>;
  /** The live campaigns whose flows execute each campaign, oldest first. */
  callers: ReadonlyMap<string, readonly CampaignRecord[]>;
  /** A live campaign's problems under the operator's allow-list, computed once per snapshot. */
  problemsOf(campaignId: string, allowed: AllowedTargets): readonly CampaignProblem[];
  /** Whether a smart list can be evaluated against the graph (semantics E4); once per stored one. */
  isEvaluable(definition: SmartListDefinition): boolean;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const nested of Object.values(value)) deepFreeze(nested);
  return Object.freeze(value);
}

async function loadSnapshot(em: EntityManager, workspaceId: string): Promise<WorkspaceSnapshot> {
  const { version, ...assets } = await loadWorkspaceAssets(em, workspaceId);
  for (const records of Object.values(assets))
    for (const record of records) for (const value of Object.values(record)) deepFreeze(value);
  const graph = deepFreeze(toCampaignGraph(assets));
  const problems = new WeakMap<AllowedTargets, Map<string, readonly CampaignProblem[]>>();
  // Keyed by a stored definition's frozen filters: copies of that definition share them, nothing else does.
  const evaluable = new WeakMap<object, boolean>();
  return {
    ...assets,
    version,
    graph,
    campaignsById: new Map(assets.campaigns.map((campaign) => [campaign.id, campaign])),
    programsById: new Map(assets.programs.map((program) => [program.id, program])),
    foldersById: new Map(assets.folders.map((folder) => [folder.id, folder])),
    listsById: new Map(assets.lists.map((list) => [list.id, list])),
    callers: callersByCampaign(assets.campaigns),
    problemsOf(campaignId, allowed) {
      let byCampaign = problems.get(allowed);
      if (!byCampaign) {
        byCampaign = new Map();
        problems.set(allowed, byCampaign);
      }
      let found = byCampaign.get(campaignId);
      const campaign = graph.campaigns[campaignId];
      if (!found && campaign) {
        found = deepFreeze(campaignProblems(campaign, graph, allowed));
        byCampaign.set(campaignId, found);
      }
      return found ?? [];
    },
    isEvaluable(definition) {
      const known = evaluable.get(definition.filters);
      if (known !== undefined) return known;
      const answer = validateSmartListDefinition(definition, graph).length === 0;
      if (Object.isFrozen(definition.filters)) evaluable.set(definition.filters, answer);
      return answer;
    },
  };
}

/** The snapshots kept, of 64 workspaces at most per database. */
const snapshots = workspaceVersionCache<Promise<WorkspaceSnapshot>>(64);

/**
 * The workspace's snapshot as of now: one statement reads its `graph_version` (raised in the
 * transaction of every write to a table the snapshot is read from), and the assets are read again
 * only when it moved, so that any process sees a committed save on its next read. Inside a
 * transaction nothing is cached: its writes may yet be rolled back, and their version reused.
 * A caller that has just read the `graph_version` along with something else gives it as `readVersion`:
 * it stands for that statement.
 */
export async function workspaceSnapshot(
  em: EntityManager,
  workspaceId: string,
  readVersion?: string,
): Promise<WorkspaceSnapshot> {
  if (em.getTransactionContext()) return loadSnapshot(em, workspaceId);
  const version = readVersion ?? (await graphVersion(em, workspaceId));
  const cached = snapshots.get(em, workspaceId, version);
  if (cached) return cached;
  const entry = snapshots.set(em, workspaceId, version, loadSnapshot(em, workspaceId));
  entry.value.then(
    // The assets' statement may have seen a later save than the version read before it.
    (snapshot) => {
      entry.version = snapshot.version;
    },
    () => snapshots.drop(em, workspaceId, entry),
  );
  return entry.value;
}
