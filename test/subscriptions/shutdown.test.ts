import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { executeScenario, scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import {
  type Collector,
  deliveredIds,
  subscribeSse,
  subscribeWs,
  untilDelivered,
  untilStreams,
} from '../helpers/streams.js';

const ACTIVITY_ADDED = 'subscription { activityAdded { id } }';

let t: TestApp;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

/** The error a subscription ended with, as its last result. */
function lastError(stream: Collector) {
  return stream.results.at(-1)?.errors?.[0];
}

describe('semantics A5 subscriptions open when the server stops', () => {
  it('end over WebSocket as over SSE: SERVER_SHUTTING_DOWN with the last id delivered, then 1001', async () => {
    const url = await t.app.start();
    worker = await startTestWorker(t);
    const acme = await createWorkspaceWithKey(t, 'Acme');
    // Four leads, two of which qualify: six activities.
    const scenario = await executeScenario(t, acme, 4);
    const closeCodes: number[] = [];
    const client = createClient({
      url: url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: acme.key },
      retryAttempts: 0,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    const overWs = subscribeWs(client, ACTIVITY_ADDED);
    const overSse = subscribeSse({ url }, acme.key, ACTIVITY_ADDED);
    await untilStreams(t.app, 2);

    await untilCompleted(t, acme.key, await scheduleNow(t, acme.key, scenario.parent));
    await untilDelivered(overWs, 6);
    await untilDelivered(overSse, 6);
    await t.app.stop();
    await Promise.all([overWs.ended, overSse.ended]);

    for (const stream of [overWs, overSse]) {
      const delivered = deliveredIds(stream);
      expect(delivered).toHaveLength(6);
      expect(lastError(stream)).toMatchObject({
        extensions: { code: 'SERVER_SHUTTING_DOWN', lastDeliveredId: delivered.at(-1) },
      });
      expect(stream.completed).toBe(true);
    }
    await expect.poll(() => closeCodes).toEqual([1001]);
    await client.dispose();
  });
});
