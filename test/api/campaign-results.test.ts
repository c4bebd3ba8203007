import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { CHUNK_SIZE, planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import type { TestApp } from '../helpers/app.js';
import { type BatchApp, startBatchApp } from '../helpers/batch-app.js';
import { createCampaign, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

let batch: BatchApp;
let t: TestApp;
let acme: WorkspaceWithKey;

const RESULTS = `{
  steps { position reached branches { choice count } executeQualified executeNotQualified notQualifiedByReason { reason count } }
  activitiesByType { type count }
}`;

interface Results {
  steps: {
    position: number;
    reached: number;
    branches: { choice: number | null; count: number }[];
    executeQualified: number | null;
    executeNotQualified: number | null;
    notQualifiedByReason: { reason: string; count: number }[] | null;
  }[];
  activitiesByType: { type: string; count: number }[];
}

async function runResults(runId: string): Promise<Results> {
  const { campaignRun } = await run<{ campaignRun: { results: Results } }>(
    t,
    acme.key,
    `query ($id: ID!) { campaignRun(id: $id) { results ${RESULTS} } }`,
    { id: globalIdOf('CampaignRun', runId) },
  );
  return campaignRun.results;
}

async function campaignResults(campaignId: string, window: { since?: string; until?: string } = {}) {
  const { campaign } = await run<{ campaign: { results: Results } }>(
    t,
    acme.key,
    `query ($id: ID!, $since: DateTime, $until: DateTime) { campaign(id: $id) { results(since: $since, until: $until) ${RESULTS} } }`,
    { id: globalIdOf('Campaign', campaignId), ...window },
  );
  return campaign.results;
}

const byType = (results: Results) =>
  Object.fromEntries(results.activitiesByType.map(({ type, count }) => [type, count]));

/** The run's activities counted from the activity table, by type. */
async function storedActivityCounts(runId: string): Promise<Record<string, number>> {
  const activities = await t.orm.em.fork().find(Activity, { run: runId });
  const counts: Record<string, number> = {};
  for (const activity of activities) counts[activity.type] = (counts[activity.type] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  batch = await startBatchApp();
  ({ t, acme } = batch);
});
afterAll(() => batch.close());

describe('semantics A4 campaign results', () => {
  let parent: string;
  let child: string;
  let runId: string;

  beforeAll(async () => {
    await upsertLeads(t, acme, [
      ...['q1', 'q2', 'q3'].map((name) => ({ email: `res-${name}@example.com` })),
      ...['n1', 'n2'].map((name) => ({ email: `res-${name}@example.com` })),
    ]);
    child = databaseIdOf(
      await createCampaign(t, acme, {
        programId: batch.program,
        name: 'Results child',
        executable: true,
        qualificationRule: { kind: 'EVERY_TIME' },
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['res-q'] }],
        },
        flow: [{ action: { changeScore: { change: '+1' } } }],
      }),
    );
    const isN = { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['res-n'] };
    parent = await batch.createAcmeCampaign({
      name: 'Results parent',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['res-'] }],
      },
      flow: [
        { action: { executeCampaign: { campaignId: globalIdOf('Campaign', child) } } },
        { action: { changeScore: { change: '+1' } }, choices: [{ when: isN }] },
        { action: { interestingMoment: { kind: 'Web', description: 'Done' } } },
      ],
    });
    runId = await batch.queueRun(parent);
    await batch.runToCompletion(runId);
  });

  it('counts per step the leads that reached it, the branch that ran, and Execute Campaign TRUE and FALSE by reason', async () => {
    const results = await runResults(runId);
    expect(results.steps).toEqual([
      {
        position: 1,
        reached: 5,
        branches: [{ choice: null, count: 5 }],
        executeQualified: 3,
        executeNotQualified: 2,
        notQualifiedByReason: [{ reason: 'NOT_IN_SMART_LIST', count: 2 }],
      },
      {
        position: 2,
        reached: 5,
        branches: [
          { choice: null, count: 3 },
          { choice: 1, count: 2 },
        ],
        executeQualified: null,
        executeNotQualified: null,
        notQualifiedByReason: null,
      },
      {
        position: 3,
        reached: 5,
        branches: [{ choice: null, count: 5 }],
        executeQualified: null,
        executeNotQualified: null,
        notQualifiedByReason: null,
      },
    ]);
  });

  it('counts a run’s activities by type exactly as the activity table holds them, executed children’s included', async () => {
    const results = await runResults(runId);
    expect(byType(results)).toEqual(await storedActivityCounts(runId));
    expect(byType(results)).toEqual({ EXECUTE_CAMPAIGN: 5, CHANGE_SCORE: 6, INTERESTING_MOMENT: 5 });
    expect(results.activitiesByType.map(({ type }) => type)).toEqual([
      'EXECUTE_CAMPAIGN',
      'CHANGE_SCORE',
      'INTERESTING_MOMENT',
    ]);
  });

  it('gives a campaign its own steps and activities, an executed child its own from the runs that executed it', async () => {
    const parentResults = await campaignResults(parent);
    expect(parentResults.steps.map(({ reached }) => reached)).toEqual([5, 5, 5]);
    expect(byType(parentResults)).toEqual({ EXECUTE_CAMPAIGN: 5, CHANGE_SCORE: 3, INTERESTING_MOMENT: 5 });
    const childResults = await campaignResults(child);
    expect(childResults.steps).toEqual([
      {
        position: 1,
        reached: 3,
        branches: [{ choice: null, count: 3 }],
        executeQualified: null,
        executeNotQualified: null,
        notQualifiedByReason: null,
      },
    ]);
    expect(byType(childResults)).toEqual({ CHANGE_SCORE: 3 });
  });

  it('sums the runs that started in the window, and none outside it', async () => {
    const second = await batch.queueRun(parent);
    await batch.runToCompletion(second);
    const startedAt = (await t.orm.em.fork().findOneOrFail(CampaignRun, { id: second })).startedAt as Date;
    expect((await campaignResults(parent)).steps[0]?.reached).toBe(10);
    const fromSecond = await campaignResults(parent, { since: startedAt.toISOString() });
    expect(fromSecond.steps[0]).toMatchObject({ reached: 5, executeQualified: 3, executeNotQualified: 2 });
    const beforeSecond = await campaignResults(parent, { until: startedAt.toISOString() });
    expect(beforeSecond.steps[0]?.reached).toBe(5);
    const future = await campaignResults(parent, { since: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.steps.map(({ reached }) => reached)).toEqual([0, 0, 0]);
    expect(future.steps[0]).toMatchObject({ executeQualified: 0, executeNotQualified: 0 });
    expect(future.activitiesByType).toEqual([]);
  });

  it('counts a requested campaign’s leads in its own triggered run, from its first step', async () => {
    const listener = await createCampaign(t, acme, {
      programId: batch.program,
      name: 'Results listener',
      qualificationRule: { kind: 'EVERY_TIME' },
      smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id: listener });
    const requester = await batch.createAcmeCampaign({
      name: 'Results requester',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['res-q'] }],
      },
      flow: [{ action: { requestCampaign: { campaignId: listener } } }],
    });
    const requesting = await batch.queueRun(requester);
    await batch.runToCompletion(requesting);
    expect((await runResults(requesting)).steps).toMatchObject([{ position: 1, reached: 3 }]);
    expect(byType(await runResults(requesting))).toEqual({ REQUEST_CAMPAIGN: 3 });
    const triggered = await t.orm.em
      .fork()
      .findOneOrFail(CampaignRun, { campaign: databaseIdOf(listener), kind: 'TRIGGERED' });
    await batch.runToCompletion(triggered.id);
    const results = await runResults(triggered.id);
    expect(results.steps).toMatchObject([
      { position: 1, reached: 3, branches: [{ choice: null, count: 3 }] },
    ]);
    expect(byType(results)).toEqual({ CHANGE_SCORE: 3, CAMPAIGN_IS_REQUESTED: 3 });
  });

  it('reads zero for a run that has not started, and refuses a malformed window', async () => {
    const queued = await batch.queueRun(parent);
    const results = await runResults(queued);
    expect(results.steps.map(({ reached }) => reached)).toEqual([0, 0, 0]);
    expect(results.activitiesByType).toEqual([]);
    const response = await t.graphql(
      'query ($id: ID!, $since: DateTime) { campaign(id: $id) { results(since: $since) { steps { reached } } } }',
      { id: globalIdOf('Campaign', parent), since: 'yesterday' },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('semantics A4 and R4 results counters under retries', () => {
  it('count a chunk once when its transaction failed after writing them and it ran again, and once when run twice at once', async () => {
    const count = CHUNK_SIZE + 10;
    await batch.createLeads(count, 'retry-');
    const campaign = await batch.createAcmeCampaign({
      name: 'Retried',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['retry-'] }],
      },
      flow: [{ action: { changeScore: { change: '+2' } } }],
    });
    const runId = await batch.queueRun(campaign);
    const now = new Date();
    expect(await planRun(t.orm, runId, now)).toEqual([0, 1]);
    const sql = (text: string) => t.orm.em.fork().getConnection().execute(text);
    // The first write of the run's activities fails, as a crash before the commit would: the
    // chunk's counters, written before them in the same transaction, go with it.
    // A sequence, not a row: its value survives the failed transaction's rollback.
    await sql('create sequence fail_once');
    await sql(`create function fail_first_copy() returns trigger language plpgsql as $$
      begin
        if nextval('fail_once') = 1 then raise exception 'crash before commit'; end if;
        return null;
      end $$`);
    await sql(
      'create trigger fail_first_copy before insert on activity for each statement execute function fail_first_copy()',
    );
    try {
      await expect(processChunk(t.orm, runId, 0, now)).rejects.toThrow();
    } finally {
      await sql('drop trigger fail_first_copy on activity');
      await sql('drop function fail_first_copy()');
      await sql('drop sequence fail_once');
    }
    expect((await runResults(runId)).steps[0]?.reached).toBe(0);
    const applied = await Promise.all([0, 0, 1, 1].map((seq) => processChunk(t.orm, runId, seq, now)));
    expect(applied.filter(Boolean)).toHaveLength(2);
    await completeIfDone(t.orm, runId, now);
    const results = await runResults(runId);
    expect(results.steps).toMatchObject([{ position: 1, reached: count }]);
    expect(byType(results)).toEqual({ CHANGE_SCORE: count });
    expect(byType(results)).toEqual(await storedActivityCounts(runId));
  });
});
