import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import { lastActivityId } from '../db/sql/activities.js';
import { announcedRun, announcedRunOfWait } from '../db/sql/announcements.js';
import type { EventPublisher } from '../pubsub/events.js';

/**
 * Tells subscribers, after a transaction committed, what it changed: one notification per committed
 * transaction, never per row. The only place that publishes changes. Never throws: a failure is
 * logged and swallowed, since subscribers also poll and a lost notification only delays them.
 */
export interface Announcer {
  /** Activities of the workspace committed (outside a run: the API's own writes). */
  activitiesCommitted(workspaceId: string): Promise<void>;
  /** The run's status or counters changed. */
  runUpdated(runId: string): Promise<void>;
  /** A chunk of the run committed its activities (its counters follow with runUpdated). */
  chunkCommitted(runId: string): Promise<void>;
  /** A resumed suspension committed its lead's activities. */
  waitResumed(waitId: string): Promise<void>;
  /** The key's revocation committed: servers end what it holds open. */
  apiKeyRevoked(apiKey: { id: string; workspaceId: string }): Promise<void>;
}

/** Whose change is told: the workspace, its last committed activity and the run, where they apply. */
interface Announced {
  workspaceId: string;
  lastActivityId: string | null;
  runId?: string;
}

export function createAnnouncer(orm: Orm, publisher: EventPublisher | undefined, log: Logger): Announcer {
  const announce = async (
    read: () => Promise<Announced | null>,
    topics: { activities: boolean; run: boolean },
  ) => {
    if (!publisher) return;
    try {
      const announced = await read();
      if (!announced) return;
      const { workspaceId, lastActivityId: last, runId } = announced;
      if (topics.activities && last) {
        publisher.publish('activitiesCommitted', { workspaceId, lastActivityId: last });
      }
      if (topics.run && runId) publisher.publish('runUpdated', { workspaceId, runId });
    } catch (error) {
      log.warn({ err: loggable(error) }, 'announcing a committed change failed');
    }
  };
  const em = () => orm.em.fork();
  return {
    activitiesCommitted: (workspaceId) =>
      announce(async () => ({ workspaceId, lastActivityId: await lastActivityId(em(), workspaceId) }), {
        activities: true,
        run: false,
      }),
    runUpdated: (runId) => announce(() => announcedRun(em(), runId, false), { activities: false, run: true }),
    chunkCommitted: (runId) =>
      announce(() => announcedRun(em(), runId, true), { activities: true, run: false }),
    waitResumed: (waitId) =>
      announce(() => announcedRunOfWait(em(), waitId), { activities: true, run: true }),
    async apiKeyRevoked({ id, workspaceId }) {
      publisher?.publish('apiKeyRevoked', { workspaceId, apiKeyId: id });
    },
  };
}
