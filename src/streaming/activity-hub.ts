import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import {
  type ActivityEvent,
  type ActivityFeedPage,
  type ActivityKey,
  readActivitiesById,
  readActivityKeys,
  readCandidates,
  settledActivityId,
} from '../db/sql/activity-feed.js';
import type { EventBus, Topic, Topics } from '../pubsub/events.js';
import {
  type ActivityMatcher,
  matches,
  type NarrowKeys,
  narrowKeys,
  readActivities,
} from './activity-event.js';
import { createSubscriptionQuota, ServerStoppingError } from './quota.js';
import { createRunWatches, type RunWatchOptions } from './run-watches.js';

/** What an activity subscription yields: an activity, or, once and last, the news that it fell behind. */
export type StreamItem =
  | { kind: 'activity'; activity: ActivityEvent }
  | {
      /**
       * The stream ended early: the subscriber did not keep up and its buffer filled (overflow), or
       * the server is stopping (shutdown). Resume with `after: lastDeliveredId`.
       */
      kind: 'interrupted';
      reason: 'overflow' | 'shutdown';
      lastDeliveredId: string;
    };

/**
 * A live activity as the hub offers it: one item per row, the same for every stream that wants
 * it, so that subscriptions alike can execute it once between them (useSharedSubscriptionExecution).
 */
type ActivityItem = Extract<StreamItem, { kind: 'activity' }>;

/** The subscription side of the hub, as resolvers use it. */
export interface ActivityStreams {
  /**
   * Activities the matcher wants: with `after`, every committed one with a greater id (stored ones
   * first, then live ones: no gap, no duplicate); without it, those committed from now on.
   */
  openActivities(
    matcher: ActivityMatcher,
    after: bigint | null,
    owner: string,
  ): Promise<AsyncIterableIterator<StreamItem>>;
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
 * W1 commits a chunk every ~35 ms here. A read after each one (~200 per 100,000-lead run) slowed
 * the run by 8–10 % with 10 and 100 subscribers (CPU +6–10 %), several times what its two
 * statements cost on an idle database (0.5 ms of PostgreSQL CPU): each one also interrupts the
 * run's work on two busy cores. At most one read per 100 ms (~60 per run) brought that to 3–6 %,
 * for a p99 latency of 110–135 ms instead of 31–35 ms (`npm run bench:stream`, README).
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
}

export interface ActivityHub extends ActivityStreams {
  /** What is open now: activity subscriptions, run watches, and the cursor. */
  stats(): { activityStreams: number; runWatches: number; cursor: string };
  /** Starts following the bus; the first subscription finds where the table ends. */
  start(): Promise<void>;
  /** Ends every subscription and stops following; resolves when no read is in flight. */
  stop(): Promise<void>;
}

/** What a stream needs of its hub. */
interface HubSide {
  readonly cursor: bigint;
  /** Whether a page of new rows is being read (matched against the streams, then fetched). */
  readonly reading: boolean;
  /** Resolves at the end of the page being read (at once when none is). */
  pageEnd(): Promise<void>;
  readonly bufferLimit: number;
  readonly pageSize: number;
  read(
    range: { after: bigint; upTo: bigint | null; limit: number },
    matcher: ActivityMatcher,
  ): Promise<ActivityFeedPage>;
  detach(stream: ActivityStream): void;
}

interface Replay {
  /** Everything up to here has been read from the table. */
  readAfter: bigint;
  /** Where the replay ends: live activities above it arrive through the buffer. */
  upTo: bigint;
  /**
   * The buffer overflowed while stored rows were still being replayed: live activities are then
   * dropped and read from the table instead, up to the hub's cursor, until the replay catches up.
   */
  chasing: boolean;
  page: ActivityEvent[];
}

const done = (): IteratorResult<never, undefined> => ({ done: true, value: undefined });

/** One activity subscription: a bounded buffer fed by the hub, behind a replay of stored rows. */
class ActivityStream implements AsyncIterableIterator<StreamItem> {
  private queue: ActivityItem[] = [];
  private wakeUp: (() => void) | null = null;
  private state: 'open' | 'interrupted' | 'closed' = 'open';
  private interruption: 'overflow' | 'shutdown' = 'overflow';
  private lastDelivered = 0n;
  private replay: Replay | null = null;

  constructor(
    private readonly hub: HubSide,
    readonly matcher: ActivityMatcher,
    private readonly after: bigint | null,
    /** Gives the owner's place back; the hub calls it when it lets the stream go. */
    readonly release: () => void,
  ) {}

  /** Called by the hub when it registers the stream: live activities above `cursor` follow. */
  begin(cursor: bigint): void {
    if (this.after === null) {
      this.lastDelivered = cursor;
      return;
    }
    this.lastDelivered = this.after;
    if (this.after < cursor) this.replay = { readAfter: this.after, upTo: cursor, chasing: false, page: [] };
  }

  /** Whether the hub should read this row for the stream. */
  wants(key: ActivityKey): boolean {
    return this.state === 'open' && !this.replay?.chasing && matches(this.matcher, key);
  }

  /** A committed activity it wants, in id order. Never blocks: a full buffer ends the subscription. */
  offer(item: ActivityItem): void {
    if (this.state !== 'open' || this.replay?.chasing) return;
    if (this.queue.length >= this.hub.bufferLimit) {
      this.queue = [];
      if (this.replay) {
        this.replay.chasing = true;
        return;
      }
      this.interrupt('overflow');
      return;
    }
    this.queue.push(item);
    this.wake();
  }

  /** Ends the stream with a last item telling why and where to resume. */
  interrupt(reason: 'overflow' | 'shutdown'): void {
    if (this.state !== 'open') return;
    this.state = 'interrupted';
    this.interruption = reason;
    this.queue = [];
    this.replay = null;
    this.hub.detach(this);
    this.wake();
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private deliver(item: ActivityItem): IteratorResult<StreamItem> | null {
    const id = BigInt(item.activity.id);
    if (id <= this.lastDelivered) return null;
    this.lastDelivered = id;
    return { done: false, value: item };
  }

  /** Reads the next page of stored rows into the replay. */
  private async fillReplay(replay: Replay): Promise<void> {
    const target = replay.chasing ? this.hub.cursor : replay.upTo;
    const page =
      target > replay.readAfter
        ? await this.hub.read(
            { after: replay.readAfter, upTo: target, limit: this.hub.pageSize },
            this.matcher,
          )
        : { events: [], full: false, lastId: null };
    if (this.state !== 'open' || this.replay !== replay) return;
    replay.page.push(...page.events);
    if (page.full && page.lastId !== null) {
      replay.readAfter = page.lastId;
      return;
    }
    if (target > replay.readAfter) replay.readAfter = target;
    if (!replay.chasing) return;
    // A page being read was matched without this stream: wait for its end, then read up to it.
    if (this.hub.reading) {
      await this.hub.pageEnd();
      return;
    }
    // Caught up with the hub and nothing dispatched since: live activities may be buffered again.
    if (this.hub.cursor === target) {
      replay.chasing = false;
      replay.upTo = target;
    }
  }

  async next(): Promise<IteratorResult<StreamItem>> {
    for (;;) {
      if (this.state === 'closed') return done();
      if (this.state === 'interrupted') {
        this.state = 'closed';
        const lastDeliveredId = this.lastDelivered.toString();
        return { done: false, value: { kind: 'interrupted', reason: this.interruption, lastDeliveredId } };
      }
      const replay = this.replay;
      if (replay) {
        const stored = replay.page.shift();
        if (stored) {
          const result = this.deliver({ kind: 'activity', activity: stored });
          if (result) return result;
        } else if (!replay.chasing && replay.readAfter >= replay.upTo) {
          this.replay = null;
        } else {
          await this.fillReplay(replay);
        }
        continue;
      }
      const live = this.queue.shift();
      if (live) {
        const result = this.deliver(live);
        if (result) return result;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<StreamItem>> {
    this.close();
    return done();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue = [];
    this.replay = null;
    this.hub.detach(this);
    this.wake();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * The server's one reader of the activity table for live subscriptions (semantics A2, A3).
 *
 * It keeps a cursor: every committed activity up to it has been handed to the subscriptions.
 * Whenever a notification says something committed past it, and every `pollMs` while someone
 * listens (notifications may be lost: Redis pub/sub is at-most-once, and a worker process without
 * Redis cannot reach this one), it reads `id > cursor` once for the whole server, in id order and
 * in pages, and offers each row to every subscription, whose matcher decides. Since ids are drawn
 * in commit order, nothing committed below the cursor can appear later. Reads never overlap and
 * start at least `minReadIntervalMs` apart: notifications during a read, or during the rest after
 * it, make one more read when the rest is over. Subscribers never slow it down: each has a bounded
 * buffer, and one that fills is ended (overflow) instead of waited for.
 */
export function createActivityHub(options: ActivityHubOptions): ActivityHub {
  const { orm, events, log } = options;
  const pollMs = options.pollMs ?? 1_000;
  const bufferLimit = options.bufferLimit ?? DEFAULT_BUFFER_LIMIT;
  const pageSize = options.pageSize ?? 500;
  const minReadIntervalMs = options.minReadIntervalMs ?? DEFAULT_MIN_READ_INTERVAL_MS;
  const quota = createSubscriptionQuota(options.maxPerOwner ?? MAX_SUBSCRIPTIONS_PER_KEY);

  let cursor = 0n;
  /** The highest activity id a notification announced: committed, unless the bus is shared. */
  let announced = 0n;
  /** Whether the cursor follows the table; it does not while nobody listens. */
  let synced = false;
  let stopped = false;
  /** Ends a rest between reads at once when the hub stops. */
  const stopping = new AbortController();
  const streams = new Set<ActivityStream>();
  const runWatches = createRunWatches(log);
  const followers: AsyncIterableIterator<unknown>[] = [];
  /** The reads of new activities and the rests between them, while requests keep coming. */
  let fetching: Promise<void> | null = null;
  /** Whether pages of new activities are being read (matched against the streams, then fetched). */
  let reading = false;
  let fetchAgain = false;
  let resyncing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  /**
   * Streams opened while a page is being read wait here: they join at the end of that page, when
   * the cursor moves, so each starts exactly at a cursor and the set of streams a page is matched
   * against does not change while its rows are fetched.
   */
  let joining: { stream: ActivityStream; joined: () => void }[] = [];

  function register(stream: ActivityStream): void {
    stream.begin(cursor);
    streams.add(stream);
    updateTimer();
  }

  const pageEnded: (() => void)[] = [];

  function admitJoining(): void {
    for (const ended of pageEnded.splice(0)) ended();
    const waiting = joining;
    joining = [];
    for (const { stream, joined } of waiting) {
      register(stream);
      joined();
    }
  }

  /**
   * When every subscription names a lead, a run or a campaign, only their rows are read, through
   * those columns' indexes, up to `last`, an id up to which every activity is settled (see
   * settledActivityId).
   */
  async function readNarrow(keys: NarrowKeys, last: bigint): Promise<boolean> {
    if (last <= cursor) return false;
    const page = await readCandidates(orm.em.fork(), { after: cursor, upTo: last, limit: pageSize }, keys);
    for (const activity of page.events) {
      const item: ActivityItem = { kind: 'activity', activity };
      for (const stream of streams) if (stream.wants(activity)) stream.offer(item);
    }
    // Rows up to the page's last one (or all up to `last`) were looked at for every stream.
    cursor = page.full && page.lastId !== null ? page.lastId : last;
    return page.full;
  }

  /** Otherwise: the keys of every new row first; the rows themselves only for those someone wants. */
  async function readWide(): Promise<boolean> {
    const page = await readActivityKeys(orm.em.fork(), { after: cursor, limit: pageSize });
    const wantedBy = new Map<string, ActivityStream[]>();
    for (const key of page.keys) {
      for (const stream of streams) {
        if (!stream.wants(key)) continue;
        const wanting = wantedBy.get(key.id);
        if (wanting) wanting.push(stream);
        else wantedBy.set(key.id, [stream]);
      }
    }
    const rows = await readActivitiesById(orm.em.fork(), [...wantedBy.keys()]);
    for (const key of page.keys) {
      const row = rows.get(key.id);
      if (!row) continue;
      const item: ActivityItem = { kind: 'activity', activity: row };
      for (const stream of wantedBy.get(key.id) ?? []) stream.offer(item);
    }
    if (page.lastId !== null && page.lastId > cursor) cursor = page.lastId;
    return page.full;
  }

  async function readNew(): Promise<void> {
    let last: bigint | undefined;
    for (;;) {
      if (stopped || streams.size === 0) return;
      const keys = narrowKeys([...streams].map((stream) => stream.matcher));
      // Offering and moving the cursor happen together, with no wait in between, and streams join
      // only between pages: a stream gets exactly the rows above the cursor it starts at.
      let more: boolean;
      if (keys) {
        // Read again once passed: a wide page in between may have moved the cursor beyond it.
        if (last === undefined || last <= cursor) {
          last = await settledActivityId(orm.em.fork(), announced > cursor ? announced : null);
        }
        more = await readNarrow(keys, last);
      } else more = await readWide();
      admitJoining();
      if (!more) return;
    }
  }

  function requestRead(): void {
    if (stopped || streams.size === 0) return;
    if (fetching) {
      fetchAgain = true;
      return;
    }
    fetching = (async () => {
      try {
        do {
          fetchAgain = false;
          const started = performance.now();
          reading = true;
          await readNew();
          reading = false;
          admitJoining();
          // Requests until the interval is over wait for it, and are served by one read.
          const rest = minReadIntervalMs - (performance.now() - started);
          if (rest > 0 && !stopped && streams.size > 0) {
            await sleep(rest, undefined, { signal: stopping.signal }).catch(() => undefined);
          }
        } while (fetchAgain && !stopped);
      } catch (error) {
        log.warn({ err: loggable(error) }, 'reading new activities failed; the next poll tries again');
      } finally {
        // Cleared in the same step as the last check of fetchAgain: no request falls in between.
        reading = false;
        fetching = null;
        admitJoining();
        if (streams.size === 0) synced = false;
      }
    })();
  }

  function tick(): void {
    requestRead();
    runWatches.refreshAll();
  }

  function updateTimer(): void {
    // Polling needs no start: streams opened before `start` (or without it) are still fed.
    const wanted = !stopped && (streams.size > 0 || runWatches.runs > 0);
    if (wanted && !timer) {
      timer = setInterval(tick, pollMs);
      timer.unref();
    } else if (!wanted && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  /** While nobody listened the cursor stood still: the first subscription moves it to the end. */
  async function resync(): Promise<void> {
    try {
      if (fetching) await fetching;
      cursor = await settledActivityId(orm.em.fork());
      synced = true;
    } finally {
      resyncing = null;
    }
  }

  const side: HubSide = {
    get cursor() {
      return cursor;
    },
    get reading() {
      return reading;
    },
    pageEnd: () => (reading ? new Promise<void>((ended) => pageEnded.push(ended)) : Promise.resolve()),
    bufferLimit,
    pageSize,
    read: (range, matcher) => readActivities(orm.em.fork(), range, matcher),
    detach(stream) {
      if (!streams.delete(stream)) return;
      stream.release();
      // Only when nobody listens nor waits to: a stream joining at the end of a page in flight
      // must start at that page's cursor, not at a later resync's.
      if (streams.size === 0 && joining.length === 0 && fetching === null) synced = false;
      updateTimer();
    },
  };

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

  return {
    async start() {
      follow('activitiesCommitted', (payload) => {
        // A hint only: a malformed or stale id just means one more read.
        const last = /^[0-9]{1,19}$/.test(String(payload?.lastActivityId))
          ? BigInt(payload.lastActivityId)
          : null;
        if (last !== null && last > announced) announced = last;
        if (last === null || last > cursor) requestRead();
      });
      follow('runUpdated', (payload) => runWatches.refresh(String(payload?.runId)));
      updateTimer();
    },

    async stop() {
      stopped = true;
      stopping.abort();
      updateTimer();
      await Promise.all(followers.map((follower) => follower.return?.()));
      admitJoining();
      for (const stream of [...streams]) stream.interrupt('shutdown');
      runWatches.closeAll();
      if (fetching) await fetching;
    },

    stats() {
      return { activityStreams: streams.size, runWatches: runWatches.size, cursor: cursor.toString() };
    },

    async openActivities(matcher, after, owner) {
      const release = quota.take(owner);
      const stream = new ActivityStream(side, matcher, after, release);
      try {
        while (!synced && !stopped) {
          resyncing ??= resync();
          await resyncing;
        }
        if (stopped) throw new ServerStoppingError('The server is stopping');
      } catch (error) {
        release();
        throw error;
      }
      if (reading) await new Promise<void>((joined) => joining.push({ stream, joined }));
      else register(stream);
      return stream;
    },

    watchRun(runId, read, watchOptions, owner) {
      if (stopped) throw new ServerStoppingError('The server is stopping');
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
