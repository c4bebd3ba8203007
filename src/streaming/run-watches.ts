import type { Logger } from 'pino';
import { loggable } from '../db/loggable.js';
import { Mailbox } from './mailbox.js';

export interface RunWatchOptions<T> {
  /** Two states with the same signature are the same: only a change is delivered. */
  signature(state: T): string;
  /** A final state is delivered last. */
  isFinal(state: T): boolean;
}

/** One subscriber's view of a run: its mailbox holds the latest state it has not taken yet. */
class RunWatch<T> {
  private last: string | undefined;
  readonly states: Mailbox<T>;

  constructor(
    private readonly options: RunWatchOptions<T>,
    onClose: () => void,
  ) {
    this.states = new Mailbox<T>(1, onClose);
  }

  /** The run as just read; null when it can no longer be read. A state not yet taken is replaced. */
  offer(state: T | null): void {
    if (!this.states.open) return;
    if (state === null) {
      this.states.close();
      return;
    }
    const signature = this.options.signature(state);
    if (signature === this.last) return;
    this.last = signature;
    this.states.clear();
    // A final state is delivered last.
    if (this.options.isFinal(state)) this.states.end({ last: state });
    else this.states.push(state);
  }

  /** The run could not be read: the watch ends with this error. */
  fail(error: unknown): void {
    this.states.end({ error });
  }
}

/** The watches of one run, and the one read they share. */
interface RunGroup {
  watches: Set<RunWatch<unknown>>;
  read: () => Promise<unknown>;
  reading: boolean;
  readAgain: boolean;
}

/**
 * Run watches grouped by run: each refresh reads a run once, however many subscribers watch it,
 * and hands the state to each of them. Reads of one run never overlap: a refresh during a read
 * makes one more read after it.
 */
export function createRunWatches(log: Logger) {
  const groups = new Map<string, RunGroup>();

  function refresh(group: RunGroup): void {
    if (group.reading) {
      group.readAgain = true;
      return;
    }
    group.reading = true;
    void (async () => {
      try {
        do {
          group.readAgain = false;
          const state = await group.read();
          for (const watch of [...group.watches]) watch.offer(state);
        } while (group.readAgain && group.watches.size > 0);
      } catch (error) {
        // Its watchers are told, rather than waiting on a run that may never be read again.
        log.warn({ err: loggable(error) }, 'reading a watched run failed; its watches end');
        for (const watch of [...group.watches]) watch.fail(error);
      } finally {
        group.reading = false;
      }
    })();
  }

  return {
    /**
     * The run's state now and after each change, until a final one or until it cannot be read.
     * Watches of one run share the read of the first one: `read` must not depend on the watcher.
     * `onClose` is called once, however the watch ends.
     */
    watch<T>(
      runId: string,
      read: () => Promise<T | null>,
      options: RunWatchOptions<T>,
      onClose: () => void,
    ): AsyncIterableIterator<T> {
      let group = groups.get(runId);
      if (!group) {
        group = { watches: new Set(), read, reading: false, readAgain: false };
        groups.set(runId, group);
      }
      const joined = group;
      const watch = new RunWatch<T>(options, () => {
        joined.watches.delete(watch as RunWatch<unknown>);
        if (joined.watches.size === 0 && groups.get(runId) === joined) groups.delete(runId);
        onClose();
      });
      joined.watches.add(watch as RunWatch<unknown>);
      refresh(joined);
      return watch.states;
    },
    /** Reads the run again for its watches (a notification said it changed). */
    refresh(runId: string): void {
      const group = groups.get(runId);
      if (group) refresh(group);
    },
    /** Reads every watched run again (the poll: notifications may be lost). */
    refreshAll(): void {
      for (const group of groups.values()) refresh(group);
    },
    /** Ends every watch. */
    closeAll(): void {
      for (const group of [...groups.values()]) for (const watch of [...group.watches]) watch.states.close();
    },
    /** Watches open now. */
    get size(): number {
      let watches = 0;
      for (const group of groups.values()) watches += group.watches.size;
      return watches;
    },
    /** Runs watched now. */
    get runs(): number {
      return groups.size;
    },
  };
}
