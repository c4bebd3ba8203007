import { loggable } from '../db/loggable.js';
import type { GraphQLContext } from './context.js';

/**
 * Tells subscribers that activities of the workspace committed. Call it after the transaction
 * that wrote them returned, once per transaction (never per row). Never throws: a lost
 * notification only delays subscribers until their next poll.
 */
export async function announceActivities(context: GraphQLContext, workspaceId: string): Promise<void> {
  try {
    const [row]: { last: string | null }[] = await context.em
      .getConnection()
      .execute('select max(id)::text as last from activity where workspace_id = ?', [workspaceId]);
    if (row?.last) context.events.publish('activitiesCommitted', { workspaceId, lastActivityId: row.last });
  } catch (error) {
    context.log.warn({ err: loggable(error) }, 'announcing committed activities failed');
  }
}

/** Tells subscribers that a run's status or counters changed; after the commit. */
export function announceRunUpdated(context: GraphQLContext, run: { id: string; workspace: { id: string } }) {
  context.events.publish('runUpdated', { workspaceId: run.workspace.id, runId: run.id });
}
