const done = (): IteratorResult<never, undefined> => ({ done: true, value: undefined });

type MailboxState =
  | { kind: 'open' }
  /** Nothing more is accepted: the items waiting are taken, then the consumer is done (or gets the error). */
  | { kind: 'ending'; failure: { error: unknown } | null }
  | { kind: 'closed' };

/**
 * A bounded queue between a producer that never waits and one consumer that reads it as an async
 * iterator, one `next` at a time. `push` refuses an item past the bound (the items' total weight,
 * one each unless `weigh` says otherwise) instead of waiting for the consumer; `end` lets the consumer take what is waiting (and a last item, or an error) before it
 * is done; `close`, or the consumer's `return`, drops everything at once. `onClose` runs once, when
 * the consumer is done, however that came about.
 */
export class Mailbox<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private weight = 0;
  private state: MailboxState = { kind: 'open' };
  private wakeUp: (() => void) | null = null;

  constructor(
    /** The weight of the items that may wait at once. */
    private readonly limit: number,
    private readonly onClose: () => void = () => undefined,
    private readonly weigh: (item: T) => number = () => 1,
  ) {}

  /** Whether items are still accepted: it was neither ended nor closed. */
  get open(): boolean {
    return this.state.kind === 'open';
  }

  /** Queues the item; false, and nothing queued, when the mailbox is full or no longer open. */
  push(item: T): boolean {
    const weight = this.weigh(item);
    if (this.state.kind !== 'open' || this.weight + weight > this.limit) return false;
    this.weight += weight;
    this.items.push(item);
    this.wake();
    return true;
  }

  /** Drops the items waiting. */
  clear(): void {
    this.items = [];
    this.weight = 0;
  }

  /**
   * Accepts nothing more. The consumer takes the items waiting and `last` (beyond the bound), then
   * is done, or gets `error` from its next call.
   */
  end(outcome: { last: T } | { error: unknown } | null = null): void {
    if (this.state.kind !== 'open') return;
    if (outcome && 'last' in outcome) this.items.push(outcome.last);
    this.state = { kind: 'ending', failure: outcome && 'error' in outcome ? { error: outcome.error } : null };
    this.wake();
  }

  /** Drops what is waiting: the consumer is done at once. */
  close(): void {
    if (this.state.kind === 'closed') return;
    this.state = { kind: 'closed' };
    this.clear();
    this.onClose();
    this.wake();
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.items.length > 0) {
        const item = this.items.shift() as T;
        this.weight -= this.weigh(item);
        return { done: false, value: item };
      }
      if (this.state.kind === 'closed') return done();
      if (this.state.kind === 'ending') {
        const failure = this.state.failure;
        this.close();
        if (failure) throw failure.error;
        return done();
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return done();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
