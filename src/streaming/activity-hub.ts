import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import type { ActivityFilter } from '../domain/activity-filter.js';
import type { EventBus, Topic, Topics } from '../pubsub/events.js';
import type { BatchItem } from './activity-batch-stream.js';
import { createActivityReader } from './activity-reader.js';
import type { StreamItem } from './activity-stream.js';
import { createKeyRevocations, type KeyRevocations } from './key-revocations.js';
import { createSubscriptionQuota, ServerStoppingError } from './quota.js';
import { createRunWatches, type RunWatchOptions } from './run-watches.js';

export type { BatchItem } from './activity-batch-stream.js';
export type { StreamItem } from './activity-stream.js';

/** The subscription side of the hub, as resolvers use it. */
export interface ActivityStreams {
  /**
   * Activities the matcher wants: with `after`, every committed one with a greater id (stored ones
   * first, then live ones: no gap, no duplicate); without it, those committed from now on.
   */
  openActivities(
    matcher: ActivityFilter,
    after: bigint | null,
    owner: string,
  ): Promise<AsyncIterableIterator<StreamItem>>;
  /**
   * The same activities, those of each read of the table (or of each page of a replay) as one
   * batch; streams alike are handed the same batch object (semantics A10).
   */
  openActivityBatches(
    matcher: ActivityFilter,
    after: bigint | null,
    owner: string,
  ): Promise<AsyncIterableIterator<BatchItem>>;
  /**
   * The run's state each time it changes (`signature` tells), read once at the start and again on
   * each notification for the run (and every poll), until a state `isFinal` says ends it, or the
   * run cannot be read (null). Watches of one run share one read, on an entity manager of the
   * hub's: `read` must not depend on who watches. A run that cannot be read ends them with the error.
   */
  watchRun<T>(
    runId: string,
    read: (em: EntityManager) => Promise<T | null>,
    options: RunWatchOptions<T>,
    owner: string,
  ): AsyncIterableIterator<T>;
  /** Calls `end` once when the API key is revoked; the returned function forgets it. */
  onKeyRevoked: KeyRevocations['onRevoked'];
}

/**
 * Subscriptions (activity streams and run watches) one owner, an API key, may hold at once on one
 * server; one more is refused with SubscriptionLimitError.
 */
export const MAX_SUBSCRIPTIONS_PER_KEY = 100;

/**
 * Activities a subscription may have waiting. One committed chunk of a run is up to 3,500 rows
 * (500 leads, up to 7 activities each) and two commit at once, all offered in a few milliseconds:
 * a subscriber that wants all of them needs room for a few chunks while it catches up.
 */
export const DEFAULT_BUFFER_LIMIT = 10_000;

/**
 * While a run commits chunk after chunk, a read after each commit slows the run down more than its
 * statements cost: each one also interrupts the run's work. Reads at most this often each cover
 * several chunks, for a little more latency (docs/streaming.md; figures in bench/README.md).
 */
export const DEFAULT_MIN_READ_INTERVAL_MS = 100;

export interface ActivityHubOptions {
  orm: Orm;
  events: EventBus;
  log: Logger;
  /** How often the table is read while someone listens, whether or not a notification came. */
  pollMs?: number;
  /** Live activities a subscription may have waiting; past it, the subscription ends (overflow). */
  bufferLimit?: number;
  /** Rows per read of the activity table. */
  pageSize?: number;
  /**
   * Least time from the start of one read of new activities to the start of the next, so that
   * while commits keep coming a read covers those of that time together. A notification that
   * comes when no read started for that long is read at once.
   */
  minReadIntervalMs?: number;
  /** Subscriptions one owner may hold at once (MAX_SUBSCRIPTIONS_PER_KEY). */
  maxPerOwner?: number;
  /** How often the keys holding streams are checked for revocation (DEFAULT_KEY_CHECK_MS). */
  keyCheckMs?: number;
  /** Told of every key revocation the hub hears of, whether or not the key holds a stream. */
  keyRevoked?: (apiKeyId: string) => void;
}

export interface ActivityHub extends ActivityStreams {
  /** What is open now: activity subscriptions, run watches, and the cursor. */
  stats(): { activityStreams: number; runWatches: number; cursor: string };
  /** Starts following the bus; the first subscription finds where the table ends. */
  start(): Promise<void>;
  /** Ends every subscription and stops following; resolves when no read is in flight. */
  stop(): Promise<void>;
}

/**
 * The live side of the server: activity streams fed by one reader of the activity table, run
 * watches, and the quota they share, kept up to date by the event bus's notifications and by a poll
 * every `pollMs` while someone listens (notifications may be lost: Redis pub/sub is at-most-once,
 * and a worker process without Redis cannot reach this one).
 */
export function createActivityHub(options: ActivityHubOptions): ActivityHub {
  const { orm, events, log } = options;
  const pollMs = options.pollMs ?? 1_000;
  const quota = createSubscriptionQuota(options.maxPerOwner ?? MAX_SUBSCRIPTIONS_PER_KEY);
  const stopping = new AbortController();
  const runWatches = createRunWatches(log);
  const keyRevocations = createKeyRevocations({
    orm,
    events,
    log,
    checkMs: options.keyCheckMs,
    heard: options.keyRevoked,
  });
  const reader = createActivityReader({
    orm,
    log,
    bufferLimit: options.bufferLimit ?? DEFAULT_BUFFER_LIMIT,
    pageSize: options.pageSize ?? 500,
    minReadIntervalMs: options.minReadIntervalMs ?? DEFAULT_MIN_READ_INTERVAL_MS,
    stopping: stopping.signal,
    onStreamsChanged: () => updateTimer(),
  });
  const followers: AsyncIterableIterator<unknown>[] = [];
  let timer: NodeJS.Timeout | undefined;

  function tick(): void {
    reader.requestRead();
    runWatches.refreshAll();
  }

  function updateTimer(): void {
    // Polling needs no start: streams opened before `start` (or without it) are still fed.
    const wanted = !stopping.signal.aborted && (reader.streams > 0 || runWatches.runs > 0);
    if (wanted && !timer) {
      timer = setInterval(tick, pollMs);
      timer.unref();
    } else if (!wanted && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  function follow<K extends Topic>(topic: K, handle: (payload: Topics[K]) => void): void {
    const iterator = events.subscribe(topic);
    followers.push(iterator);
    void (async () => {
      for await (const payload of iterator) {
        try {
          handle(payload);
        } catch (error) {
          log.warn({ err: loggable(error), topic }, 'an event could not be handled');
        }
      }
    })().catch((error: unknown) => log.warn({ err: error, topic }, 'following events stopped'));
  }

  async function open<Batched extends boolean>(
    matcher: ActivityFilter,
    after: bigint | null,
    owner: string,
    batched: Batched,
  ) {
    const release = quota.take(owner);
    try {
      return await reader.open(matcher, after, release, batched);
    } catch (error) {
      release();
      throw error;
    }
  }

  return {
    async start() {
      follow('activitiesCommitted', (payload) => {
        // A hint only: a malformed or stale id just means one more read.
        const last = /^[0-9]{1,19}$/.test(String(payload?.lastActivityId))
          ? BigInt(payload.lastActivityId)
          : null;
        reader.announce(last);
      });
      follow('runUpdated', (payload) => runWatches.refresh(String(payload?.runId)));
      keyRevocations.start();
      updateTimer();
    },

    async stop() {
      stopping.abort();
      updateTimer();
      await Promise.all(followers.map((follower) => follower.return?.()));
      await keyRevocations.stop();
      runWatches.closeAll();
      await reader.close();
    },

    stats() {
      return {
        activityStreams: reader.streams,
        runWatches: runWatches.size,
        cursor: reader.cursor.toString(),
      };
    },

    onKeyRevoked: (apiKeyId, end) => keyRevocations.onRevoked(apiKeyId, end),

    openActivities: (matcher, after, owner) => open(matcher, after, owner, false),
    openActivityBatches: (matcher, after, owner) => open(matcher, after, owner, true),

    watchRun(runId, read, watchOptions, owner) {
      if (stopping.signal.aborted) throw new ServerStoppingError('The server is stopping');
      const release = quota.take(owner);
      const watch = runWatches.watch(
        runId,
        () => read(orm.em.fork()),
        watchOptions,
        () => {
          release();
          updateTimer();
        },
      );
      updateTimer();
      return watch;
    },
  };
}
