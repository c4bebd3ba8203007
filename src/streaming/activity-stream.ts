import type { ActivityEvent, ActivityFeedPage } from '../db/sql/activity-feed.js';
import type { ActivityFilter } from '../domain/activity-filter.js';
import { Mailbox } from './mailbox.js';

/**
 * The stream ended early: the subscriber did not keep up and its buffer filled (overflow), or the
 * server is stopping (shutdown). Resume with `after: lastDeliveredId`.
 */
export interface Interrupted {
  kind: 'interrupted';
  reason: 'overflow' | 'shutdown';
  lastDeliveredId: string;
}

/** What an activity subscription yields: an activity, or, once and last, the news that it fell behind. */
export type StreamItem = { kind: 'activity'; activity: ActivityEvent } | Interrupted;

/**
 * A live activity as the hub offers it: one item per row, the same for every stream that wants
 * it, so that subscriptions alike can execute it once between them (useSharedSubscriptionExecution).
 */
export type ActivityItem = Extract<StreamItem, { kind: 'activity' }>;

/** What a stream needs of the reader that feeds it. */
export interface StreamSource {
  /** Every committed activity up to here has been offered to the streams. */
  readonly cursor: bigint;
  /** Whether a page of new rows is being read (matched against the streams, then fetched). */
  readonly reading: boolean;
  /** Resolves at the end of the page being read (at once when none is). */
  pageEnd(): Promise<void>;
  readonly bufferLimit: number;
  readonly pageSize: number;
  /** Stored rows the matcher wants, for a replay. */
  read(
    range: { after: bigint; upTo: bigint | null; limit: number },
    matcher: ActivityFilter,
  ): Promise<ActivityFeedPage>;
  /** The stream ended: it is fed no more. */
  detach(stream: FedStream): void;
}

/** A stream as the reader that feeds it sees it. */
export interface FedStream {
  readonly matcher: ActivityFilter;
  /** Streams with the same key have matchers that want the same rows. */
  readonly matcherKey: string;
  /** Whether it takes live rows now: open, and not chasing the reader through the table. */
  readonly accepting: boolean;
  readonly release: () => void;
  begin(cursor: bigint): void;
  offer(item: ActivityItem): void;
  flush(batches: SharedBatches, readEnd: boolean): void;
  interrupt(reason: Interrupted['reason']): void;
}

interface Replay {
  /** Everything up to here has been read from the table. */
  readAfter: bigint;
  /** Where the replay ends: live activities above it arrive through the buffer. */
  upTo: bigint;
  /**
   * The buffer overflowed while stored rows were still being replayed: live activities are then
   * dropped and read from the table instead, up to the reader's cursor, until the replay catches up.
   */
  chasing: boolean;
  page: ActivityEvent[];
}

/** The activities of one read (a part of it, for a long one) a batch subscription wants, oldest first. */
export interface ActivityBatch {
  kind: 'batch';
  activities: ActivityEvent[];
}

/**
 * The batches made at one page end, by matcher: a stream hands on the batch of a stream alike
 * when it holds the same rows, so that subscriptions alike execute it once between them.
 */
export type SharedBatches = Map<string, ActivityBatch>;

const done = (): IteratorResult<never, undefined> => ({ done: true, value: undefined });

/**
 * A subscription to activities: a bounded buffer of what it yields (`Live`), fed by the reader,
 * behind a replay of stored rows, ended by an interruption when it falls behind.
 */
export abstract class FeedStream<Live extends { kind: string }>
  implements AsyncIterableIterator<Live | Interrupted>, FedStream
{
  /** Live items, then the interruption, if any. */
  protected readonly buffer: Mailbox<Live | Interrupted>;
  protected lastDelivered = 0n;
  protected replay: Replay | null = null;
  readonly matcherKey: string;

  constructor(
    protected readonly source: StreamSource,
    readonly matcher: ActivityFilter,
    private readonly after: bigint | null,
    /** Gives the owner's place back; the reader calls it when it lets the stream go. */
    readonly release: () => void,
    /** How many activities an item holds, against the buffer's limit. */
    weigh?: (item: Live | Interrupted) => number,
  ) {
    this.buffer = new Mailbox<Live | Interrupted>(source.bufferLimit, () => source.detach(this), weigh);
    this.matcherKey = JSON.stringify(matcher);
  }

  /** A committed activity it wants, in id order. Never blocks: a full buffer ends the subscription. */
  abstract offer(item: ActivityItem): void;

  /** The end of a page of the reader's (`readEnd`: the last of a read); what was offered may go out. */
  flush(_batches: SharedBatches, _readEnd: boolean): void {}

  /** The item without what was delivered already, moving past it; null when nothing is left. */
  protected abstract deliver(item: Live): IteratorResult<Live> | null;

  /** The next item taken from a page of stored rows being replayed; null when the page is empty. */
  protected abstract takeStored(page: ActivityEvent[]): Live | null;

  async next(): Promise<IteratorResult<Live | Interrupted>> {
    for (;;) {
      const replay = this.replay;
      if (!replay) {
        const live = await this.buffer.next();
        if (live.done || live.value.kind === 'interrupted') return live;
        const result = this.deliver(live.value as Live);
        if (result) return result;
        continue;
      }
      const stored = this.takeStored(replay.page);
      if (stored) {
        const result = this.deliver(stored);
        if (result) return result;
      } else if (!replay.chasing && replay.readAfter >= replay.upTo) {
        this.replay = null;
      } else {
        await this.fillReplay(replay);
      }
    }
  }

  /** Called by the reader when it registers the stream: live activities above `cursor` follow. */
  begin(cursor: bigint): void {
    if (this.after === null) {
      this.lastDelivered = cursor;
      return;
    }
    this.lastDelivered = this.after;
    if (this.after < cursor) this.replay = { readAfter: this.after, upTo: cursor, chasing: false, page: [] };
  }

  get accepting(): boolean {
    return this.buffer.open && !this.replay?.chasing;
  }

  /** Queues a live item; a full buffer ends the subscription (or, while replaying, makes it chase). */
  protected enqueue(item: Live): void {
    if (this.buffer.push(item)) return;
    this.buffer.clear();
    if (this.replay) this.replay.chasing = true;
    else this.interrupt('overflow');
  }

  /** Ends the stream with a last item telling why and where to resume. */
  interrupt(reason: 'overflow' | 'shutdown'): void {
    if (!this.buffer.open) return;
    this.replay = null;
    this.buffer.clear();
    const lastDeliveredId = this.lastDelivered.toString();
    this.buffer.end({ last: { kind: 'interrupted', reason, lastDeliveredId } });
    this.source.detach(this);
  }

  /** Ends the stream at once. */
  close(): void {
    this.replay = null;
    this.buffer.close();
  }

  /** Reads the next page of stored rows into the replay. */
  protected async fillReplay(replay: Replay): Promise<void> {
    const target = replay.chasing ? this.source.cursor : replay.upTo;
    const page =
      target > replay.readAfter
        ? await this.source.read(
            { after: replay.readAfter, upTo: target, limit: this.source.pageSize },
            this.matcher,
          )
        : { events: [], full: false, lastId: null };
    if (!this.buffer.open || this.replay !== replay) return;
    replay.page.push(...page.events);
    if (page.full && page.lastId !== null) {
      replay.readAfter = page.lastId;
      return;
    }
    if (target > replay.readAfter) replay.readAfter = target;
    if (!replay.chasing) return;
    // A page being read was matched without this stream: wait for its end, then read up to it.
    if (this.source.reading) {
      await this.source.pageEnd();
      return;
    }
    // Caught up with the reader and nothing dispatched since: live activities may be buffered again.
    if (this.source.cursor === target) {
      replay.chasing = false;
      replay.upTo = target;
    }
  }

  async return(): Promise<IteratorResult<Live | Interrupted>> {
    this.close();
    return done();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** One activity subscription that yields each activity as an item of its own. */
export class ActivityStream extends FeedStream<ActivityItem> {
  offer(item: ActivityItem): void {
    if (!this.accepting) return;
    this.enqueue(item);
  }

  protected deliver(item: ActivityItem): IteratorResult<ActivityItem> | null {
    const id = BigInt(item.activity.id);
    if (id <= this.lastDelivered) return null;
    this.lastDelivered = id;
    return { done: false, value: item };
  }

  protected takeStored(page: ActivityEvent[]): ActivityItem | null {
    const stored = page.shift();
    return stored ? { kind: 'activity', activity: stored } : null;
  }
}
