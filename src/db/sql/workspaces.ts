import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/** The workspace's campaign-graph version: it changes with every save of a campaign, list or token. */
export async function graphVersion(em: EntityManager, workspaceId: string): Promise<string> {
  const [row] = await query<{ graph_version: string }>(
    em,
    'select graph_version::text from workspace where id = ?',
    [workspaceId],
    { prepared: 'fixed' },
  );
  return String(row?.graph_version);
}

/** Advisory lock class for campaign-graph saves; the object is the workspace. */
const GRAPH_LOCK = 7245;

/**
 * Takes the workspace's graph lock until the caller's transaction ends: saves of one workspace's
 * campaign graph take turns, so each is checked against the graph as it commits.
 */
export async function lockWorkspaceGraph(em: EntityManager, workspaceId: string): Promise<void> {
  await query(em, 'select pg_advisory_xact_lock(?, ?)', [
    GRAPH_LOCK,
    Number(BigInt(workspaceId) % 2147483647n),
  ]);
}
