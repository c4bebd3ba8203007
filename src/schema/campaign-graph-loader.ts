import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Campaign } from '../db/entities/campaign.entity.js';
import { toCampaignGraph } from '../db/mappers.js';
import { loadWorkspaceAssets, type WorkspaceAssets } from '../db/sql/workspace-assets.js';
import { callersByCampaign } from '../domain/execution-graph.js';
import type { CampaignGraph, SmartListDefinition } from '../domain/model.js';
import { validateSmartListDefinition } from '../domain/validation.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';

/**
 * A workspace as one request sees it: its assets read once, its graph in the domain's shape and
 * the index of who executes whom, so that every campaign's problems, executes and executedBy are
 * answered from them.
 */
export interface WorkspaceSnapshot extends WorkspaceAssets {
  graph: CampaignGraph;
  campaignsById: ReadonlyMap<string, Campaign>;
  /** The live campaigns whose flows execute each campaign, oldest first. */
  callers: ReadonlyMap<string, readonly Campaign[]>;
}

type Primer = (context: GraphQLContext, assets: WorkspaceAssets) => void;
const primers: Primer[] = [];

/**
 * Has `prime` put a loaded snapshot's objects into the request's loaders by id (of a workspace the
 * viewer may see), so that later lookups of them are answered without a statement.
 */
export function primeFromWorkspaceSnapshots(prime: Primer): void {
  primers.push(prime);
}

async function snapshotOf(context: GraphQLContext, workspaceId: string): Promise<WorkspaceSnapshot> {
  const assets = await loadWorkspaceAssets(context.em, workspaceId);
  if (canSeeWorkspace(context.viewer, workspaceId)) for (const prime of primers) prime(context, assets);
  return {
    ...assets,
    graph: toCampaignGraph(assets),
    campaignsById: new Map(assets.campaigns.map((campaign) => [campaign.id, campaign])),
    callers: callersByCampaign(assets.campaigns),
  };
}

/**
 * The workspace snapshot, loaded once per request and workspace. Each mutation forgets it: what a
 * mutation returns is read after its change.
 */
export const requestWorkspace = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, WorkspaceSnapshot>((workspaceIds) =>
      Promise.all(workspaceIds.map((workspaceId) => snapshotOf(context, workspaceId))),
    ),
);

afterEachMutation((context) => requestWorkspace(context).clearAll());

/** A workspace's campaign graph in the domain's shape, loaded once per request and workspace. */
export async function requestCampaignGraph(context: GraphQLContext, workspaceId: string) {
  return (await requestWorkspace(context).load(workspaceId)).graph;
}

/** Whether a smart-list definition can be evaluated (semantics E4): otherwise nobody qualifies for it. */
export function isEvaluable(definition: SmartListDefinition, graph: CampaignGraph): boolean {
  return validateSmartListDefinition(definition, graph).length === 0;
}
