import type { ActivityEvent } from '../db/sql/activity-feed.js';
import type { ActivityFilter } from '../domain/activity-filter.js';
import {
  type ActivityBatch,
  type ActivityItem,
  FeedStream,
  type Interrupted,
  type SharedBatches,
  type StreamSource,
} from './activity-stream.js';

/** What a batch subscription yields: batches, or, once and last, the news that it fell behind. */
export type BatchItem = ActivityBatch | Interrupted;

/**
 * One activity subscription that yields what it wants of each read of the reader as one batch
 * (semantics A10): a long read is cut into batches of at least a page's worth of rows, and a replay
 * yields a batch per page of stored rows. Its buffer counts activities, as a stream of single
 * activities does, so both fall behind at the same point.
 */
export class ActivityBatchStream extends FeedStream<ActivityBatch> {
  /** Offered during the read in progress, not yet a batch. */
  private pending: ActivityEvent[] = [];
  constructor(source: StreamSource, matcher: ActivityFilter, after: bigint | null, release: () => void) {
    super(source, matcher, after, release, (item) => (item.kind === 'batch' ? item.activities.length : 0));
  }

  offer(item: ActivityItem): void {
    if (!this.accepting) return;
    this.pending.push(item.activity);
  }

  override flush(batches: SharedBatches, readEnd: boolean): void {
    if (this.pending.length === 0 || (!readEnd && this.pending.length < this.source.pageSize)) return;
    const activities = this.pending;
    this.pending = [];
    if (!this.accepting) return;
    // Same matcher, same first row, same length: both were offered the same rows since.
    const alike = batches.get(this.matcherKey);
    const batch: ActivityBatch =
      alike && alike.activities.length === activities.length && alike.activities[0] === activities[0]
        ? alike
        : { kind: 'batch', activities };
    batches.set(this.matcherKey, batch);
    this.enqueue(batch);
  }

  protected deliver(batch: ActivityBatch): IteratorResult<ActivityBatch> | null {
    const first = batch.activities[0];
    const fresh: ActivityBatch =
      first && BigInt(first.id) > this.lastDelivered
        ? batch
        : {
            kind: 'batch',
            activities: batch.activities.filter((activity) => BigInt(activity.id) > this.lastDelivered),
          };
    const last = fresh.activities.at(-1);
    if (!last) return null;
    this.lastDelivered = BigInt(last.id);
    return { done: false, value: fresh };
  }

  protected takeStored(page: ActivityEvent[]): ActivityBatch | null {
    return page.length > 0 ? { kind: 'batch', activities: page.splice(0) } : null;
  }
}
