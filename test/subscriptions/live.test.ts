import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  executeScenario,
  queriedIds,
  scheduleNow,
  startTestWorker,
  untilCompleted,
} from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import {
  type Collector,
  deliveredIds,
  subscribeSse,
  subscribeWs,
  untilDelivered,
  untilStreams,
  wsClient,
} from '../helpers/streams.js';

const ACTIVITY_ADDED = `subscription ($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) {
    id type
    lead { id }
    campaign { id }
    run { id }
    ... on ExecuteCampaignActivity { qualified executedCampaign { id } }
  }
}`;
const EXECUTE_ACTIVITY = `subscription ($filter: ActivityFilter, $after: ID) {
  executeCampaignActivity(filter: $filter, after: $after) { id qualified reason }
}`;

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let scenario: Awaited<ReturnType<typeof executeScenario>>;
let globexScenario: Awaited<ReturnType<typeof executeScenario>>;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  worker = await startTestWorker(t);
  [acme, globex] = await Promise.all([
    createWorkspaceWithKey(t, 'Acme'),
    createWorkspaceWithKey(t, 'Globex'),
  ]);
  scenario = await executeScenario(t, acme, 6);
  globexScenario = await executeScenario(t, globex, 2);
});
afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
  await worker.stop();
  await t.close();
});

type Transport = 'ws' | 'sse';

/** One graphql-ws connection per key, shared by that key's subscriptions. */
const clients = new Map<string, Client>();

function subscribe(transport: Transport, key: string, query: string, variables: Record<string, unknown>) {
  if (transport === 'sse') return subscribeSse({ url }, key, query, variables);
  let client = clients.get(key);
  if (!client) {
    client = wsClient({ url }, key);
    clients.set(key, client);
  }
  return subscribeWs(client, query, variables);
}

/**
 * Subscribes (live: no cursor) with each filter, runs the parent campaign once, and compares what
 * each subscription received with what Query.activities answers for the same filter afterwards.
 */
describe.each<Transport>(['ws', 'sse'])('live delivery over %s', (transport) => {
  it('delivers each filter’s activities of a run, exactly those Query.activities lists, in order', async () => {
    const before = t.app.streamStats().activityStreams;
    const [lead] = scenario.leadIds;
    const filters: Record<string, Record<string, unknown>> = {
      campaign: { campaignId: scenario.parent },
      lead: { leadId: lead },
      type: { types: ['CHANGE_SCORE'] },
      qualified: { qualified: false },
      workspace: { workspaceId: acme.id },
    };
    const streams = Object.fromEntries(
      Object.entries(filters).map(([name, filter]) => [
        name,
        subscribe(transport, acme.key, ACTIVITY_ADDED, { filter }),
      ]),
    ) as Record<string, Collector>;
    const executeOnly = subscribe(transport, acme.key, EXECUTE_ACTIVITY, { filter: { qualified: true } });
    await untilStreams(t.app, before + Object.keys(streams).length + 1);

    const runId = await scheduleNow(t, acme.key, scenario.parent);
    // The run filter needs the run's id: subscribed once the run exists, with the cursor before it.
    const byRun = subscribe(transport, acme.key, ACTIVITY_ADDED, { filter: { runId }, after: '0' });
    await untilCompleted(t, acme.key, runId);

    // Only this run committed in Acme while the streams were open: each filter's share of it.
    const expected = (filter: Record<string, unknown>) => queriedIds(t, acme.key, { ...filter, runId });
    for (const [name, filter] of Object.entries(filters)) {
      const stream = streams[name] as Collector;
      const want = await expected(filter);
      await untilDelivered(stream, want.length);
      expect(deliveredIds(stream), name).toEqual(want);
      expect(
        stream.results.every((result) => !result.errors),
        name,
      ).toBe(true);
    }
    const qualifiedIds = await expected({ qualified: true });
    await untilDelivered(executeOnly, qualifiedIds.length);
    expect(deliveredIds(executeOnly, 'executeCampaignActivity')).toEqual(qualifiedIds);
    expect(executeOnly.results.map((result) => result.data?.executeCampaignActivity)).toEqual(
      qualifiedIds.map((id) => ({ id, qualified: true, reason: null })),
    );

    const runIds = await expected({});
    await untilDelivered(byRun, runIds.length);
    expect(deliveredIds(byRun)).toEqual(runIds);

    // The run wrote what the scenario says: 6 Execute Campaign rows, 3 of them TRUE with a Change Score.
    expect(runIds).toHaveLength(9);
    expect((streams.qualified as Collector).results).toHaveLength(3);
    const first = (streams.campaign as Collector).results[0]?.data?.activityAdded as Record<string, unknown>;
    expect(first).toMatchObject({
      type: 'EXECUTE_CAMPAIGN',
      campaign: { id: scenario.parent },
      run: { id: runId },
      executedCampaign: { id: scenario.child },
    });
    for (const stream of [...Object.values(streams), executeOnly, byRun]) stream.stop();
    await untilStreams(t.app, before);
  });
});

describe('workspace isolation', () => {
  it('a workspace key never receives another workspace’s activities; the admin key receives both', async () => {
    const before = t.app.streamStats().activityStreams;
    const globexStream = subscribe('ws', globex.key, ACTIVITY_ADDED, {});
    const globexSse = subscribe('sse', globex.key, ACTIVITY_ADDED, {});
    const adminStream = subscribe('ws', ADMIN_KEY, ACTIVITY_ADDED, {});
    await untilStreams(t.app, before + 3);

    const acmeRun = await scheduleNow(t, acme.key, scenario.parent);
    const globexRun = await scheduleNow(t, globex.key, globexScenario.parent);
    await untilCompleted(t, acme.key, acmeRun);
    await untilCompleted(t, globex.key, globexRun);

    const globexIds = await queriedIds(t, globex.key, { runId: globexRun });
    const acmeIds = await queriedIds(t, acme.key, { runId: acmeRun });
    expect(globexIds.length).toBeGreaterThan(0);
    const both = [...globexIds, ...acmeIds].sort((a, b) => Number(BigInt(a) - BigInt(b)));
    await untilDelivered(adminStream, both.length);
    expect(deliveredIds(adminStream)).toEqual(both);
    for (const stream of [globexStream, globexSse]) {
      await untilDelivered(stream, globexIds.length);
      // Acme's run committed first: had any of its rows leaked, they would be here.
      expect(deliveredIds(stream)).toEqual(globexIds);
    }
    for (const stream of [globexStream, globexSse, adminStream]) stream.stop();
  });

  it.each<Transport>(['ws', 'sse'])(
    'refuses, over %s, filters naming what the key may not see with NOT_FOUND',
    async (transport) => {
      const cases = [
        { workspaceId: acme.id },
        { campaignId: scenario.parent },
        { leadId: scenario.leadIds[0] },
        { campaignId: 'not-an-id' },
      ];
      for (const filter of cases) {
        const stream = subscribe(transport, globex.key, ACTIVITY_ADDED, { filter });
        await stream.ended;
        const errors = stream.results.flatMap((result) => result.errors ?? []);
        expect(
          errors.map((error) => error.extensions?.code),
          JSON.stringify(filter),
        ).toEqual(['NOT_FOUND']);
      }
    },
  );

  it('refuses a cursor that is not an activity id with BAD_USER_INPUT', async () => {
    const stream = subscribe('ws', acme.key, ACTIVITY_ADDED, { after: 'abc' });
    await stream.ended;
    expect(stream.results.flatMap((result) => result.errors ?? []).map((e) => e.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
