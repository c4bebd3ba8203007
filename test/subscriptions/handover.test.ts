import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  executeScenario,
  lastActivityId,
  queriedIds,
  scheduleNow,
  startTestWorker,
  untilCompleted,
} from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { type Collector, deliveredIds, subscribeWs, untilStreams, wsClient } from '../helpers/streams.js';

/**
 * The handover from the replay of stored activities to live ones, while a run commits its chunks:
 * subscriptions that start, or resume after an overflow, in the middle of it get every activity of
 * the run once.
 */

const ACTIVITY_ADDED = `subscription ($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) { id }
}`;
/** Three chunks of at most 500 leads, two at a time: 1,800 activities per run. */
const LEADS = 1200;
const PER_RUN = LEADS * 1.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Follower {
  /** Every activity id received, over every subscription. */
  received: string[];
  /** How many times it was ended with SUBSCRIPTION_OVERFLOW and subscribed again. */
  overflows: number;
  /** Any other way a subscription ended (an overflow naming another id than the last received, too). */
  failures: unknown[];
  current: Collector;
}

/**
 * Follows a run's activities from `after` as a client would: on SUBSCRIPTION_OVERFLOW it subscribes
 * again with `after: lastDeliveredId`.
 */
function follow(client: Client, runId: string, after: string): Follower {
  const follower: Follower = { received: [], overflows: 0, failures: [], current: undefined as never };
  const subscribe = (from: string) => {
    const stream = subscribeWs(client, ACTIVITY_ADDED, { filter: { runId }, after: from });
    follower.current = stream;
    void stream.ended.then(() => {
      follower.received.push(...deliveredIds(stream));
      const extensions = stream.results.at(-1)?.errors?.[0]?.extensions;
      const resumeFrom = follower.received.at(-1) ?? from;
      if (extensions?.code === 'SUBSCRIPTION_OVERFLOW' && extensions.lastDeliveredId === resumeFrom) {
        follower.overflows += 1;
        subscribe(String(extensions.lastDeliveredId));
      } else follower.failures.push(stream.failure ?? stream.results.at(-1));
    });
  };
  subscribe(after);
  return follower;
}

const receivedSoFar = (follower: Follower) => [
  ...follower.received,
  ...(follower.current.completed || follower.current.failure ? [] : deliveredIds(follower.current)),
];

/**
 * Another writer of activities (new leads of another workspace), committing between and alongside
 * the run's chunks, until stopped.
 */
function writeWhile(t: TestApp, workspace: WorkspaceWithKey) {
  let writing = true;
  let batch = 0;
  const done = (async () => {
    while (writing) {
      batch += 1;
      const emails = Array.from({ length: 20 }, (_, index) => `w${batch}-${index}@example.com`);
      await upsertLeads(
        t,
        workspace,
        emails.map((email) => ({ email })),
      );
    }
  })();
  return {
    async stop() {
      writing = false;
      await done;
    },
  };
}

/**
 * Starts a run and, while its chunks commit, subscribes `count` followers to it from the start, one
 * every `everyMs`; then checks each got every activity of the run once, in order.
 */
async function followRunWhileItCommits(
  t: TestApp,
  url: string,
  workspace: WorkspaceWithKey,
  campaignId: string,
  writer: WorkspaceWithKey,
  options: { count: number; everyMs: number },
): Promise<Follower[]> {
  const client = wsClient({ url }, workspace.key);
  const writing = writeWhile(t, writer);
  // A subscription to the whole workspace makes the reader read every new row, the followers alone
  // only the run's: both ways of reading are handed over from.
  const wide = subscribeWs(client, ACTIVITY_ADDED, {});
  await untilStreams(t.app, 1);
  await sleep(150);
  const before = await lastActivityId(t);
  const runId = await scheduleNow(t, workspace.key, campaignId);
  // Once the run's first chunk is stored, subscriptions from the start replay it while the next
  // chunks come live.
  await expect.poll(() => lastActivityId(t), { timeout: 20_000, interval: 5 }).not.toBe(before);
  const followers: Follower[] = [];
  for (let index = 0; index < options.count; index += 1) {
    followers.push(follow(client, runId, '0'));
    await sleep(options.everyMs);
  }
  await untilCompleted(t, workspace.key, runId);
  await writing.stop();
  const expected = await queriedIds(t, workspace.key, { runId });
  expect(expected).toHaveLength(PER_RUN);
  for (const follower of followers) {
    await expect
      .poll(() => receivedSoFar(follower).length, { timeout: 20_000, interval: 20 })
      .toBeGreaterThanOrEqual(expected.length);
    expect(receivedSoFar(follower)).toEqual(expected);
    expect(follower.failures).toEqual([]);
  }
  wide.stop();
  for (const follower of followers) follower.current.stop();
  await untilStreams(t.app, 0);
  await client.dispose();
  return followers;
}

describe('subscribing from the start of a run while it commits', () => {
  let t: TestApp;
  let url: string;
  let worker: { stop(): Promise<void> };
  let acme: WorkspaceWithKey;
  let other: WorkspaceWithKey;
  let parent: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.start();
    worker = await startTestWorker(t);
    acme = await createWorkspaceWithKey(t, 'Acme');
    other = await createWorkspaceWithKey(t, 'Other');
    ({ parent } = await executeScenario(t, acme, LEADS));
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it('delivers every activity of the run once to each subscription, whenever it joined', async () => {
    const followers = await followRunWhileItCommits(t, url, acme, parent, other, { count: 12, everyMs: 40 });
    expect(followers.every((follower) => follower.overflows === 0)).toBe(true);
  });
});

describe('resuming after an overflow while a run commits', () => {
  let t: TestApp;
  let url: string;
  let worker: { stop(): Promise<void> };
  let acme: WorkspaceWithKey;
  let other: WorkspaceWithKey;
  let parent: string;

  beforeAll(async () => {
    t = await startTestApp(undefined, { streaming: { bufferLimit: 20, pageSize: 100 } });
    url = await t.app.start();
    worker = await startTestWorker(t);
    acme = await createWorkspaceWithKey(t, 'Acme');
    other = await createWorkspaceWithKey(t, 'Other');
    ({ parent } = await executeScenario(t, acme, LEADS));
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it('gives every activity of the run once over the subscriptions resumed with lastDeliveredId', async () => {
    const followers = await followRunWhileItCommits(t, url, acme, parent, other, { count: 6, everyMs: 60 });
    expect(followers.some((follower) => follower.overflows > 0)).toBe(true);
  });
});
