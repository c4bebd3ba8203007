import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  executeScenario,
  lastActivityId,
  queriedIds,
  scheduleNow,
  startTestWorker,
  untilCompleted,
} from '../helpers/campaign-runs.js';
import { createCampaign, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import {
  type Collector,
  deliveredIds,
  subscribeSse,
  subscribeWs,
  untilDelivered,
  untilStreams,
  wsClient,
} from '../helpers/streams.js';

/**
 * Activities a subscription may have waiting here before it is ended (10,000 by default): more
 * than a chunk's burst (500 here), less than what a stalled client is sent before it overflows.
 */
const BUFFER = 1000;
const LEADS = 3000;
/** Subscriptions one key may hold at once here (100 by default): more than one connection's 20. */
const PER_KEY = 25;

/** Large messages (8 kB of attributes each), so that a stalled socket's buffers fill quickly. */
const WIDE = `subscription ($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) { id type occurredAt primaryAttributeValue attributes }
}`;
const ACTIVITY_ADDED = `subscription ($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) { id }
}`;

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
let acme: WorkspaceWithKey;
let scenario: Awaited<ReturnType<typeof executeScenario>>;
/** A batch campaign writing one 8 kB Interesting Moment per lead. */
let fat: string;

beforeAll(async () => {
  t = await startTestApp(undefined, { streaming: { bufferLimit: BUFFER, maxPerOwner: PER_KEY } });
  url = await t.app.start();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  scenario = await executeScenario(t, acme, LEADS);
  fat = await createCampaign(t, acme, {
    programId: scenario.program,
    name: 'Fat',
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { interestingMoment: { kind: 'Note', description: 'x'.repeat(8000) } } }],
  });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

interface RawMessage {
  type: string;
  id?: string;
  payload?: {
    data?: { activityAdded?: { id: string } } | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

/**
 * A graphql-transport-ws client by hand, which can stop reading its socket (`pause`) as a client
 * on a stalled network would: the server's writes then pile up until the socket buffers are full.
 */
async function rawClient(key: string) {
  const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
  const messages: RawMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as RawMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: key } }));
  await expect.poll(() => messages.some((message) => message.type === 'connection_ack')).toBe(true);
  return {
    socket,
    messages,
    subscribe(id: string, query: string, variables: Record<string, unknown>) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    },
  };
}

describe('authentication', () => {
  it('closes a subscription’s socket with 4403 for a wrong key', async () => {
    const client = wsClient({ url }, 'cek_wrong');
    const stream = subscribeWs(client, ACTIVITY_ADDED);
    await stream.ended;
    expect((stream.failure as { code?: number }).code).toBe(4403);
    await client.dispose();
  });

  it('answers SSE subscriptions without a valid key with 401 and no event', async () => {
    const missing = subscribeSse({ url }, '', ACTIVITY_ADDED);
    await missing.ended;
    expect(String(missing.failure)).toContain('401');
    expect(missing.results).toEqual([]);
    const wrong = subscribeSse({ url }, 'cek_wrong', ACTIVITY_ADDED);
    await wrong.ended;
    expect(String(wrong.failure)).toContain('401');
    expect(wrong.results).toEqual([]);
  });
});

describe('subscriptions per connection', () => {
  it('refuses the 21st subscription of a connection with BAD_USER_INPUT, and accepts one again when another ends', async () => {
    const client = wsClient({ url }, acme.key);
    const streams = Array.from({ length: 20 }, () => subscribeWs(client, ACTIVITY_ADDED));
    await untilStreams(t.app, 20);
    const refused = subscribeWs(client, ACTIVITY_ADDED);
    await refused.ended;
    expect((refused.failure as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    // Another connection has its own allowance.
    const other = wsClient({ url }, acme.key);
    const elsewhere = subscribeWs(other, ACTIVITY_ADDED);
    await untilStreams(t.app, 21);
    streams[0]?.stop();
    await untilStreams(t.app, 20);
    const accepted = subscribeWs(client, ACTIVITY_ADDED);
    await untilStreams(t.app, 21);
    expect(accepted.failure).toBeUndefined();
    for (const stream of [...streams, elsewhere, accepted]) stream.stop();
    await untilStreams(t.app, 0);
    await client.dispose();
    await other.dispose();
  });
});

describe('subscriptions per key', () => {
  it('refuses one more than the key’s quota over any connection or transport, and accepts one again when another ends', async () => {
    const { createApiKey } = await run<{ createApiKey: { secret: string } }>(
      t,
      ADMIN_KEY,
      'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "quota") { secret } }',
      { id: acme.id },
    );
    const key = createApiKey.secret;
    const first = wsClient({ url }, key);
    const second = wsClient({ url }, key);
    const streams = [
      ...Array.from({ length: 20 }, () => subscribeWs(first, ACTIVITY_ADDED)),
      ...Array.from({ length: PER_KEY - 21 }, () => subscribeWs(second, ACTIVITY_ADDED)),
      subscribeSse({ url }, key, ACTIVITY_ADDED),
    ];
    await untilStreams(t.app, PER_KEY);
    const codes = (stream: Collector) =>
      stream.results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.code);
    for (const refused of [subscribeWs(second, ACTIVITY_ADDED), subscribeSse({ url }, key, ACTIVITY_ADDED)]) {
      await refused.ended;
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    // Another key of the same workspace has a quota of its own.
    const otherKey = subscribeSse({ url }, acme.key, ACTIVITY_ADDED);
    await untilStreams(t.app, PER_KEY + 1);
    streams[0]?.stop();
    await untilStreams(t.app, PER_KEY);
    const accepted = subscribeSse({ url }, key, ACTIVITY_ADDED);
    await untilStreams(t.app, PER_KEY + 1);
    expect(accepted.failure).toBeUndefined();
    for (const stream of [...streams, otherKey, accepted]) stream.stop();
    await untilStreams(t.app, 0);
    await first.dispose();
    await second.dispose();
  });
});

describe('a stalled client', () => {
  it('does not hold up a run or other subscribers, and is ended with the id to resume from', async () => {
    const after = await lastActivityId(t);
    const stalled = await rawClient(acme.key);
    stalled.subscribe('s', WIDE, { after });
    const healthyClient = wsClient({ url }, ADMIN_KEY);
    const healthy = subscribeWs(healthyClient, ACTIVITY_ADDED, { after });
    await untilStreams(t.app, 2);
    stalled.socket.pause();

    const runId = await scheduleNow(t, acme.key, fat);
    // The run finishes while the stalled client reads nothing.
    await untilCompleted(t, acme.key, runId);
    const expected = await queriedIds(t, acme.key, { runId });
    expect(expected).toHaveLength(LEADS);
    await untilDelivered(healthy, expected.length);
    expect(deliveredIds(healthy)).toEqual(expected);
    // The stalled subscription was dropped by the hub instead of being waited for.
    await untilStreams(t.app, 1);

    stalled.socket.resume();
    await expect.poll(() => stalled.messages.some((message) => message.type === 'complete')).toBe(true);
    const nexts = stalled.messages.filter((message) => message.type === 'next');
    const received = nexts.flatMap((message) =>
      message.payload?.data?.activityAdded ? [message.payload.data.activityAdded.id] : [],
    );
    const failure = nexts.at(-1)?.payload?.errors?.[0]?.extensions;
    expect(failure).toEqual({ code: 'SUBSCRIPTION_OVERFLOW', lastDeliveredId: received.at(-1) });
    expect(received.length).toBeLessThan(expected.length);
    expect(received).toEqual(expected.slice(0, received.length));

    // Resuming from the id it names gives the rest, nothing twice.
    stalled.subscribe('r', ACTIVITY_ADDED, { after: failure?.lastDeliveredId });
    await expect
      .poll(() => stalled.messages.filter((message) => message.id === 'r' && message.type === 'next').length)
      .toBe(expected.length - received.length);
    const resumed = stalled.messages
      .filter((message) => message.id === 'r' && message.type === 'next')
      .map((message) => message.payload?.data?.activityAdded?.id);
    expect([...received, ...resumed]).toEqual(expected);
    stalled.socket.close();
    healthy.stop();
    await healthyClient.dispose();
  });
});
