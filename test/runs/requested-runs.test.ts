import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type TestApp } from '../helpers/app.js';
import { upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
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

describe('requestCampaign', () => {
  const REQUEST = `mutation ($campaign: ID!, $leads: [ID!]!) {
    requestCampaign(campaignId: $campaign, leadIds: $leads) { id kind status }
  }`;
  let leads: { id: string; email: string }[];

  const listener = async (name: string, source: string | null, activate: boolean) => {
    const id = await seeded.createAcmeCampaign({
      name,
      smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source }] },
      flow: [{ action: { changeScore: { change: '+3' } } }],
    });
    if (activate)
      await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id });
    return id;
  };

  beforeAll(async () => {
    const result = await run<{ workspace: { leads: { edges: { node: { id: string; email: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads { edges { node { id email } } } } }',
      { id: acme.id },
    );
    leads = result.workspace.leads.edges.map((edge) => edge.node);
  });

  it('runs an active listener for the leads named, and only those', async () => {
    const campaign = await listener('Listener', 'API', true);
    const [ada] = leads;
    const scores = async () =>
      (
        await run<{ workspace: { leads: { edges: { node: { score: number } }[] } } }>(
          t,
          acme.key,
          'query ($id: ID!) { workspace(id: $id) { leads { edges { node { score } } } } }',
          { id: acme.id },
        )
      ).workspace.leads.edges.map((edge) => edge.node.score);
    const before = await scores();
    const response = await run<{ requestCampaign: { id: string; kind: string; status: string } }>(
      t,
      acme.key,
      REQUEST,
      {
        campaign,
        leads: [ada?.id, ada?.id],
      },
    );
    expect(response.requestCampaign).toMatchObject({ kind: 'REQUESTED', status: 'QUEUED' });
    const requested = await seeded.finished(response.requestCampaign.id);
    expect(requested).toMatchObject({ leadsTotal: 1, leadsProcessed: 1 });
    expect(requested.activities.edges.map((edge) => edge.node.type)).toEqual([
      'CAMPAIGN_IS_REQUESTED',
      'CHANGE_SCORE',
    ]);
    expect(await scores()).toEqual([(before[0] as number) + 3, before[1]]);
  });

  it.each([
    ['an inactive listener', () => listener('Inactive', 'API', false)],
    ['a listener for flow actions only', () => listener('Flow only', 'FLOW_ACTION', true)],
    ['an executable campaign', async () => child],
    ['a batch campaign', () => seeded.createAcmeCampaign({ name: 'Batch' })],
  ])('refuses %s with NOT_REQUESTABLE', async (_case, campaign) => {
    const before = await seeded.runCount();
    expect(
      errorCodes(await t.graphql(REQUEST, { campaign: await campaign(), leads: [leads[0]?.id] }, acme.key)),
    ).toEqual(['NOT_REQUESTABLE']);
    expect(await seeded.runCount()).toBe(before);
  });

  it('a campaign that cannot be requested is refused for that first, whatever else is wrong', async () => {
    const batch = await seeded.createAcmeCampaign({ name: 'Batch, no leads' });
    expect(errorCodes(await t.graphql(REQUEST, { campaign: batch, leads: [] }, acme.key))).toEqual([
      'NOT_REQUESTABLE',
    ]);
    const theirs = await upsertLeads(t, globex, [{ email: 'theirs-first@example.com' }]);
    expect(errorCodes(await t.graphql(REQUEST, { campaign: batch, leads: theirs }, ADMIN_KEY))).toEqual([
      'NOT_REQUESTABLE',
    ]);
  });

  it('refuses more than 100 leads, and leads of another workspace', async () => {
    const campaign = await listener('Any source', null, true);
    const many = Array.from({ length: 101 }, () => leads[0]?.id);
    expect(errorCodes(await t.graphql(REQUEST, { campaign, leads: many }, acme.key))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const theirs = await upsertLeads(t, globex, [{ email: 'theirs@example.com' }]);
    const foreign = await t.graphql(REQUEST, { campaign, leads: theirs }, ADMIN_KEY);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });
});

describe('Request Campaign steps', () => {
  it('semantics F5 hand the leads to an active listener that runs separately; an inactive one gets nothing', async () => {
    const [handedLead] = await upsertLeads(t, acme, [{ email: 'handed@example.com' }]);
    const listener = async (name: string, activate: boolean) => {
      const id = await seeded.createAcmeCampaign({
        name,
        smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] },
        flow: [{ action: { changeScore: { change: '+4' } } }],
      });
      if (activate)
        await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id });
      return id;
    };
    const active = await listener('Flow listener', true);
    const inactive = await listener('Sleeping listener', false);
    const caller = await seeded.createAcmeCampaign({
      name: 'Caller',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['handed@example.com'] }],
      },
      flow: [
        { action: { requestCampaign: { campaignId: active } } },
        { action: { requestCampaign: { campaignId: inactive } } },
      ],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
      campaign: caller,
    });
    await seeded.finished(scheduled.scheduleCampaign.id);
    const runsOf = (campaign: string) =>
      run<{ campaign: { runs: { edges: { node: { id: string; kind: string } }[] } } }>(
        t,
        acme.key,
        'query ($id: ID!) { campaign(id: $id) { runs { edges { node { id kind } } } } }',
        { id: campaign },
      ).then((result) => result.campaign.runs.edges.map((edge) => edge.node));
    const [handed] = await runsOf(active);
    expect(handed?.kind).toBe('TRIGGERED');
    expect(
      (await seeded.finished(handed?.id as string)).activities.edges.map((edge) => edge.node.type),
    ).toEqual(['CAMPAIGN_IS_REQUESTED', 'CHANGE_SCORE']);
    expect(await runsOf(inactive)).toEqual([]);
    const score = await run<{ lead: { score: number } }>(
      t,
      acme.key,
      'query ($id: ID!) { lead(id: $id) { score } }',
      { id: handedLead },
    );
    expect(score.lead.score).toBe(4);
  });
});
