import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { Program } from '../../src/db/entities/program.entity.js';
import { StaticList } from '../../src/db/entities/static-list.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';

let t: TestApp;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
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
    // The page; the workspace's graph version (its campaigns, programs and lists come from its snapshot); the leads.
    expect([forEight, forHundred]).toEqual([3, 3]);
    const lists = lastPage.activities.edges.flatMap(({ node }) => (node.list ? [node.list.name] : []));
    expect(lists).toEqual(Array.from({ length: 25 }, (_, index) => `Bulk ${index}`));
  });
});
