import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncer } from '../../src/commands/announcer.js';
import { planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  executeScenario,
  queriedIds,
  scheduleNow,
  startTestWorker,
  untilCompleted,
} from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';
import {
  deliveredIds,
  subscribeSse,
  subscribeWs,
  untilDelivered,
  untilStreams,
  wsClient,
} from '../helpers/streams.js';

const ACTIVITY_ADDED = `subscription ($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) { id }
}`;
const EXECUTE_ACTIVITY = `subscription ($filter: ActivityFilter, $after: ID) {
  executeCampaignActivity(filter: $filter, after: $after) { id qualified }
}`;

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
let acme: WorkspaceWithKey;
let scenario: Awaited<ReturnType<typeof executeScenario>>;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  // 1,200 leads: three chunks of at most 500, two at a time, 1,800 activities per run.
  scenario = await executeScenario(t, acme, 1200);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('replay after a cursor', () => {
  let runId: string;
  let runIds: string[];

  beforeAll(async () => {
    runId = await scheduleNow(t, acme.key, scenario.parent);
    await untilCompleted(t, acme.key, runId);
    runIds = await queriedIds(t, acme.key, { runId });
  });

  it.each(['ws', 'sse'])(
    'over %s, delivers the stored activities after the cursor, then stays open for live ones',
    async (transport) => {
      const after = runIds[99] as string;
      const expected = await queriedIds(t, acme.key, { runId }, after);
      expect(expected).toEqual(runIds.slice(100));
      const variables = { filter: { runId }, after };
      const client = wsClient({ url }, acme.key);
      const stream =
        transport === 'ws'
          ? subscribeWs(client, ACTIVITY_ADDED, variables)
          : subscribeSse({ url }, acme.key, ACTIVITY_ADDED, variables);
      await untilDelivered(stream, expected.length);
      expect(deliveredIds(stream)).toEqual(expected);
      expect(stream.completed).toBe(false);
      stream.stop();
      await client.dispose();
    },
  );

  it('narrows the replay to Execute Campaign activities and the filter', async () => {
    const after = runIds[500] as string;
    const expected = await queriedIds(t, acme.key, { runId, qualified: false }, after);
    const client = wsClient({ url }, acme.key);
    const stream = subscribeWs(client, EXECUTE_ACTIVITY, { filter: { runId, qualified: false }, after });
    await untilDelivered(stream, expected.length);
    expect(deliveredIds(stream, 'executeCampaignActivity')).toEqual(expected);
    expect(
      stream.results.every(
        (result) =>
          (result.data?.executeCampaignActivity as { qualified?: boolean } | undefined)?.qualified === false,
      ),
    ).toBe(true);
    stream.stop();
    await client.dispose();
  });
});

describe('reconnecting mid-run', () => {
  it('with the last id received yields every activity of the run exactly once', async () => {
    // The run's chunks are driven here, one by one, so that the client is gone between two of them.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($id: ID!, $at: DateTime) { scheduleCampaign(campaignId: $id, runAt: $at) { id } }',
      { id: scenario.parent, at: tomorrow },
    );
    const runId = databaseIdOf(scheduleCampaign.id);
    const announce = createAnnouncer(t.orm, t.app.events, pino({ level: 'silent' }));
    const chunk = async (seq: number) => {
      await processChunk(t.orm, runId, seq, new Date());
      await announce.chunkCommitted(runId);
    };
    const seqs = await planRun(t.orm, runId, new Date());
    expect(seqs).toEqual([0, 1, 2]);

    const client = wsClient({ url }, acme.key);
    const first = subscribeWs(client, ACTIVITY_ADDED, { filter: { runId: scheduleCampaign.id } });
    await untilStreams(t.app, 1);
    await chunk(0);
    // The connection drops once some of the first chunk arrived, as a client losing its network.
    await untilDelivered(first, 1);
    await client.dispose();
    await untilStreams(t.app, 0);
    const received = deliveredIds(first);
    await chunk(1);

    const again = wsClient({ url }, acme.key);
    const second = subscribeWs(again, ACTIVITY_ADDED, {
      filter: { runId: scheduleCampaign.id },
      after: received.at(-1),
    });
    await untilStreams(t.app, 1);
    await chunk(2);
    await completeIfDone(t.orm, runId, new Date());

    const expected = await queriedIds(t, acme.key, { runId: scheduleCampaign.id });
    expect(expected).toHaveLength(1800);
    expect(received.length).toBeLessThan(expected.length);
    await untilDelivered(second, expected.length - received.length);
    const all = [...received, ...deliveredIds(second)];
    expect(all).toEqual(expected);
    second.stop();
    await again.dispose();
  });
});
