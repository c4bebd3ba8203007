import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/** What an announcement names: a run's workspace and, when asked, its last committed activity. */
export interface AnnouncedRun {
  runId: string;
  workspaceId: string;
  lastActivityId: string | null;
}

interface Row {
  run_id: string;
  workspace_id: string;
  last_activity_id: string | null;
}

const LAST_ACTIVITY = '(select max(a.id)::text from activity a where a.workspace_id = r.workspace_id)';

function announced(row: Row | undefined): AnnouncedRun | null {
  return row
    ? { runId: row.run_id, workspaceId: row.workspace_id, lastActivityId: row.last_activity_id }
    : null;
}

/** The run's workspace, with the workspace's last committed activity when `withLastActivity`. */
export async function announcedRun(
  em: EntityManager,
  runId: string,
  withLastActivity: boolean,
): Promise<AnnouncedRun | null> {
  const [row] = await query<Row>(
    em,
    `select r.id::text as run_id, r.workspace_id::text, ${withLastActivity ? LAST_ACTIVITY : 'null'} as last_activity_id
     from campaign_run r where r.id = ?`,
    [runId],
  );
  return announced(row);
}

/** The run a suspension belongs to, with its workspace's last committed activity. */
export async function announcedRunOfWait(em: EntityManager, waitId: string): Promise<AnnouncedRun | null> {
  const [row] = await query<Row>(
    em,
    `select r.id::text as run_id, r.workspace_id::text, ${LAST_ACTIVITY} as last_activity_id
     from flow_wait w join campaign_run r on r.id = w.run_id where w.id = ?`,
    [waitId],
  );
  return announced(row);
}
