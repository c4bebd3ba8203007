import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type {
  CampaignRecord,
  ProgramRecord,
  StaticListRecord,
  WorkspaceAssets,
} from '../db/sql/workspace-assets.js';
import { type WorkspaceSnapshot, workspaceSnapshot } from '../db/workspace-snapshots.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';

type Primer = (context: GraphQLContext, assets: WorkspaceAssets) => void;
const primers: Primer[] = [];

/**
 * Has `prime` put a loaded snapshot's objects into the request's loaders by id (of a workspace the
 * viewer may see), so that later lookups of them are answered without a statement.
 */
export function primeFromWorkspaceSnapshots(prime: Primer): void {
  primers.push(prime);
}

/** The request's snapshots that have been read, by workspace, of workspaces the viewer may see. */
const readSnapshots = createContextCache(() => new Map<string, WorkspaceSnapshot>());

/**
 * The `graph_version`s the request has read along with something else, by workspace, for the
 * workspace's first load (see `readWorkspaces`).
 */
const readVersions = createContextCache(() => new Map<string, string>());

async function snapshotOf(context: GraphQLContext, workspaceId: string): Promise<WorkspaceSnapshot> {
  const snapshot = await workspaceSnapshot(context.em, workspaceId, readVersions(context).get(workspaceId));
  if (canSeeWorkspace(context.viewer, workspaceId)) {
    readSnapshots(context).set(workspaceId, snapshot);
    for (const prime of primers) prime(context, snapshot);
  }
  return snapshot;
}

/**
 * `answer` from the workspace's snapshot: at once when the request has read it already (a
 * resolver that returns no promise spares the executor one per field), else once it is read.
 */
export function fromWorkspace<T>(
  context: GraphQLContext,
  workspaceId: string,
  answer: (snapshot: WorkspaceSnapshot) => T,
): T | Promise<T> {
  const read = readSnapshots(context).get(workspaceId);
  return read ? answer(read) : requestWorkspace(context).load(workspaceId).then(answer);
}

/** The workspace's snapshot if the request has read it already (and the viewer may see it). */
export function readWorkspace(context: GraphQLContext, workspaceId: string): WorkspaceSnapshot | undefined {
  return readSnapshots(context).get(workspaceId);
}

/** What `find` finds in the snapshots the request has read (of workspaces the viewer may see). */
function readAsset<T>(context: GraphQLContext, find: (snapshot: WorkspaceSnapshot) => T | undefined) {
  for (const snapshot of readSnapshots(context).values()) {
    const found = find(snapshot);
    if (found) return found;
  }
  return undefined;
}

/** A live campaign of a workspace the viewer may see, from the snapshots the request has read. */
export function readCampaign(context: GraphQLContext, campaignId: string): CampaignRecord | undefined {
  return readAsset(context, (snapshot) => snapshot.campaignsById.get(campaignId));
}

/** A program of a workspace the viewer may see, from the snapshots the request has read. */
export function readProgram(context: GraphQLContext, programId: string): ProgramRecord | undefined {
  return readAsset(context, (snapshot) => snapshot.programsById.get(programId));
}

/** A static list of a workspace the viewer may see, from the snapshots the request has read. */
export function readList(context: GraphQLContext, listId: string): StaticListRecord | undefined {
  return readAsset(context, (snapshot) => snapshot.listsById.get(listId));
}

/**
 * Reads the snapshots of these workspaces, those the viewer may see, into the request: what
 * resolvers then look up in them (readCampaign, readProgram...) they answer at once. `versions`
 * are `graph_version`s the caller has just read: a snapshot kept at that version needs no statement.
 */
export async function readWorkspaces(
  context: GraphQLContext,
  workspaceIds: Iterable<string>,
  versions: ReadonlyMap<string, string>,
): Promise<void> {
  const unread = [...new Set(workspaceIds)].filter(
    (workspaceId) => canSeeWorkspace(context.viewer, workspaceId) && !readSnapshots(context).has(workspaceId),
  );
  for (const workspaceId of unread) {
    const version = versions.get(workspaceId);
    if (version !== undefined) readVersions(context).set(workspaceId, version);
  }
  await Promise.all(unread.map((workspaceId) => requestWorkspace(context).load(workspaceId)));
}

/**
 * The workspace snapshot, looked up once per request and workspace (see `workspaceSnapshot`: kept
 * across requests while the workspace's graph version stays). Each mutation forgets it: what a
 * mutation returns is read after its change.
 */
const requestWorkspace = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, WorkspaceSnapshot>((workspaceIds) =>
      Promise.all(workspaceIds.map((workspaceId) => snapshotOf(context, workspaceId))),
    ),
);

afterEachMutation((context) => {
  requestWorkspace(context).clearAll();
  readSnapshots(context).clear();
  readVersions(context).clear();
});
