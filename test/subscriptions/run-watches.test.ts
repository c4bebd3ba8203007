import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityFilter } from '../../src/domain/activity-filter.js';
import { createInProcessEventBus, type EventBus } from '../../src/pubsub/events.js';
import { type ActivityHub, createActivityHub } from '../../src/streaming/activity-hub.js';
import { SubscriptionLimitError } from '../../src/streaming/quota.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** Run watches of the hub alone, without a transport; each run is read by the test's own `read`. */
let t: TestApp;
const log = pino({ level: 'silent' });
/** The API key every watch of these tests counts against. */
const OWNER = 'key';
/** Notifications name a workspace; the hub finds a run's watches by the run's id alone. */
const workspaceId = '1';
const open: { hub: ActivityHub; bus: EventBus }[] = [];
/** Activity streams count against the same quota. */
const mine: ActivityFilter = { workspaceIds: null };

async function startHub(options: { pollMs: number; maxPerOwner?: number }) {
  const bus = createInProcessEventBus();
  const hub = createActivityHub({ orm: t.orm, events: bus, log, ...options });
  open.push({ hub, bus });
  await hub.start();
  return { hub, bus };
}

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  for (const { hub, bus } of open.splice(0)) {
    await hub.stop();
    await bus.close();
  }
});
afterAll(() => t.close());

describe('run watches', () => {
  interface RunState {
    status: string;
    processed: number;
  }
  const watchOptions = {
    signature: (state: RunState) => JSON.stringify(state),
    isFinal: (state: RunState) => state.status === 'COMPLETED',
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('read a run once per notification however many watch it, and end together on its final state', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    let run: RunState = { status: 'RUNNING', processed: 0 };
    let reads = 0;
    const read = async () => {
      reads += 1;
      return { ...run };
    };
    const watches = Array.from({ length: 3 }, () => hub.watchRun('42', read, watchOptions, OWNER));
    for (const watch of watches) expect((await watch.next()).value).toEqual(run);
    await settled();

    for (const next of [
      { status: 'RUNNING', processed: 500 },
      { status: 'COMPLETED', processed: 1000 },
    ]) {
      const before = reads;
      run = next;
      bus.publish('runUpdated', { workspaceId, runId: '42' });
      for (const watch of watches) expect((await watch.next()).value).toEqual(next);
      expect(reads).toBe(before + 1);
    }
    for (const watch of watches) expect((await watch.next()).done).toBe(true);
    expect(hub.stats().runWatches).toBe(0);
  });

  it('deliver only changes, and end when the run can no longer be read', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    let run: RunState | null = { status: 'RUNNING', processed: 0 };
    const watch = hub.watchRun('7', async () => run && { ...run }, watchOptions, OWNER);
    expect((await watch.next()).value).toEqual(run);
    const next = watch.next();
    bus.publish('runUpdated', { workspaceId, runId: '7' });
    await settled();
    run = null;
    bus.publish('runUpdated', { workspaceId, runId: '7' });
    // The unchanged state was not delivered: the stream just ends.
    expect(await next).toEqual({ done: true, value: undefined });
    expect(hub.stats().runWatches).toBe(0);
  });

  it('hand a watcher that has not taken a state only the latest one', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    let run: RunState = { status: 'RUNNING', processed: 0 };
    let reads = 0;
    const read = async () => {
      reads += 1;
      return { ...run };
    };
    const watch = hub.watchRun('5', read, watchOptions, OWNER);
    expect((await watch.next()).value).toEqual(run);
    for (const processed of [100, 200]) {
      const before = reads;
      run = { status: 'RUNNING', processed };
      bus.publish('runUpdated', { workspaceId, runId: '5' });
      await expect.poll(() => reads).toBe(before + 1);
      await settled();
    }
    expect((await watch.next()).value).toEqual({ status: 'RUNNING', processed: 200 });
    run = { status: 'COMPLETED', processed: 300 };
    bus.publish('runUpdated', { workspaceId, runId: '5' });
    expect((await watch.next()).value).toEqual(run);
    expect((await watch.next()).done).toBe(true);
  });

  it('end with the error when the run cannot be read, and give their places back', async () => {
    const { hub } = await startHub({ pollMs: 3_600_000, maxPerOwner: 2 });
    const read = async (): Promise<RunState> => {
      throw new Error('connection lost');
    };
    const watches = [
      hub.watchRun('9', read, watchOptions, OWNER),
      hub.watchRun('9', read, watchOptions, OWNER),
    ];
    for (const watch of watches) {
      await expect(watch.next()).rejects.toThrow('connection lost');
      expect((await watch.next()).done).toBe(true);
    }
    expect(hub.stats().runWatches).toBe(0);
    const again = hub.watchRun('9', async () => ({ status: 'COMPLETED', processed: 1 }), watchOptions, OWNER);
    expect((await again.next()).value).toEqual({ status: 'COMPLETED', processed: 1 });
    await again.return?.();
  });

  it('count, with activity streams, against the owner’s quota, and give their place back when they end', async () => {
    const { hub } = await startHub({ pollMs: 3_600_000, maxPerOwner: 2 });
    const read = async () => ({ status: 'RUNNING', processed: 0 });
    const watch = hub.watchRun('1', read, watchOptions, OWNER);
    const stream = await hub.openActivities(mine, null, OWNER);
    expect(() => hub.watchRun('1', read, watchOptions, OWNER)).toThrow(SubscriptionLimitError);
    await expect(hub.openActivities(mine, null, OWNER)).rejects.toThrow(SubscriptionLimitError);
    // Another owner has a quota of its own.
    const others = await hub.openActivities(mine, null, 'another key');
    await watch.return?.();
    const again = hub.watchRun('1', read, watchOptions, OWNER);
    await stream.return?.();
    const reopened = await hub.openActivities(mine, null, OWNER);
    for (const open of [others, again, reopened]) await open.return?.();
    expect(hub.stats()).toMatchObject({ activityStreams: 0, runWatches: 0 });
  });
});
