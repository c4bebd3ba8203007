import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { readActivityPage } from '../../src/db/sql/activity-feed.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: { id: string; key: string };
let globex: { id: string; key: string };
let ada: string;
let grace: string;
let parent: string;
let child: string;
let runId: string;

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1] as string;

const ACTIVITIES = `query ($filter: ActivityFilter, $first: Int, $after: String) {
  activities(filter: $filter, first: $first, after: $after) {
    edges { cursor node {
      id type primaryAttributeValue lead { email } campaign { name } run { id }
      ... on ExecuteCampaignActivity { qualified depth reason useParentTokenContext executedCampaign { name } }
      ... on ChangeScoreActivity { scoreName change oldValue newValue }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Page = {
  activities: {
    edges: { cursor: string; node: Record<string, unknown> & { id: string; type: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

const types = (page: Page) => page.activities.edges.map((edge) => edge.node.type);

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  const leads = await run<{ upsertLeads: { id: string }[] }>(
    t,
    acme.key,
    'mutation ($ws: ID!) { upsertLeads(workspaceId: $ws, leads: [{ email: "ada@example.com" }, { email: "grace@example.com" }]) { id } }',
    { ws: acme.id },
  );
  [ada, grace] = leads.upsertLeads.map((lead) => lead.id) as [string, string];
  await run(
    t,
    globex.key,
    'mutation ($ws: ID!) { upsertLeads(workspaceId: $ws, leads: [{ email: "other@example.com" }]) { id } }',
    {
      ws: globex.id,
    },
  );
  const program = (
    await run<{ createProgram: { id: string } }>(
      t,
      acme.key,
      'mutation ($ws: ID!) { createProgram(workspaceId: $ws, name: "P") { id } }',
      {
        ws: acme.id,
      },
    )
  ).createProgram.id;
  const create = (input: Record<string, unknown>) =>
    run<{ createCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      {
        input: { programId: program, ...input },
      },
    ).then((result) => result.createCampaign.id);
  child = await create({ name: 'Child', executable: true });
  parent = await create({ name: 'Parent', flow: [{ action: { executeCampaign: { campaignId: child } } }] });

  // What a run of Parent writes (the runs layer is issue #5): stored as the domain returns it.
  const em = t.orm.em.fork();
  const campaignRun = em.create(CampaignRun, {
    workspace: dbId(acme.id),
    campaign: dbId(parent),
    kind: 'BATCH',
    status: 'COMPLETED',
    tokens: [{ name: 'my.score', type: 'SCORE', value: '+5' }],
  });
  await em.flush();
  runId = campaignRun.id;
  const common = { workspace: dbId(acme.id), campaign: dbId(parent), run: runId, occurredAt: new Date() };
  em.create(Activity, {
    ...common,
    lead: dbId(ada),
    type: 'EXECUTE_CAMPAIGN',
    primaryAttributeValue: 'Child',
    attributes: { executedCampaignId: dbId(child), qualified: true, depth: 1, useParentTokenContext: false },
  });
  em.create(Activity, {
    ...common,
    lead: dbId(ada),
    campaign: dbId(child),
    type: 'CHANGE_SCORE',
    primaryAttributeValue: 'score',
    attributes: { scoreName: 'score', change: '+5', oldValue: 0, newValue: 5 },
  });
  em.create(Activity, {
    ...common,
    lead: dbId(grace),
    type: 'EXECUTE_CAMPAIGN',
    primaryAttributeValue: 'Child',
    attributes: {
      executedCampaignId: dbId(child),
      qualified: false,
      depth: 1,
      useParentTokenContext: false,
      reason: 'NOT_IN_SMART_LIST',
    },
  });
  await em.flush();
});
afterAll(() => t.close());

describe('the activity log', () => {
  it('shows a workspace key its own activities in commit order, each with its concrete type', async () => {
    const page = await run<Page>(t, acme.key, ACTIVITIES, {});
    expect(types(page)).toEqual([
      'NEW_LEAD',
      'NEW_LEAD',
      'EXECUTE_CAMPAIGN',
      'CHANGE_SCORE',
      'EXECUTE_CAMPAIGN',
    ]);
    const ids = page.activities.edges.map((edge) => BigInt(edge.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(page.activities.edges.map((edge) => edge.cursor)).toEqual(
      page.activities.edges.map((edge) => edge.node.id),
    );
    const [, , qualified, score, refused] = page.activities.edges.map((edge) => edge.node);
    expect(qualified).toMatchObject({
      lead: { email: 'ada@example.com' },
      campaign: { name: 'Parent' },
      run: { id: encodeGlobalID('CampaignRun', runId) },
      qualified: true,
      depth: 1,
      reason: null,
      useParentTokenContext: false,
      executedCampaign: { name: 'Child' },
    });
    expect(score).toMatchObject({
      campaign: { name: 'Child' },
      scoreName: 'score',
      change: '+5',
      oldValue: 0,
      newValue: 5,
    });
    expect(refused).toMatchObject({
      lead: { email: 'grace@example.com' },
      qualified: false,
      reason: 'NOT_IN_SMART_LIST',
    });
  });

  it('shows the admin every workspace, or one by filter; a workspace key filtering another workspace sees nothing', async () => {
    expect(types(await run<Page>(t, ADMIN_KEY, ACTIVITIES, {}))).toHaveLength(6);
    expect(types(await run<Page>(t, ADMIN_KEY, ACTIVITIES, { filter: { workspaceId: globex.id } }))).toEqual([
      'NEW_LEAD',
    ]);
    expect(types(await run<Page>(t, acme.key, ACTIVITIES, { filter: { workspaceId: globex.id } }))).toEqual(
      [],
    );
  });

  it.each([
    ['types', () => ({ types: ['CHANGE_SCORE', 'NEW_LEAD'] }), ['NEW_LEAD', 'NEW_LEAD', 'CHANGE_SCORE']],
    ['qualified true', () => ({ qualified: true }), ['EXECUTE_CAMPAIGN']],
    ['qualified false', () => ({ qualified: false }), ['EXECUTE_CAMPAIGN']],
    ['qualified with types that exclude it', () => ({ qualified: true, types: ['NEW_LEAD'] }), []],
    ['leadId', () => ({ leadId: grace }), ['NEW_LEAD', 'EXECUTE_CAMPAIGN']],
    ['campaignId', () => ({ campaignId: child }), ['CHANGE_SCORE']],
    [
      'runId',
      () => ({ runId: encodeGlobalID('CampaignRun', runId) }),
      ['EXECUTE_CAMPAIGN', 'CHANGE_SCORE', 'EXECUTE_CAMPAIGN'],
    ],
  ])('filters by %s', async (_case, filter, expected) => {
    expect(types(await run<Page>(t, acme.key, ACTIVITIES, { filter: filter() }))).toEqual(expected);
  });

  it('pages after the last id seen, missing nothing and repeating nothing', async () => {
    const all = (await run<Page>(t, acme.key, ACTIVITIES, {})).activities.edges.map((edge) => edge.node.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await run<Page>(t, acme.key, ACTIVITIES, { first: 2, after });
      seen.push(...page.activities.edges.map((edge) => edge.node.id));
      if (!page.activities.pageInfo.hasNextPage) break;
      after = page.activities.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('refuses a malformed filter id as NOT_FOUND and a malformed cursor as BAD_USER_INPUT', async () => {
    expect(errorCodes(await t.graphql(ACTIVITIES, { filter: { leadId: 'nope' } }, acme.key))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await t.graphql(ACTIVITIES, { after: 'x1' }, acme.key))).toEqual(['BAD_USER_INPUT']);
  });

  it('hangs the same log from leads, campaigns and runs', async () => {
    const result = await run<{
      lead: { activities: { edges: unknown[] } };
      campaign: { activities: { edges: unknown[] }; runs: { edges: { node: { id: string } }[] } };
      campaignRun: {
        kind: string;
        status: string;
        tokens: { name: string; value: string; definedBy: { id: string } }[];
        activities: { edges: unknown[] };
      };
    }>(
      t,
      acme.key,
      `query ($lead: ID!, $campaign: ID!, $run: ID!) {
        lead(id: $lead) { activities { edges { cursor } } }
        campaign(id: $campaign) { activities { edges { cursor } } runs { edges { node { id } } } }
        campaignRun(id: $run) { kind status tokens { name value definedBy { id } } activities { edges { cursor } } }
      }`,
      { lead: ada, campaign: parent, run: encodeGlobalID('CampaignRun', runId) },
    );
    expect(result.lead.activities.edges).toHaveLength(3);
    expect(result.campaign.activities.edges).toHaveLength(2);
    expect(result.campaign.runs.edges).toEqual([{ node: { id: encodeGlobalID('CampaignRun', runId) } }]);
    expect(result.campaignRun).toMatchObject({
      kind: 'BATCH',
      status: 'COMPLETED',
      tokens: [{ name: 'my.score', value: '+5', definedBy: { id: encodeGlobalID('CampaignRun', runId) } }],
    });
    expect(result.campaignRun.activities.edges).toHaveLength(3);
    const hidden = await t.graphql(
      'query ($run: ID!) { campaignRun(id: $run) { id } }',
      { run: encodeGlobalID('CampaignRun', runId) },
      globex.key,
    );
    expect(hidden.data).toEqual({ campaignRun: null });
  });
});

describe('history keeps its references', () => {
  it('a connection’s parent narrows its filter: a lead’s log never shows another lead’s activities', async () => {
    const result = await run<{ lead: { activities: { edges: unknown[] } } }>(
      t,
      acme.key,
      'query ($lead: ID!, $other: ID!) { lead(id: $lead) { activities(filter: { leadId: $other }) { edges { cursor } } } }',
      { lead: ada, other: grace },
    );
    expect(result.lead.activities.edges).toEqual([]);
  });

  it('runs, activities and its id still show a campaign after it is deleted, marked so', async () => {
    await run(t, acme.key, 'mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: parent });
    const result = await run<{
      campaign: { name: string; deletedAt: string | null };
      campaignRun: { campaign: { name: string; deletedAt: string | null } };
      activities: { edges: { node: { campaign: { name: string } | null } }[] };
    }>(
      t,
      acme.key,
      `query ($campaign: ID!, $run: ID!) {
        campaign(id: $campaign) { name deletedAt }
        campaignRun(id: $run) { campaign { name deletedAt } }
        activities(filter: { runId: $run }) { edges { node { campaign { name } ... on ExecuteCampaignActivity { executedCampaign { name } } } } }
      }`,
      { campaign: parent, run: encodeGlobalID('CampaignRun', runId) },
    );
    expect(result.campaign).toEqual({ name: 'Parent', deletedAt: expect.any(String) });
    expect(result.campaignRun.campaign).toEqual(result.campaign);
    expect(result.activities.edges.map((edge) => edge.node.campaign?.name)).toEqual([
      'Parent',
      'Child',
      'Parent',
    ]);
  });
});

describe('when an activity happened', () => {
  it('is sent in UTC to the millisecond, as every DateTime is, whatever the instant was stored with', async () => {
    const em = t.orm.em.fork();
    const activity = em.create(Activity, {
      workspace: dbId(acme.id),
      lead: dbId(grace),
      type: 'INTERESTING_MOMENT',
      primaryAttributeValue: 'Web',
      attributes: { kind: 'Web', description: 'visited' },
      occurredAt: new Date(),
    });
    await em.flush();
    // Microseconds and another zone's offset, as a row written by the database's now() may hold.
    await em
      .getConnection()
      .execute("update activity set occurred_at = '2026-03-04 05:06:07.891999+09' where id = ?", [
        activity.id,
      ]);
    const page = await run<{ activities: { edges: { node: { id: string; occurredAt: string } }[] } }>(
      t,
      acme.key,
      'query ($lead: ID!) { activities(filter: { leadId: $lead }, last: 1) { edges { node { id occurredAt } } } }',
      { lead: grace },
    );
    expect(page.activities.edges.map((edge) => edge.node)).toEqual([
      { id: activity.id, occurredAt: '2026-03-03T20:06:07.891Z' },
    ]);
    // The same in a session of another time zone (a database's default may be any).
    const printed = await t.orm.em.fork().transactional(async (tx) => {
      await tx
        .getConnection()
        .execute("set local time zone 'Asia/Tokyo'", [], 'run', tx.getTransactionContext());
      return readActivityPage(tx, [{ workspaceIds: null, leadId: dbId(grace) }], { order: 'desc', limit: 1 });
    });
    expect(printed.events.map((event) => event.occurredAt)).toEqual(['2026-03-03T20:06:07.891Z']);
  });
});
