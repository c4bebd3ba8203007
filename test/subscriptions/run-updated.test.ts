import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { executeScenario, scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { type Collector, subscribeSse, subscribeWs, untilStreams, wsClient } from '../helpers/streams.js';

const RUN_UPDATED = `subscription ($id: ID!) {
  campaignRunUpdated(runId: $id) { id status leadsTotal leadsProcessed leadsQualified finishedAt campaign { id } }
}`;

type RunState = {
  id: string;
  status: string;
  leadsTotal: number | null;
  leadsProcessed: number;
  leadsQualified: number;
  finishedAt: string | null;
  campaign: { id: string };
};

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let scenario: Awaited<ReturnType<typeof executeScenario>>;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  // 1,200 leads: three chunks, so a run reports progress more than once.
  scenario = await executeScenario(t, acme, 1200);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

const states = (stream: Collector) =>
  stream.results.map((result) => result.data?.campaignRunUpdated as RunState);

function subscribe(transport: 'ws' | 'sse', key: string, id: string) {
  if (transport === 'sse')
    return { stream: subscribeSse({ url }, key, RUN_UPDATED, { id }), dispose: () => {} };
  const client = wsClient({ url }, key);
  return { stream: subscribeWs(client, RUN_UPDATED, { id }), dispose: () => client.dispose() };
}

describe('campaignRunUpdated', () => {
  it.each(['ws', 'sse'] as const)(
    'over %s, follows a run’s progress to COMPLETED and then completes',
    async (transport) => {
      const runId = await scheduleNow(t, acme.key, scenario.parent);
      const { stream, dispose } = subscribe(transport, acme.key, runId);
      await stream.ended;
      expect(stream.failure).toBeUndefined();
      expect(stream.completed).toBe(true);
      const seen = states(stream);
      expect(seen.at(-1)).toMatchObject({
        id: runId,
        status: 'COMPLETED',
        leadsTotal: 1200,
        leadsProcessed: 1200,
        leadsQualified: 1200,
        campaign: { id: scenario.parent },
      });
      expect(seen.at(-1)?.finishedAt).not.toBeNull();
      // One state per change: never the same twice in a row, never going backwards.
      for (let index = 1; index < seen.length; index += 1) {
        expect(seen[index]).not.toEqual(seen[index - 1]);
        expect((seen[index] as RunState).leadsProcessed).toBeGreaterThanOrEqual(
          (seen[index - 1] as RunState).leadsProcessed,
        );
      }
      expect(seen.filter((state) => state.status === 'COMPLETED')).toHaveLength(1);
      await dispose();
    },
  );

  it('yields a scheduled run, then its cancellation, and completes', async () => {
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($id: ID!, $at: DateTime) { scheduleCampaign(campaignId: $id, runAt: $at) { id } }',
      { id: scenario.parent, at: tomorrow },
    );
    const { stream, dispose } = subscribe('ws', acme.key, scheduleCampaign.id);
    await untilStreams(t.app, 0, 1);
    await expect.poll(() => stream.results.length).toBe(1);
    await run(t, acme.key, 'mutation ($id: ID!) { cancelCampaignRun(id: $id) { status } }', {
      id: scheduleCampaign.id,
    });
    await stream.ended;
    expect(states(stream).map((state) => state.status)).toEqual(['SCHEDULED', 'CANCELLED']);
    expect(stream.completed).toBe(true);
    await dispose();
  });

  it('yields a finished run once and completes', async () => {
    const runId = await scheduleNow(t, acme.key, scenario.parent);
    await untilCompleted(t, acme.key, runId);
    const { stream, dispose } = subscribe('ws', acme.key, runId);
    await stream.ended;
    expect(states(stream).map((state) => state.status)).toEqual(['COMPLETED']);
    await dispose();
  });

  it.each(['ws', 'sse'] as const)('over %s, another workspace’s run is NOT_FOUND', async (transport) => {
    const runId = await scheduleNow(t, acme.key, scenario.parent);
    const { stream, dispose } = subscribe(transport, globex.key, runId);
    await stream.ended;
    expect(stream.results.flatMap((result) => result.errors ?? []).map((e) => e.extensions?.code)).toEqual([
      'NOT_FOUND',
    ]);
    await untilCompleted(t, acme.key, runId);
    await dispose();
  });
});
