import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivityBatchesDocument,
  ExecuteCampaignActivitiesDocument,
  FeedActivityBatchesDocument,
} from '../../src/generated/graphql.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  executeScenario,
  lastActivityId,
  queriedIds,
  scheduleNow,
  startTestWorker,
  untilCompleted,
} from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { textOf } from '../helpers/graphql.js';
import { type Collector, subscribeSse, subscribeWs, untilStreams, wsClient } from '../helpers/streams.js';

/**
 * The batch feeds over both transports, against a worker running real runs (semantics A10): the
 * same activities as Query.activities, none twice, from any cursor, after overflows, per workspace.
 */

type Transport = 'ws' | 'sse';
type Field = 'activityBatches' | 'executeCampaignActivities';
const DOCUMENTS = {
  activityBatches: ActivityBatchesDocument,
  executeCampaignActivities: ExecuteCampaignActivitiesDocument,
};
/** Three chunks of at most 500 leads: 1,200 Execute Campaign activities and 600 Change Score per run. */
const LEADS = 1200;
const EXECUTE = { types: ['EXECUTE_CAMPAIGN'] };

interface Batch {
  lastId: string;
  activities: { id: string; [field: string]: unknown }[];
}

const clients = new Map<string, Client>();

function subscribe(
  url: string,
  transport: Transport,
  key: string,
  field: Field,
  variables: Record<string, unknown>,
) {
  if (transport === 'sse') return subscribeSse({ url }, key, textOf(DOCUMENTS[field]), variables);
  let client = clients.get(`${url} ${key}`);
  if (!client) {
    client = wsClient({ url }, key);
    clients.set(`${url} ${key}`, client);
  }
  return subscribeWs(client, textOf(DOCUMENTS[field]), variables);
}

/** The batches a subscription delivered; each must be non-empty and end at its lastId. */
function batchesOf(stream: Collector, field: Field): Batch[] {
  const batches = stream.results.flatMap((result) =>
    result.data?.[field] ? [result.data[field] as Batch] : [],
  );
  for (const batch of batches) expect(batch.lastId).toBe(batch.activities.at(-1)?.id);
  return batches;
}

const idsOf = (stream: Collector, field: Field) =>
  batchesOf(stream, field).flatMap((batch) => batch.activities.map((activity) => activity.id));

async function untilIds(stream: Collector, field: Field, count: number): Promise<void> {
  await expect
    .poll(() => idsOf(stream, field).length, { timeout: 30_000, interval: 20 })
    .toBeGreaterThanOrEqual(count);
}

const codesOf = (stream: Collector) =>
  stream.results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.code);

afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
});

describe('batch feeds', () => {
  let t: TestApp;
  let url: string;
  let worker: { stop(): Promise<void> };
  let acme: WorkspaceWithKey;
  let globex: WorkspaceWithKey;
  let scenario: Awaited<ReturnType<typeof executeScenario>>;
  let globexScenario: Awaited<ReturnType<typeof executeScenario>>;

  beforeAll(async () => {
    t = await startTestApp(undefined, { streaming: { pageSize: 100 } });
    url = await t.app.start();
    worker = await startTestWorker(t);
    [acme, globex] = await Promise.all([
      createWorkspaceWithKey(t, 'Acme'),
      createWorkspaceWithKey(t, 'Globex'),
    ]);
    scenario = await executeScenario(t, acme, LEADS);
    globexScenario = await executeScenario(t, globex, 4);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it.each<Transport>(['ws', 'sse'])(
    'over %s, deliver a whole run in batches, exactly what Query.activities lists, live and from cursors taken mid-run',
    async (transport) => {
      const before = t.app.streamStats().activityStreams;
      const open = (field: Field, variables: Record<string, unknown>) =>
        subscribe(url, transport, acme.key, field, variables);
      const byCampaign = open('executeCampaignActivities', { filter: { campaignId: scenario.parent } });
      const notQualified = open('executeCampaignActivities', { filter: { qualified: false } });
      const workspace = open('activityBatches', { filter: { workspaceId: acme.id } });
      await untilStreams(t.app, before + 3);
      const start = await lastActivityId(t);
      const runId = await scheduleNow(t, acme.key, scenario.parent);
      // Subscribed while the run commits: replays of what is stored, then live batches.
      const fromStart = open('executeCampaignActivities', { filter: { runId }, after: start });
      await expect.poll(() => lastActivityId(t), { timeout: 20_000, interval: 5 }).not.toBe(start);
      const stored = await queriedIds(t, acme.key, { runId, ...EXECUTE });
      const cursor = stored[Math.floor(stored.length / 2)] as string;
      const fromMiddle = open('executeCampaignActivities', { filter: { runId }, after: cursor });
      await untilCompleted(t, acme.key, runId);

      const executes = await queriedIds(t, acme.key, { runId, ...EXECUTE });
      expect(executes).toHaveLength(LEADS);
      const expected: [Collector, Field, string[]][] = [
        [byCampaign, 'executeCampaignActivities', executes],
        [fromStart, 'executeCampaignActivities', executes],
        [fromMiddle, 'executeCampaignActivities', executes.slice(executes.indexOf(cursor) + 1)],
        [
          notQualified,
          'executeCampaignActivities',
          await queriedIds(t, acme.key, { runId, ...EXECUTE, qualified: false }),
        ],
        [workspace, 'activityBatches', await queriedIds(t, acme.key, { runId })],
      ];
      for (const [stream, field, ids] of expected) {
        await untilIds(stream, field, ids.length);
        expect(idsOf(stream, field)).toEqual(ids);
        expect(codesOf(stream)).toEqual([]);
      }
      expect(expected[3]?.[2]).toHaveLength(LEADS / 2);
      // Batches, not one activity per event.
      expect(batchesOf(workspace, 'activityBatches').length).toBeLessThan(LEADS / 10);
      const [first] = batchesOf(byCampaign, 'executeCampaignActivities')[0]?.activities ?? [];
      expect(first).toMatchObject({
        campaign: { id: scenario.parent },
        executedCampaign: { id: scenario.child },
        depth: 1,
      });
      expect(first?.reason).toBe(first?.qualified ? null : 'NOT_IN_SMART_LIST');
      for (const [stream] of expected) stream.stop();
      await untilStreams(t.app, before);
    },
  );

  it('as the console’s FeedActivityBatches, deliver a run’s activities with what its feed table shows', async () => {
    const before = t.app.streamStats().activityStreams;
    const client = wsClient({ url }, acme.key);
    const feed = subscribeWs(client, FeedActivityBatchesDocument, { filter: { workspaceId: acme.id } });
    await untilStreams(t.app, before + 1);
    const runId = await scheduleNow(t, acme.key, scenario.parent);
    await untilCompleted(t, acme.key, runId);
    const ids = await queriedIds(t, acme.key, { runId });
    await untilIds(feed, 'activityBatches', ids.length);
    expect(idsOf(feed, 'activityBatches')).toEqual(ids);
    expect(codesOf(feed)).toEqual([]);
    const activities = feed.results.flatMap((result) => result.data?.activityBatches.activities ?? []);
    expect(feed.results.length).toBeLessThan(ids.length / 10);
    const execute = activities.find((activity) => activity.__typename === 'ExecuteCampaignActivity');
    expect(execute).toMatchObject({
      type: 'EXECUTE_CAMPAIGN',
      campaign: { id: scenario.parent },
      executedCampaign: { id: scenario.child },
      depth: 1,
    });
    expect(execute?.lead.email).toMatch(/@/);
    const other = activities.find((activity) => activity.__typename !== 'ExecuteCampaignActivity');
    expect(other).toBeDefined();
    expect(other).not.toHaveProperty('qualified');
    expect(typeof other?.primaryAttributeValue).toBe('string');
    feed.stop();
    await client.dispose();
    await untilStreams(t.app, before);
  });

  it('never give a workspace key another workspace’s activities; the admin key gets both', async () => {
    const before = t.app.streamStats().activityStreams;
    const globexWs = subscribe(url, 'ws', globex.key, 'activityBatches', {});
    const globexSse = subscribe(url, 'sse', globex.key, 'activityBatches', {});
    const admin = subscribe(url, 'ws', ADMIN_KEY, 'activityBatches', {});
    await untilStreams(t.app, before + 3);
    const acmeRun = await scheduleNow(t, acme.key, scenario.parent);
    await untilCompleted(t, acme.key, acmeRun);
    const globexRun = await scheduleNow(t, globex.key, globexScenario.parent);
    await untilCompleted(t, globex.key, globexRun);
    const globexIds = await queriedIds(t, globex.key, { runId: globexRun });
    const acmeIds = await queriedIds(t, acme.key, { runId: acmeRun });
    expect(globexIds.length).toBeGreaterThan(0);
    await untilIds(admin, 'activityBatches', acmeIds.length + globexIds.length);
    expect(idsOf(admin, 'activityBatches')).toEqual([...acmeIds, ...globexIds]);
    for (const stream of [globexWs, globexSse]) {
      await untilIds(stream, 'activityBatches', globexIds.length);
      // Acme's run committed first: had any of its rows leaked, they would be here.
      expect(idsOf(stream, 'activityBatches')).toEqual(globexIds);
    }
    for (const stream of [globexWs, globexSse, admin]) stream.stop();
  });

  it.each<Transport>(['ws', 'sse'])(
    'over %s, refuse what the key may not see, and no key at all',
    async (transport) => {
      for (const field of ['activityBatches', 'executeCampaignActivities'] as const) {
        for (const [variables, code] of [
          [{ filter: { campaignId: scenario.parent } }, 'NOT_FOUND'],
          [{ filter: { workspaceId: acme.id } }, 'NOT_FOUND'],
          [{ after: 'abc' }, 'BAD_USER_INPUT'],
        ] as const) {
          const stream = subscribe(url, transport, globex.key, field, variables);
          await stream.ended;
          expect(codesOf(stream), `${field} ${JSON.stringify(variables)}`).toEqual([code]);
        }
      }
      if (transport === 'sse') {
        const anonymous = subscribeSse({ url }, '', textOf(ActivityBatchesDocument), {});
        await anonymous.ended;
        expect(String(anonymous.failure)).toContain('401');
        expect(anonymous.results).toEqual([]);
      } else {
        const client = wsClient({ url }, '');
        const anonymous = subscribeWs(client, ExecuteCampaignActivitiesDocument, {});
        await anonymous.ended;
        await client.dispose();
        expect(anonymous.failure).toMatchObject({ code: 4403 });
        expect(anonymous.results).toEqual([]);
      }
    },
  );
});

describe('batch feeds that fall behind', () => {
  let t: TestApp;
  let url: string;
  let worker: { stop(): Promise<void> };
  let acme: WorkspaceWithKey;
  let parent: string;

  beforeAll(async () => {
    // Most batches of a run hold more activities than a buffer of 20: live ones overflow.
    t = await startTestApp(undefined, { streaming: { bufferLimit: 20, pageSize: 100, maxPerOwner: 3 } });
    url = await t.app.start();
    worker = await startTestWorker(t);
    acme = await createWorkspaceWithKey(t, 'Acme');
    ({ parent } = await executeScenario(t, acme, LEADS));
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it.each<Transport>(['ws', 'sse'])(
    'over %s, end with SUBSCRIPTION_OVERFLOW and the last id delivered: resumed there, the run arrives whole, once',
    async (transport) => {
      const start = await lastActivityId(t);
      const runId = await scheduleNow(t, acme.key, parent);
      const received: string[] = [];
      const failures: unknown[] = [];
      let overflows = 0;
      let current: Collector | undefined;
      const follow = (after: string) => {
        const stream = subscribe(url, transport, acme.key, 'activityBatches', { filter: { runId }, after });
        current = stream;
        void stream.ended.then(() => {
          received.push(...idsOf(stream, 'activityBatches'));
          const extensions = stream.results.at(-1)?.errors?.[0]?.extensions;
          if (
            extensions?.code === 'SUBSCRIPTION_OVERFLOW' &&
            extensions.lastDeliveredId === (received.at(-1) ?? after)
          ) {
            overflows += 1;
            follow(String(extensions.lastDeliveredId));
          } else failures.push(stream.failure ?? stream.results.at(-1));
        });
      };
      follow(start);
      await untilCompleted(t, acme.key, runId);
      const expected = await queriedIds(t, acme.key, { runId });
      const soFar = () => [...received, ...(current ? idsOf(current, 'activityBatches') : [])];
      await expect
        .poll(() => soFar().length, { timeout: 30_000, interval: 20 })
        .toBeGreaterThanOrEqual(expected.length);
      expect(soFar()).toEqual(expected);
      expect(failures).toEqual([]);
      expect(overflows).toBeGreaterThan(0);
      current?.stop();
      await untilStreams(t.app, 0);
    },
  );

  it('count against the key’s quota with the per-activity feeds', async () => {
    const open = [
      subscribe(url, 'ws', acme.key, 'activityBatches', {}),
      subscribe(url, 'sse', acme.key, 'executeCampaignActivities', {}),
      subscribeWs(clients.get(`${url} ${acme.key}`) as Client, 'subscription { activityAdded { id } }'),
    ];
    await untilStreams(t.app, 3);
    const refused = subscribe(url, 'ws', acme.key, 'executeCampaignActivities', {});
    await refused.ended;
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    for (const stream of open) stream.stop();
    await untilStreams(t.app, 0);
  });
});
