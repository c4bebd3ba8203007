import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivitiesDocument,
  ActivityAddedDocument,
  type ActivityAddedSubscription,
  CampaignRunUpdatedDocument,
  ExecuteCampaignActivityDocument,
  ScheduleCampaignDocument,
} from '../../src/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { run } from '../helpers/graphql.js';
import { type Collector, subscribeWs, untilDelivered, untilStreams, wsClient } from '../helpers/streams.js';
import { seedWithTypedOperations, type TypedSeed } from '../helpers/typed-seed.js';

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
let seed: TypedSeed;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  worker = await startTestWorker(t);
  seed = await seedWithTypedOperations(t);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** Schedules the campaign now with the typed mutation; resolves with the run's id. */
const schedule = async (campaignId: string) =>
  (await run(t, seed.key, ScheduleCampaignDocument, { campaignId })).scheduleCampaign.id;

/** The ids Query.activities gives for the workspace after the cursor, through the typed query. */
async function storedIds(after: string | null): Promise<string[]> {
  const { activities } = await run(t, seed.key, ActivitiesDocument, {
    filter: { workspaceId: seed.workspace },
    first: 100,
    after,
  });
  return activities.edges.map((edge) => edge.node.id);
}

const delivered = (stream: Collector<ActivityAddedSubscription>) =>
  stream.results.flatMap((result) => (result.data ? [result.data.activityAdded] : []));

describe('typed subscriptions over graphql-ws', () => {
  it('CampaignRunUpdated follows a scheduled run to COMPLETED, then completes', async () => {
    const runId = await schedule(seed.parentFalse);
    const client = wsClient({ url }, seed.key);
    const stream = subscribeWs(client, CampaignRunUpdatedDocument, { runId });
    await stream.ended;
    await client.dispose();
    expect(stream.failure).toBeUndefined();
    expect(stream.completed).toBe(true);
    const states = stream.results.map((result) => result.data?.campaignRunUpdated);
    expect(states.at(-1)).toMatchObject({
      id: runId,
      kind: 'BATCH',
      status: 'COMPLETED',
      leadsTotal: 2,
      leadsProcessed: 2,
      campaign: { id: seed.parentFalse, name: 'Parent FALSE' },
    });
    expect(states.slice(0, -1).every((state) => state?.status !== 'COMPLETED')).toBe(true);
  });

  it('ActivityAdded delivers a live run, and resumes from `after` with no gap and no duplicate', async () => {
    const client = wsClient({ url }, seed.key);
    const filter = { workspaceId: seed.workspace };
    const live = subscribeWs(client, ActivityAddedDocument, { filter });
    await untilStreams(t.app, 1);
    const before = (await storedIds(null)).at(-1) ?? null;
    const first = await schedule(seed.parentTrue);
    await untilCompleted(t, seed.key, first);
    const firstIds = await storedIds(before);
    await untilDelivered(live, firstIds.length);
    expect(delivered(live).map((activity) => activity.id)).toEqual(firstIds);
    live.stop();

    // A client that saw only the first two subscribes again with after: the rest of the first run,
    // then the second run's activities as they are committed.
    const cursor = firstIds[1] as string;
    const resumed = subscribeWs(client, ActivityAddedDocument, { filter, after: cursor });
    const second = await schedule(seed.parentTrue);
    await untilCompleted(t, seed.key, second);
    const expected = await storedIds(cursor);
    expect(expected.slice(0, firstIds.length - 2)).toEqual(firstIds.slice(2));
    expect(expected.length).toBeGreaterThan(firstIds.length - 2);
    await untilDelivered(resumed, expected.length);
    const activities = delivered(resumed);
    expect(activities.map((activity) => activity.id)).toEqual(expected);
    resumed.stop();
    await client.dispose();

    const executes = activities.flatMap((activity) =>
      activity.__typename === 'ExecuteCampaignActivity' && activity.run?.id === second
        ? [[activity.lead.email, activity.qualified, activity.reason, activity.depth]]
        : [],
    );
    expect(executes).toEqual([
      ['ada@example.com', true, null, 1],
      ['grace@example.com', false, 'NOT_IN_SMART_LIST', 1],
    ]);
  });

  it('ExecuteCampaignActivity with a qualified filter replays only the leads that did not qualify', async () => {
    const client = wsClient({ url }, seed.key);
    const stream = subscribeWs(client, ExecuteCampaignActivityDocument, {
      filter: { workspaceId: seed.workspace, qualified: false },
      after: '0',
    });
    const stored = await run(t, seed.key, ActivitiesDocument, {
      filter: { workspaceId: seed.workspace, qualified: false },
      first: 100,
    });
    expect(stored.activities.edges.length).toBeGreaterThan(0);
    await untilDelivered(stream, stored.activities.edges.length);
    stream.stop();
    await client.dispose();
    const rows = stream.results.map((result) => result.data?.executeCampaignActivity);
    expect(rows.map((row) => row?.id)).toEqual(stored.activities.edges.map((edge) => edge.node.id));
    expect(new Set(rows.map((row) => [row?.lead.email, row?.qualified, row?.reason].join()))).toEqual(
      new Set(['grace@example.com,false,NOT_IN_SMART_LIST']),
    );
  });
});
