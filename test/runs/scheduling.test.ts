import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import type { WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';
import { SCHEDULE, type SeededApp, startSeededApp } from '../helpers/seeded-app.js';

let seeded: SeededApp;
let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let child: string;

beforeAll(async () => {
  seeded = await startSeededApp();
  ({ t, acme, globex, child } = seeded);
});
afterAll(() => seeded.close());

describe('scheduleCampaign', () => {
  it('runs the seed’s example end to end in the background: TRUE with API tokens scores +25', async () => {
    const parent = await seeded.createAcmeCampaign({
      name: 'Parent TRUE',
      flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } }],
    });
    const response = await seeded.schedule(parent, {
      tokens: [{ name: '{{my.score}}', value: '+25', type: 'SCORE' }],
    });
    expect(response.data?.scheduleCampaign).toMatchObject({
      kind: 'BATCH',
      status: 'QUEUED',
      tokens: [{ name: 'my.score', value: '+25' }],
    });
    const done = await seeded.finished(response.data?.scheduleCampaign.id as string);
    expect(done).toMatchObject({ leadsTotal: 2, leadsProcessed: 2 });
    expect(done.activities.edges.map((edge) => edge.node)).toEqual([
      { type: 'EXECUTE_CAMPAIGN', qualified: true },
      { type: 'CHANGE_SCORE' },
      { type: 'EXECUTE_CAMPAIGN', qualified: true },
      { type: 'CHANGE_SCORE' },
    ]);
    const leads = await run<{ workspace: { leads: { edges: { node: { score: number } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads { edges { node { score } } } } }',
      { id: acme.id },
    );
    expect(leads.workspace.leads.edges.map((edge) => edge.node.score)).toEqual([25, 25]);
  });

  it.each([
    ['an executable campaign', 'NOT_SCHEDULABLE', async () => child, {}],
    [
      'a trigger campaign',
      'NOT_SCHEDULABLE',
      () =>
        seeded.createAcmeCampaign({
          name: 'Trigger',
          smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
        }),
      {},
    ],
    [
      'runAt beyond two years',
      'BAD_USER_INPUT',
      () => seeded.createAcmeCampaign({ name: 'Far' }),
      { runAt: '2031-01-01T00:00:00Z' },
    ],
    [
      'a bad token name',
      'INVALID_TOKEN',
      () => seeded.createAcmeCampaign({ name: 'Tokens' }),
      { tokens: [{ name: 'score', value: '+1' }] },
    ],
  ])('refuses %s with %s and writes no run', async (_case, code, campaign, extra) => {
    const id = await campaign();
    const before = await seeded.runCount();
    expect(errorCodes(await seeded.schedule(id, extra))).toEqual([code]);
    expect(await seeded.runCount()).toBe(before);
  });

  it('a campaign that cannot be scheduled is refused for that first, whatever else is wrong', async () => {
    const far = { runAt: '2031-01-01T00:00:00Z', tokens: [{ name: 'score', value: '+1' }] };
    expect(errorCodes(await seeded.schedule(child, far))).toEqual(['NOT_SCHEDULABLE']);
    const batch = await seeded.createAcmeCampaign({ name: 'Far and bad tokens' });
    expect(errorCodes(await seeded.schedule(batch, far))).toEqual(['BAD_USER_INPUT']);
  });

  it('another workspace’s campaign is NOT_FOUND', async () => {
    const id = await seeded.createAcmeCampaign({ name: 'Mine' });
    expect(errorCodes(await t.graphql(SCHEDULE, { campaign: id }, globex.key))).toEqual(['NOT_FOUND']);
  });
});

describe('cancelCampaignRun', () => {
  const CANCEL = 'mutation ($id: ID!) { cancelCampaignRun(id: $id) { status finishedAt } }';

  it('cancels a scheduled run and drops its job; cancelling again changes nothing; a finished run refuses', async () => {
    const campaign = await seeded.createAcmeCampaign({
      name: 'Later',
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const scheduled = (await seeded.schedule(campaign, { runAt: tomorrow })).data?.scheduleCampaign;
    expect(scheduled?.status).toBe('SCHEDULED');
    const jobs = () =>
      t.orm.em
        .fork()
        .getConnection()
        .execute<{ count: string }[]>('select count(*) from graphile_worker.jobs where key like ?', [
          `run:${databaseIdOf(scheduled?.id as string)}:%`,
        ]);
    expect((await jobs())[0]?.count).toBe('1');

    const cancelled = await run<{ cancelCampaignRun: { status: string; finishedAt: string } }>(
      t,
      acme.key,
      CANCEL,
      {
        id: scheduled?.id,
      },
    );
    expect(cancelled.cancelCampaignRun.status).toBe('CANCELLED');
    expect((await jobs())[0]?.count).toBe('0');
    expect(
      (await run<{ cancelCampaignRun: unknown }>(t, acme.key, CANCEL, { id: scheduled?.id }))
        .cancelCampaignRun,
    ).toEqual(cancelled.cancelCampaignRun);

    const now = (await seeded.schedule(campaign)).data?.scheduleCampaign.id as string;
    await seeded.finished(now);
    expect(errorCodes(await t.graphql(CANCEL, { id: now }, acme.key))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.graphql(CANCEL, { id: now }, globex.key))).toEqual(['NOT_FOUND']);
  });
});
