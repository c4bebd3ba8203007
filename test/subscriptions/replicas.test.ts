import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/runs/job-runner.js';
import type { TestApp } from '../helpers/app.js';
import { executeScenario, queriedIds, scheduleNow, untilCompleted } from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { REDIS_URL, redisAnswers, startReplicas } from '../helpers/replicas.js';
import { deliveredIds, subscribeWs, untilDelivered, untilStreams, wsClient } from '../helpers/streams.js';

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`replicas.test.ts skipped: no Redis answers at ${REDIS_URL}`);

const ACTIVITY_ADDED = `subscription ($filter: ActivityFilter) { activityAdded(filter: $filter) { id } }`;
const RUN_UPDATED = `subscription ($id: ID!) { campaignRunUpdated(runId: $id) { status leadsProcessed } }`;

/**
 * Two API servers on one database, each with its own Redis connection, and a job worker with a
 * third, as separate processes would have. Neither server polls the table here: whatever reaches
 * a subscriber came through Redis.
 */
describe.skipIf(!redisUp)(`two servers sharing events through Redis (${REDIS_URL})`, () => {
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const noPolling = { pollMs: 3_600_000 };
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;
  let worker: { stop(): Promise<void> };
  let acme: WorkspaceWithKey;
  let scenario: Awaited<ReturnType<typeof executeScenario>>;
  let replicas: Awaited<ReturnType<typeof startReplicas>>;

  beforeAll(async () => {
    replicas = await startReplicas(noPolling);
    ({ a, b } = replicas);
    urlA = await a.app.start();
    urlB = await b.app.start();
    acme = await createWorkspaceWithKey(a, 'Acme');
    scenario = await executeScenario(a, acme, 600);
  });
  afterAll(async () => {
    await worker?.stop();
    await replicas?.close();
  });

  it('a run executed by a worker reaches the subscribers of both servers, live, each activity once', async () => {
    const clientA = wsClient({ url: urlA }, acme.key);
    const clientB = wsClient({ url: urlB }, acme.key);
    const onA = subscribeWs(clientA, ACTIVITY_ADDED, { filter: { campaignId: scenario.parent } });
    const onB = subscribeWs(clientB, ACTIVITY_ADDED, { filter: { workspaceId: acme.id } });
    // Queued before any worker runs, so that its progress can only reach server B through Redis.
    const runId = await scheduleNow(a, acme.key, scenario.parent);
    const progress = subscribeWs(clientB, RUN_UPDATED, { id: runId });
    await untilStreams(a.app, 1);
    await untilStreams(b.app, 1, 1);
    await expect.poll(() => progress.results.length).toBe(1);
    worker = await startWorker(a.orm, a.database.url, log, { publisher: await replicas.bus() });
    await untilCompleted(a, acme.key, runId);

    const all = await queriedIds(a, acme.key, { runId });
    const parents = await queriedIds(a, acme.key, { runId, campaignId: scenario.parent });
    expect(all).toHaveLength(900);
    await untilDelivered(onB, all.length);
    expect(deliveredIds(onB)).toEqual(all);
    await untilDelivered(onA, parents.length);
    expect(deliveredIds(onA)).toEqual(parents);
    // The run's progress, announced by the worker, ends the subscription on the other server too.
    await progress.ended;
    expect(progress.completed).toBe(true);
    const statuses = progress.results.map(
      (result) => (result.data?.campaignRunUpdated as { status?: string } | undefined)?.status,
    );
    expect(statuses[0]).toBe('QUEUED');
    expect(progress.results.at(-1)?.data?.campaignRunUpdated).toEqual({
      status: 'COMPLETED',
      leadsProcessed: 600,
    });
    onA.stop();
    onB.stop();
    await clientA.dispose();
    await clientB.dispose();
  });
});
