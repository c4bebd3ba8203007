import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import type { EventPublisher } from '../pubsub/events.js';

interface RunRow {
  run_id: string;
  workspace_id: string;
  last_activity_id: string | null;
}

/** The run's workspace and the last committed activity of that workspace. */
const CHUNK_SQL = `select r.id::text as run_id, r.workspace_id::text,
  (select max(a.id)::text from activity a where a.workspace_id = r.workspace_id) as last_activity_id
  from campaign_run r where r.id = ?`;

/** The run's workspace only: a run update needs no activity id. */
const RUN_SQL = `select r.id::text as run_id, r.workspace_id::text, null as last_activity_id
  from campaign_run r where r.id = ?`;

const WAIT_SQL = `select r.id::text as run_id, r.workspace_id::text,
  (select max(a.id)::text from activity a where a.workspace_id = r.workspace_id) as last_activity_id
  from flow_wait w join campaign_run r on r.id = w.run_id where w.id = ?`;

/**
 * Tells subscribers, after a job's transaction committed, that a run moved on and that its
 * activities are in: one notification per committed chunk, never per row. A failure is logged and
 * swallowed: subscribers also poll, so a lost notification only delays them.
 */
export function runAnnouncer(orm: Orm, publisher: EventPublisher | undefined, log: Logger) {
  const announce = async (sql: string, id: string, topics: { activities: boolean; run: boolean }) => {
    if (!publisher) return;
    try {
      const [row]: RunRow[] = await orm.em.fork().getConnection().execute(sql, [id]);
      if (!row) return;
      if (topics.activities && row.last_activity_id) {
        publisher.publish('activitiesCommitted', {
          workspaceId: row.workspace_id,
          lastActivityId: row.last_activity_id,
        });
      }
      if (topics.run) publisher.publish('runUpdated', { workspaceId: row.workspace_id, runId: row.run_id });
    } catch (error) {
      log.warn({ err: loggable(error) }, 'announcing a committed change failed');
    }
  };
  return {
    /** The run's status or counters changed. */
    runUpdated: (runId: string) => announce(RUN_SQL, runId, { activities: false, run: true }),
    /** A chunk of the run committed its activities (its counters follow with runUpdated). */
    chunkCommitted: (runId: string) => announce(CHUNK_SQL, runId, { activities: true, run: false }),
    /** A resumed wait committed its lead's activities. */
    waitResumed: (waitId: string) => announce(WAIT_SQL, waitId, { activities: true, run: true }),
  };
}
