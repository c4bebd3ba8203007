import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import {
  readActivities,
  readActivitiesById,
  readActivityKeys,
  readCandidates,
  settledActivityId,
} from '../db/sql/activity-feed.js';
import { type ActivityFilter, matchesActivityFilter } from '../domain/activity-filter.js';
import { ActivityBatchStream } from './activity-batch-stream.js';
import {
  type ActivityItem,
  ActivityStream,
  type FedStream,
  type SharedBatches,
  type StreamSource,
} from './activity-stream.js';
import { type NarrowKeys, narrowKeys } from './narrow-keys.js';
import { ServerStoppingError } from './quota.js';

export interface ActivityReaderOptions {
  orm: Orm;
  log: Logger;
  /** Live activities a stream may have waiting; past it, the stream ends (overflow). */
  bufferLimit: number;
  /** Rows per read of the activity table. */
  pageSize: number;
  /** Least time from the start of one read of new activities to the start of the next. */
  minReadIntervalMs: number;
  /** Aborted when the server stops: no read starts after it, and a rest between reads ends. */
  stopping: AbortSignal;
  /** The number of streams changed. */
  onStreamsChanged: () => void;
}

/**
 * Where the reader stands. While nobody listens it does not follow the table (`stale`): the first
 * stream makes it find where the table ends (`syncing`). Following it, it is `idle` until a read is
 * requested, then `reading` pages of new activities, then `resting` until the least interval since
 * the read started has passed; a request during either (`again`) makes one more read after the rest.
 */
type ReaderState =
  | { kind: 'stale' }
  | { kind: 'syncing'; synced: Promise<void> }
  | { kind: 'idle' }
  | { kind: 'reading' | 'resting'; again: boolean; finished: Promise<void> };

/**
 * The server's one reader of the activity table for live streams (semantics A2, A3).
 *
 * It keeps a cursor: every committed activity up to it has been handed to the streams. On each
 * request it reads `id > cursor` once for the whole server, in id order and in pages, and offers
 * each row to every stream, whose matcher decides. Since ids are drawn in commit order, nothing
 * committed below the cursor can appear later. Reads never overlap and start at least
 * `minReadIntervalMs` apart: requests during a read, or during the rest after it, make one more
 * read when the rest is over. Streams never slow it down: each has a bounded buffer, and one that
 * fills is ended (overflow) instead of waited for.
 */
export function createActivityReader(options: ActivityReaderOptions) {
  const { orm, log, pageSize, minReadIntervalMs, stopping } = options;
  let state: ReaderState = { kind: 'stale' };
  let cursor = 0n;
  /** The highest activity id a notification announced: committed, unless the bus is shared. */
  let announced = 0n;
  const streams = new Set<FedStream>();
  /**
   * Run at the end of the page being read: streams opened meanwhile join there, when the cursor
   * moves, so each starts exactly at a cursor and the set of streams a page is matched against
   * does not change while its rows are fetched.
   */
  let atPageEnd: (() => void)[] = [];

  const isReading = () => state.kind === 'reading';
  /** Whether a read was requested during the read or rest in progress. */
  const requestedAgain = () => (state.kind === 'reading' || state.kind === 'resting') && state.again;

  function register(stream: FedStream): void {
    stream.begin(cursor);
    streams.add(stream);
    options.onStreamsChanged();
  }

  function endPage(): void {
    const waiting = atPageEnd;
    atPageEnd = [];
    for (const run of waiting) run();
  }

  /**
   * The streams, those whose matchers want the same rows together: each row is matched once per
   * matcher, not once per stream, and a hundred subscriptions to one run match it once.
   */
  function streamsByMatcher(): { matcher: ActivityFilter; streams: FedStream[] }[] {
    const groups = new Map<string, { matcher: ActivityFilter; streams: FedStream[] }>();
    for (const stream of streams) {
      const group = groups.get(stream.matcherKey);
      if (group) group.streams.push(stream);
      else groups.set(stream.matcherKey, { matcher: stream.matcher, streams: [stream] });
    }
    return [...groups.values()];
  }

  /**
   * When every stream names a lead, a run or a campaign, only their rows are read, through those
   * columns' indexes, up to `last`, an id up to which every activity is settled.
   */
  async function readNarrow(keys: NarrowKeys, last: bigint): Promise<boolean> {
    if (last <= cursor) return false;
    const page = await readCandidates(orm.em.fork(), { after: cursor, upTo: last, limit: pageSize }, keys);
    const groups = streamsByMatcher();
    for (const activity of page.events) {
      const item: ActivityItem = { kind: 'activity', activity };
      for (const group of groups) {
        if (!matchesActivityFilter(group.matcher, activity)) continue;
        // A stream that is not accepting ignores what it is offered.
        for (const stream of group.streams) stream.offer(item);
      }
    }
    // Rows up to the page's last one (or all up to `last`) were looked at for every stream.
    cursor = page.full && page.lastId !== null ? page.lastId : last;
    return page.full;
  }

  /** Otherwise: the keys of every new row first; the rows themselves only for those someone wants. */
  async function readWide(): Promise<boolean> {
    const page = await readActivityKeys(orm.em.fork(), { after: cursor, limit: pageSize });
    const wantedBy = new Map<string, FedStream[]>();
    const groups = streamsByMatcher();
    for (const key of page.keys) {
      for (const group of groups) {
        if (!matchesActivityFilter(group.matcher, key)) continue;
        for (const stream of group.streams) {
          if (!stream.accepting) continue;
          const wanting = wantedBy.get(key.id);
          if (wanting) wanting.push(stream);
          else wantedBy.set(key.id, [stream]);
        }
      }
    }
    const rows = await readActivitiesById(orm.em.fork(), [...wantedBy.keys()]);
    for (const key of page.keys) {
      const activity = rows.get(key.id);
      if (!activity) continue;
      const item: ActivityItem = { kind: 'activity', activity };
      for (const stream of wantedBy.get(key.id) ?? []) stream.offer(item);
    }
    if (page.lastId !== null && page.lastId > cursor) cursor = page.lastId;
    return page.full;
  }

  /** Batch streams make batches of what they were offered, at a page end (`readEnd`: the read's). */
  function flush(readEnd: boolean): void {
    const batches: SharedBatches = new Map();
    for (const stream of streams) stream.flush(batches, readEnd);
  }

  /** Reads every new page, one after the other; streams join between two pages. */
  async function readNew(): Promise<void> {
    try {
      await readPages();
    } finally {
      flush(true);
    }
  }

  async function readPages(): Promise<void> {
    let last: bigint | undefined;
    for (;;) {
      if (stopping.aborted || streams.size === 0) return;
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
      flush(false);
      endPage();
      if (!more) return;
    }
  }

  /** Reads, then rests, and again while requests came meanwhile; `finished` settles at the end. */
  async function readWhileRequested(finished: Promise<void>): Promise<void> {
    try {
      let again = true;
      while (again && !stopping.aborted) {
        state = { kind: 'reading', again: false, finished };
        const started = performance.now();
        await readNew();
        state = { kind: 'resting', again: requestedAgain(), finished };
        endPage();
        // Requests until the interval is over wait for it, and are served by one read.
        const rest = minReadIntervalMs - (performance.now() - started);
        if (rest > 0 && !stopping.aborted && streams.size > 0) {
          await sleep(rest, undefined, { signal: stopping }).catch(() => undefined);
        }
        again = requestedAgain();
      }
    } catch (error) {
      log.warn({ err: loggable(error) }, 'reading new activities failed; the next poll tries again');
    } finally {
      // In the same step as the last look at `again`: no request falls in between.
      state = { kind: 'idle' };
      endPage();
      if (streams.size === 0) state = { kind: 'stale' };
    }
  }

  /** While nobody listened the cursor stood still: the first stream moves it to the end. */
  async function sync(): Promise<void> {
    try {
      cursor = await settledActivityId(orm.em.fork());
      state = { kind: 'idle' };
    } catch (error) {
      state = { kind: 'stale' };
      throw error;
    }
  }

  const source: StreamSource = {
    get cursor() {
      return cursor;
    },
    get reading() {
      return isReading();
    },
    pageEnd: () => (isReading() ? new Promise<void>((ended) => atPageEnd.push(ended)) : Promise.resolve()),
    bufferLimit: options.bufferLimit,
    pageSize,
    read: (range, matcher) => readActivities(orm.em.fork(), range, matcher),
    detach(stream) {
      if (!streams.delete(stream)) return;
      stream.release();
      // Only when no read is in flight: a stream joining at the end of a page being read must
      // start at that page's cursor, not at a later sync's.
      if (streams.size === 0 && state.kind === 'idle') state = { kind: 'stale' };
      options.onStreamsChanged();
    },
  };

  /** Reads new activities: at once when idle, else after the read or rest in progress. */
  function requestRead(): void {
    if (stopping.aborted || streams.size === 0) return;
    if (state.kind === 'reading' || state.kind === 'resting') {
      state = { ...state, again: true };
      return;
    }
    if (state.kind !== 'idle') return;
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    void readWhileRequested(finished).finally(finish);
  }

  return {
    get cursor(): bigint {
      return cursor;
    },
    /** Streams fed now. */
    get streams(): number {
      return streams.size;
    },

    requestRead,

    /** A notification: activities up to `lastId` are committed (null: an id it could not read). */
    announce(lastId: bigint | null): void {
      if (lastId !== null && lastId > announced) announced = lastId;
      if (lastId === null || lastId > cursor) requestRead();
    },

    /**
     * A stream of the activities the matcher wants after `after` (from now on when null), fed
     * once the reader follows the table and the page in flight, if any, ends. Throws
     * ServerStoppingError when the server stops first.
     */
    async open<Batched extends boolean>(
      matcher: ActivityFilter,
      after: bigint | null,
      release: () => void,
      batched: Batched,
    ): Promise<Batched extends true ? ActivityBatchStream : ActivityStream> {
      const stream = batched
        ? new ActivityBatchStream(source, matcher, after, release)
        : new ActivityStream(source, matcher, after, release);
      for (;;) {
        if (stopping.aborted) throw new ServerStoppingError('The server is stopping');
        if (state.kind === 'stale') state = { kind: 'syncing', synced: sync() };
        if (state.kind !== 'syncing') break;
        await state.synced;
      }
      if (isReading()) {
        await new Promise<void>((joined) =>
          atPageEnd.push(() => {
            register(stream);
            joined();
          }),
        );
      } else register(stream);
      return stream as Batched extends true ? ActivityBatchStream : ActivityStream;
    },

    /** Ends every stream (shutdown); resolves when no read is in flight. */
    async close(): Promise<void> {
      endPage();
      for (const stream of [...streams]) stream.interrupt('shutdown');
      if (state.kind === 'reading' || state.kind === 'resting') await state.finished;
    },
  };
}
