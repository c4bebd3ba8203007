import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { MAX_TRIGGER_DEPTH } from '../../src/runs/triggers.js';
import { startWorker } from '../../src/runs/worker.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createScoredProgram,
  createWorkspaceWithKey,
  upsertLeads,
} from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let worker: { stop(): Promise<void> };
let acme: { id: string; key: string };
let globex: { id: string; key: string };
let program: string;
let child: string;

const SCHEDULE = `mutation ($campaign: ID!, $runAt: DateTime, $tokens: [TokenInput!]) {
  scheduleCampaign(campaignId: $campaign, runAt: $runAt, tokens: $tokens) { id kind status scheduledFor tokens { name value } }
}`;
const RUN = `query ($id: ID!) { campaignRun(id: $id) {
  status leadsTotal leadsProcessed leadsQualified
  activities { edges { node { type ... on ExecuteCampaignActivity { qualified } } } }
} }`;

type RunView = {
  status: string;
  leadsTotal: number | null;
  leadsProcessed: number;
  activities: { edges: { node: { type: string; qualified?: boolean } }[] };
};

/** A campaign of Acme's +10 program that qualifies every time unless told. */
function createAcmeCampaign(input: Record<string, unknown>): Promise<string> {
  return createCampaign(t, acme, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input });
}

async function schedule(campaign: string, extra: Record<string, unknown> = {}) {
  return t.graphql<{ scheduleCampaign: { id: string; status: string } }>(
    SCHEDULE,
    { campaign, ...extra },
    acme.key,
  );
}

async function finished(runId: string): Promise<RunView> {
  let view: RunView | undefined;
  await expect
    .poll(
      async () => {
        view = (await run<{ campaignRun: RunView }>(t, acme.key, RUN, { id: runId })).campaignRun;
        return view.status;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe('COMPLETED');
  return view as RunView;
}

const runCount = () => t.orm.em.fork().count(CampaignRun, {});

beforeAll(async () => {
  t = await startTestApp();
  worker = await startWorker(t.orm, t.database.url, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  const programs = await Promise.all(
    ['+10', '+0'].map((score, index) => createScoredProgram(t, acme, `Program ${index}`, score)),
  );
  program = programs[0] as string;
  child = await createCampaign(t, acme, {
    programId: programs[1],
    name: 'Score child',
    executable: true,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }, { email: 'grace@example.com' }]);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('scheduleCampaign', () => {
  it('runs the seed’s example end to end in the background: TRUE with API tokens scores +25', async () => {
    const parent = await createAcmeCampaign({
      name: 'Parent TRUE',
      flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } }],
    });
    const response = await schedule(parent, {
      tokens: [{ name: '{{my.score}}', value: '+25', type: 'SCORE' }],
    });
    expect(response.data?.scheduleCampaign).toMatchObject({
      kind: 'BATCH',
      status: 'QUEUED',
      tokens: [{ name: 'my.score', value: '+25' }],
    });
    const done = await finished(response.data?.scheduleCampaign.id as string);
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
        createAcmeCampaign({
          name: 'Trigger',
          smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
        }),
      {},
    ],
    [
      'runAt beyond two years',
      'BAD_USER_INPUT',
      () => createAcmeCampaign({ name: 'Far' }),
      { runAt: '2031-01-01T00:00:00Z' },
    ],
    [
      'a bad token name',
      'INVALID_TOKEN',
      () => createAcmeCampaign({ name: 'Tokens' }),
      { tokens: [{ name: 'score', value: '+1' }] },
    ],
  ])('refuses %s with %s and writes no run', async (_case, code, campaign, extra) => {
    const id = await campaign();
    const before = await runCount();
    expect(errorCodes(await schedule(id, extra))).toEqual([code]);
    expect(await runCount()).toBe(before);
  });

  it('another workspace’s campaign is NOT_FOUND', async () => {
    const id = await createAcmeCampaign({ name: 'Mine' });
    expect(errorCodes(await t.graphql(SCHEDULE, { campaign: id }, globex.key))).toEqual(['NOT_FOUND']);
  });
});

describe('cancelCampaignRun', () => {
  const CANCEL = 'mutation ($id: ID!) { cancelCampaignRun(id: $id) { status finishedAt } }';

  it('cancels a scheduled run and drops its job; cancelling again changes nothing; a finished run refuses', async () => {
    const campaign = await createAcmeCampaign({
      name: 'Later',
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const scheduled = (await schedule(campaign, { runAt: tomorrow })).data?.scheduleCampaign;
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

    const now = (await schedule(campaign)).data?.scheduleCampaign.id as string;
    await finished(now);
    expect(errorCodes(await t.graphql(CANCEL, { id: now }, acme.key))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.graphql(CANCEL, { id: now }, globex.key))).toEqual(['NOT_FOUND']);
  });
});

describe('requestCampaign', () => {
  const REQUEST = `mutation ($campaign: ID!, $leads: [ID!]!) {
    requestCampaign(campaignId: $campaign, leadIds: $leads) { id kind status }
  }`;
  let leads: { id: string; email: string }[];

  const listener = async (name: string, source: string | null, activate: boolean) => {
    const id = await createAcmeCampaign({
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
    const requested = await finished(response.requestCampaign.id);
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
    ['a batch campaign', () => createAcmeCampaign({ name: 'Batch' })],
  ])('refuses %s with NOT_REQUESTABLE', async (_case, campaign) => {
    const before = await runCount();
    expect(
      errorCodes(await t.graphql(REQUEST, { campaign: await campaign(), leads: [leads[0]?.id] }, acme.key)),
    ).toEqual(['NOT_REQUESTABLE']);
    expect(await runCount()).toBe(before);
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

describe('removeFromFlow', () => {
  it('F6 and E9: cancels the pending waits of the campaign, and of its callers when it is executable', async () => {
    const waiting = await createAcmeCampaign({
      name: 'Waiting parent',
      flow: [
        { action: { executeCampaign: { campaignId: child, useParentTokenContext: false } } },
        { action: { wait: { seconds: 3600 } } },
      ],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
      campaign: waiting,
    });
    await finished(scheduled.scheduleCampaign.id);
    const leads = await run<{ workspace: { leads: { edges: { node: { id: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads(first: 2) { edges { node { id } } } } }',
      { id: acme.id },
    );
    const leadIds = leads.workspace.leads.edges.map((edge) => edge.node.id);
    const REMOVE =
      'mutation ($campaign: ID!, $leads: [ID!]!) { removeFromFlow(campaignId: $campaign, leadIds: $leads) }';
    const other = await createAcmeCampaign({ name: 'Unrelated' });
    expect(await run(t, acme.key, REMOVE, { campaign: other, leads: leadIds })).toEqual({
      removeFromFlow: 0,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: child, leads: leadIds.slice(0, 1) })).toEqual({
      removeFromFlow: 1,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: waiting, leads: leadIds })).toEqual({
      removeFromFlow: 1,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: waiting, leads: leadIds })).toEqual({
      removeFromFlow: 0,
    });
    expect(errorCodes(await t.graphql(REMOVE, { campaign: waiting, leads: [] }, acme.key))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await t.graphql(REMOVE, { campaign: waiting, leads: leadIds }, globex.key))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

describe('waits', () => {
  it('F9 a lead resumes after its Wait, even when the worker that scheduled it stopped in between', async () => {
    const [patient] = await upsertLeads(t, acme, [{ email: 'patient@example.com' }]);
    const campaign = await createAcmeCampaign({
      name: 'Wait a second',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['patient@example.com'] }],
      },
      flow: [{ action: { wait: { seconds: 2 } } }, { action: { changeScore: { change: '+7' } } }],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, { campaign });
    await finished(scheduled.scheduleCampaign.id);

    await worker.stop();
    worker = await startWorker(
      t.orm,
      t.database.url,
      pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    );

    const score = async () =>
      (
        await run<{ lead: { score: number } }>(t, acme.key, 'query ($id: ID!) { lead(id: $id) { score } }', {
          id: patient,
        })
      ).lead.score;
    expect(await score()).toBe(0);
    await expect.poll(score, { timeout: 20_000, interval: 200 }).toBe(7);
    const types = await run<{ lead: { activities: { edges: { node: { type: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { lead(id: $id) { activities { edges { node { type } } } } }',
      { id: patient },
    );
    expect(types.lead.activities.edges.map((edge) => edge.node.type)).toEqual([
      'NEW_LEAD',
      'WAIT',
      'CHANGE_SCORE',
    ]);
  });
});

describe('Request Campaign steps', () => {
  it('F5 hand the leads to an active listener that runs separately; an inactive one gets nothing', async () => {
    const [handedLead] = await upsertLeads(t, acme, [{ email: 'handed@example.com' }]);
    const listener = async (name: string, activate: boolean) => {
      const id = await createAcmeCampaign({
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
    const caller = await createAcmeCampaign({
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
    await finished(scheduled.scheduleCampaign.id);
    const runsOf = (campaign: string) =>
      run<{ campaign: { runs: { edges: { node: { id: string; kind: string } }[] } } }>(
        t,
        acme.key,
        'query ($id: ID!) { campaign(id: $id) { runs { edges { node { id kind } } } } }',
        { id: campaign },
      ).then((result) => result.campaign.runs.edges.map((edge) => edge.node));
    const [handed] = await runsOf(active);
    expect(handed?.kind).toBe('TRIGGERED');
    expect((await finished(handed?.id as string)).activities.edges.map((edge) => edge.node.type)).toEqual([
      'CAMPAIGN_IS_REQUESTED',
      'CHANGE_SCORE',
    ]);
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

describe('triggers (S3)', () => {
  const activate = (id: string) =>
    run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id });
  const deactivate = (id: string) =>
    run(t, acme.key, 'mutation ($id: ID!) { deactivateCampaign(id: $id) { status } }', { id });
  const scoreOf = async (email: string) =>
    (
      await run<{ workspace: { leads: { edges: { node: { email: string; score: number } }[] } } }>(
        t,
        acme.key,
        'query ($id: ID!) { workspace(id: $id) { leads(first: 100) { edges { node { email score } } } } }',
        { id: acme.id },
      )
    ).workspace.leads.edges.find((edge) => edge.node.email === email)?.node.score;

  it('Lead is Created starts a TRIGGERED run for each new lead, not for updated ones', async () => {
    const listener = await createAcmeCampaign({
      name: 'Welcome',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
      flow: [{ action: { changeScore: { change: '+9' } } }],
    });
    await activate(listener);
    const newcomer = [{ email: 'newcomer@example.com' }];
    await upsertLeads(t, acme, newcomer);
    await expect.poll(() => scoreOf('newcomer@example.com'), { timeout: 20_000, interval: 100 }).toBe(9);
    await upsertLeads(t, acme, newcomer);
    await deactivate(listener);
    const runs = await run<{ campaign: { runs: { edges: { node: { kind: string; status: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaign(id: $id) { runs { edges { node { kind status } } } } }',
      { id: listener },
    );
    expect(runs.campaign.runs.edges.map((edge) => edge.node)).toEqual([
      { kind: 'TRIGGERED', status: 'COMPLETED' },
    ]);
  });

  it('Data Value Changes written by a flow starts the active listeners for that attribute only', async () => {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Tier", type: STRING) { name } }',
      {
        ws: acme.id,
      },
    );
    await upsertLeads(t, acme, [{ email: 'tiered@example.com' }]);
    const listen = async (attribute: string, change: string) => {
      const id = await createAcmeCampaign({
        name: `On ${attribute}`,
        smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute }] },
        flow: [{ action: { changeScore: { change } } }],
      });
      await activate(id);
      return id;
    };
    const onTier = await listen('tier', '+2');
    const onOther = await listen('First Name', '+100');
    const setter = await createAcmeCampaign({
      name: 'Set tier',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['tiered@example.com'] }],
      },
      flow: [{ action: { changeDataValue: { attribute: 'Tier', value: 'Gold' } } }],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
      campaign: setter,
    });
    await finished(scheduled.scheduleCampaign.id);
    await expect.poll(() => scoreOf('tiered@example.com'), { timeout: 20_000, interval: 100 }).toBe(2);
    await deactivate(onTier);
    await deactivate(onOther);
    expect(await scoreOf('tiered@example.com')).toBe(2);
  });

  it('a trigger loop stops: past MAX_TRIGGER_DEPTH the next run is CANCELLED with the reason', async () => {
    await upsertLeads(t, acme, [{ email: 'looped@example.com' }]);
    const onlyLooped = [
      { kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['looped@example.com'] },
    ];
    const loop = await createAcmeCampaign({
      name: 'Score loop',
      smartList: { filters: onlyLooped, triggers: [{ kind: 'SCORE_IS_CHANGED', attribute: 'score' }] },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await activate(loop);
    const starter = await createAcmeCampaign({
      name: 'Loop starter',
      smartList: { filters: onlyLooped },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await run(t, acme.key, SCHEDULE, { campaign: starter });
    const runsOf = async () =>
      (
        await run<{ campaign: { runs: { edges: { node: { status: string; error: string | null } }[] } } }>(
          t,
          acme.key,
          'query ($id: ID!) { campaign(id: $id) { runs(first: 50) { edges { node { status error } } } } }',
          { id: loop },
        )
      ).campaign.runs.edges.map((edge) => edge.node);
    await expect
      .poll(async () => (await runsOf()).some((node) => node.status === 'CANCELLED'), {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(true);
    await deactivate(loop);
    const runs = await runsOf();
    expect(runs.filter((node) => node.status === 'COMPLETED')).toHaveLength(MAX_TRIGGER_DEPTH);
    expect(runs.filter((node) => node.status === 'CANCELLED')).toEqual([
      { status: 'CANCELLED', error: expect.stringContaining('trigger loop') },
    ]);
    expect(runs).toHaveLength(MAX_TRIGGER_DEPTH + 1);
    expect(await scoreOf('looped@example.com')).toBe(1 + MAX_TRIGGER_DEPTH);
  });

  it('Data Value Changes from upsertLeads: a changed value starts the listeners and is recorded, an equal one is not', async () => {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Plan", type: STRING) { name } }',
      { ws: acme.id },
    );
    const upsert = (plan: string) =>
      upsertLeads(t, acme, [{ email: 'planned@example.com', fields: { Plan: plan } }]);
    const [lead] = await upsert('Free');
    const listener = await createAcmeCampaign({
      name: 'On plan',
      smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute: 'Plan' }] },
      flow: [{ action: { changeScore: { change: '+5' } } }],
    });
    await activate(listener);
    await upsert('Pro');
    await expect.poll(() => scoreOf('planned@example.com'), { timeout: 20_000, interval: 100 }).toBe(5);
    await upsert('Pro');
    await deactivate(listener);
    const { lead: stored } = await run<{
      lead: { activities: { edges: { node: { type: string; attributes: Record<string, unknown> } }[] } };
    }>(
      t,
      acme.key,
      'query ($id: ID!) { lead(id: $id) { activities(first: 50) { edges { node { type attributes } } } } }',
      { id: lead },
    );
    expect(
      stored.activities.edges.map((edge) => edge.node).filter((node) => node.type !== 'CHANGE_SCORE'),
    ).toEqual([
      { type: 'NEW_LEAD', attributes: {} },
      {
        type: 'CHANGE_DATA_VALUE',
        attributes: { attribute: 'Plan', oldValue: 'Free', newValue: 'Pro', source: 'API' },
      },
    ]);
    const runs = await run<{ campaign: { runs: { edges: { node: { kind: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaign(id: $id) { runs { edges { node { kind } } } } }',
      { id: listener },
    );
    expect(runs.campaign.runs.edges).toHaveLength(1);
  });
});
