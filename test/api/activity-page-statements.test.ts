import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { Program } from '../../src/db/entities/program.entity.js';
import { StaticList } from '../../src/db/entities/static-list.entity.js';
import type { GraphQLContext } from '../../src/schema/context.js';
import { objectsInHand } from '../../src/schema/loading.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { dataOf, run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  await run(
    t,
    acme.key,
    'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "City", type: STRING) { name } }',
    {
      ws: acme.id,
    },
  );
});
afterAll(() => t.close());

describe('a page of typed activities', () => {
  const PAGE = `query ($filter: ActivityFilter, $first: Int) {
    activities(filter: $filter, first: $first) { edges { node {
      lead { email } campaign { name }
      ... on RequestCampaignActivity { requestedCampaign { name } }
      ... on RemoveFromFlowActivity { campaigns { name } }
      ... on AddToListActivity { list { name } }
      ... on ChangeProgramStatusActivity { program { name } }
    } } }
  }`;

  type Page = { activities: { edges: { node: { list?: { name: string } } }[] } };
  let lastPage: Page;

  /** Statements sent to PostgreSQL while reading `first` activities of the lead (kept in lastPage). */
  async function statementsFor(leadId: string, first: number): Promise<number> {
    const { result, statements } = await countingStatements(() =>
      run<Page>(t, acme.key, PAGE, { filter: { leadId }, first }),
    );
    expect(result.activities.edges).toHaveLength(first);
    lastPage = result;
    return statements;
  }

  it('loads its leads, campaigns, lists and programs in a fixed number of statements, whatever its size', async () => {
    const [bulk] = (await upsertLeads(t, acme, [{ email: 'bulk@example.com' }])) as [string];
    const em = t.orm.em.fork();
    const workspace = databaseIdOf(acme.id);
    // Each row names objects of its own, so that a load per row could not be served from a cache.
    for (let index = 0; index < 25; index += 1) {
      const program = em.create(Program, { workspace, name: `Bulk ${index}`, statuses: ['Member'] });
      const list = em.create(StaticList, { workspace, name: `Bulk ${index}` });
      const [requested, removed] = ['Requested', 'Removed'].map((name) =>
        em.create(Campaign, {
          workspace,
          program,
          name: `${name} ${index}`,
          smartList: { rule: 'ALL', filters: [], triggers: [] },
          flow: [],
          qualificationRule: { kind: 'EVERY_TIME' },
        }),
      ) as [Campaign, Campaign];
      await em.flush();
      const rows: Pick<Activity, 'type' | 'attributes'>[] = [
        { type: 'REQUEST_CAMPAIGN', attributes: { requestedCampaignId: requested.id } },
        { type: 'REMOVE_FROM_FLOW', attributes: { campaignIds: [removed.id], stoppedCampaignIds: [] } },
        { type: 'ADD_TO_LIST', attributes: { listId: list.id } },
        {
          type: 'CHANGE_PROGRAM_STATUS',
          attributes: { programId: program.id, oldStatus: null, newStatus: 'Member' },
        },
      ];
      for (const row of rows)
        em.create(Activity, {
          workspace,
          lead: databaseIdOf(bulk),
          campaign: requested,
          occurredAt: new Date(),
          ...row,
        });
    }
    await em.flush();
    // The first read after the inserts reads the workspace's changed snapshot too.
    await statementsFor(bulk, 1);
    const forEight = await statementsFor(bulk, 8);
    const forHundred = await statementsFor(bulk, 100);
    // One statement: the page, its leads and its workspace's graph version (its campaigns,
    // programs and lists come from the snapshot kept at that version).
    expect([forEight, forHundred]).toEqual([1, 1]);
    const lists = lastPage.activities.edges.flatMap(({ node }) => (node.list ? [node.list.name] : []));
    expect(lists).toEqual(Array.from({ length: 25 }, (_, index) => `Bulk ${index}`));
  });
});

describe('what a page reads along with its rows', () => {
  const NEWEST = `query ($filter: ActivityFilter) {
    activities(filter: $filter, last: 1) { edges { node { lead { fields } campaign { name } } } }
  }`;
  type Newest = {
    activities: {
      edges: { node: { lead: { fields: { City: string } }; campaign: { name: string } | null } }[];
    };
  };

  /** A campaign of Acme and an activity of the lead that names it, the lead's newest. */
  async function activityNamingCampaign(leadId: string): Promise<string> {
    const em = t.orm.em.fork();
    const workspace = databaseIdOf(acme.id);
    const program = em.create(Program, { workspace, name: `Of ${leadId}`, statuses: ['Member'] });
    const campaign = em.create(Campaign, {
      workspace,
      program,
      name: 'Before',
      smartList: { rule: 'ALL', filters: [], triggers: [] },
      flow: [],
      qualificationRule: { kind: 'EVERY_TIME' },
    });
    await em.flush();
    em.create(Activity, {
      workspace,
      lead: databaseIdOf(leadId),
      campaign,
      occurredAt: new Date(),
      type: 'REQUEST_CAMPAIGN',
      attributes: { requestedCampaignId: campaign.id },
    });
    await em.flush();
    return globalIdOf('Campaign', campaign.id);
  }

  it('shows a lead as a mutation earlier in the same request left it', async () => {
    await upsertLeads(t, acme, [{ email: 'moving@example.com', fields: { City: 'Paris' } }]);
    const PAGE_AFTER_UPSERT = (alias: string, city: string) => `
      ${alias}: upsertLeads(workspaceId: $ws, leads: [{ email: "moving@example.com", fields: { City: "${city}" } }]) {
        activities(last: 1) { edges { node { lead { fields } } } }
      }`;
    type Upserted = { activities: { edges: { node: { lead: { fields: { City: string } } } }[] } }[];
    const result = await run<{ lyon: Upserted; nice: Upserted }>(
      t,
      acme.key,
      `mutation ($ws: ID!) { ${PAGE_AFTER_UPSERT('lyon', 'Lyon')} ${PAGE_AFTER_UPSERT('nice', 'Nice')} }`,
      { ws: acme.id },
    );
    const cityOf = (upserted: Upserted) => upserted[0]?.activities.edges[0]?.node.lead.fields.City;
    expect([cityOf(result.lyon), cityOf(result.nice)]).toEqual(['Lyon', 'Nice']);
  });

  it('shows the lead and the campaign as changed since the last page', async () => {
    const [leadId] = (await upsertLeads(t, acme, [
      { email: 'renamed@example.com', fields: { City: 'Oslo' } },
    ])) as [string];
    const campaignId = await activityNamingCampaign(leadId);
    const newest = async () =>
      (await run<Newest>(t, acme.key, NEWEST, { filter: { leadId } })).activities.edges.map(({ node }) => ({
        city: node.lead.fields.City,
        campaign: node.campaign?.name,
      }));
    expect(await newest()).toEqual([{ city: 'Oslo', campaign: 'Before' }]);
    await upsertLeads(t, acme, [{ email: 'renamed@example.com', fields: { City: 'Bergen' } }]);
    await run(
      t,
      acme.key,
      'mutation ($id: ID!) { updateCampaign(id: $id, input: { name: "After" }) { name } }',
      {
        id: campaignId,
      },
    );
    // The upsert wrote a newer activity, which names no campaign: the page is read up to the renamed one.
    const { activities } = await run<Newest>(
      t,
      acme.key,
      `query ($filter: ActivityFilter) {
        activities(filter: $filter, last: 2) { edges { node { lead { fields } campaign { name } } } }
      }`,
      { filter: { leadId } },
    );
    expect(activities.edges.map(({ node }) => [node.lead.fields.City, node.campaign?.name ?? null])).toEqual([
      ['Bergen', 'After'],
      ['Bergen', null],
    ]);
  });

  it('shows another workspace’s key neither the lead nor the campaigns of a page it asks for', async () => {
    const [leadId] = (await upsertLeads(t, acme, [{ email: 'private@example.com' }])) as [string];
    await activityNamingCampaign(leadId);
    const result = await t.graphql<Newest & { node: unknown }>(
      `query ($filter: ActivityFilter, $leadId: ID!) {
        activities(filter: $filter, last: 5) { edges { node { lead { fields } campaign { name } } } }
        node(id: $leadId) { id }
      }`,
      { filter: { leadId }, leadId },
      globex.key,
    );
    expect(dataOf(result)).toEqual({ activities: { edges: [] }, node: null });
    const asAcme = await run<Newest>(t, acme.key, NEWEST, { filter: { leadId } });
    expect(asAcme.activities.edges).toHaveLength(1);
  });

  it('holds only the records of workspaces the viewer may see, in the request and in its loader', () => {
    const primed: string[] = [];
    const loader = {
      loadMany: async () => [],
      prime: (id: string) => primed.push(id),
    };
    const inHand = objectsInHand<{ id: string; workspace: { id: string } }>(() => loader);
    const context = { viewer: { kind: 'workspace', workspaceId: '1' } } as unknown as GraphQLContext;
    inHand.hold(context, [
      { id: '10', workspace: { id: '1' } },
      { id: '20', workspace: { id: '2' } },
    ]);
    expect([inHand.get(context, '10')?.id, inHand.get(context, '20')]).toEqual(['10', undefined]);
    expect(primed).toEqual(['10']);
  });
});
