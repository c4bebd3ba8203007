import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatestActivitiesDocument } from '../../src/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { executeScenario, scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { createCampaign, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

/** Backward paging (last/before) on every connection of the schema: semantics P1–P4 in docs/semantics.md. */

interface Page {
  edges: { cursor: string }[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasPreviousPage: boolean;
    hasNextPage: boolean;
  };
}

interface PageVariables {
  first?: number;
  last?: number;
  after?: string;
  before?: string;
}

const VARS = '$first: Int, $last: Int, $after: String, $before: String';
const ARGS = 'first: $first, last: $last, after: $after, before: $before';
const PAGE = 'edges { cursor } pageInfo { startCursor endCursor hasPreviousPage hasNextPage }';

/** A connection of the schema: how to ask for one page of it. */
interface Connection {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  page: (data: Record<string, unknown>) => Page;
}

let t: TestApp;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let acme: WorkspaceWithKey;
let scenario: Awaited<ReturnType<typeof executeScenario>>;
let runIds: string[];

const onNode = (type: string, field: string): Omit<Connection, 'name' | 'variables'> => ({
  query: `query ($id: ID!, ${VARS}) { node(id: $id) { ... on ${type} { connection: ${field}(${ARGS}) { ${PAGE} } } } }`,
  page: (data) => (data.node as { connection: Page }).connection,
});

const queryActivities = (name: string, filter: () => Record<string, unknown>): Connection => ({
  name,
  query: `query ($filter: ActivityFilter, ${VARS}) { connection: activities(filter: $filter, ${ARGS}) { ${PAGE} } }`,
  variables: () => ({ filter: filter() }),
  page: (data) => data.connection as Page,
});

const CONNECTIONS: Connection[] = [
  queryActivities('Query.activities', () => ({})),
  queryActivities('Query.activities of one type', () => ({ types: ['EXECUTE_CAMPAIGN'] })),
  queryActivities('Query.activities of one campaign', () => ({ campaignId: scenario.child })),
  {
    name: 'Lead.activities',
    ...onNode('Lead', 'activities'),
    variables: () => ({ id: scenario.leadIds[0] }),
  },
  {
    name: 'Campaign.activities',
    ...onNode('Campaign', 'activities'),
    variables: () => ({ id: scenario.parent }),
  },
  {
    name: 'CampaignRun.activities',
    ...onNode('CampaignRun', 'activities'),
    variables: () => ({ id: runIds[0] }),
  },
  { name: 'Campaign.runs', ...onNode('Campaign', 'runs'), variables: () => ({ id: scenario.parent }) },
  { name: 'Workspace.leads', ...onNode('Workspace', 'leads'), variables: () => ({ id: acme.id }) },
  { name: 'Workspace.campaigns', ...onNode('Workspace', 'campaigns'), variables: () => ({ id: acme.id }) },
];

const ask = (connection: Connection, page: PageVariables) =>
  t.graphql(connection.query, { ...connection.variables(), ...page }, acme.key);

async function pageOf(connection: Connection, page: PageVariables): Promise<Page> {
  return connection.page(await run(t, acme.key, connection.query, { ...connection.variables(), ...page }));
}

const cursors = (page: Page) => page.edges.map((edge) => edge.cursor);

/** The whole list, read forward as clients did before backward paging. */
async function forwardAll(connection: Connection): Promise<string[]> {
  const all: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await pageOf(connection, { first: 100, ...(after && { after }) });
    all.push(...cursors(page));
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor ?? undefined;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  scenario = await executeScenario(t, acme, 8);
  runIds = [];
  for (let index = 0; index < 7; index++) {
    const runId = await scheduleNow(t, acme.key, scenario.parent);
    await untilCompleted(t, acme.key, runId);
    runIds.push(runId);
  }
  for (const name of ['C', 'D', 'E', 'F', 'G']) {
    await createCampaign(t, acme, { programId: scenario.program, name, flow: [] });
  }
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

describe.each(CONNECTIONS)('$name', (connection) => {
  let all: string[];

  beforeAll(async () => {
    all = await forwardAll(connection);
  });

  it('holds more items than two pages of three', () => {
    expect(all.length).toBeGreaterThan(6);
  });

  it('last alone opens on the newest items, oldest first', async () => {
    const page = await pageOf(connection, { last: 3 });
    expect(cursors(page)).toEqual(all.slice(-3));
    expect(page.pageInfo).toEqual({
      startCursor: all.at(-3),
      endCursor: all.at(-1),
      hasPreviousPage: true,
      hasNextPage: false,
    });
  });

  it('before the start of that page gives the three before it', async () => {
    const page = await pageOf(connection, { last: 3, before: all.at(-3) });
    expect(cursors(page)).toEqual(all.slice(-6, -3));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: all.length > 6, hasNextPage: true });
  });

  it('walked backward to the start covers the list once, without gap or duplicate', async () => {
    const seen: string[] = [];
    let page = await pageOf(connection, { last: 3 });
    seen.unshift(...cursors(page));
    while (page.pageInfo.hasPreviousPage) {
      page = await pageOf(connection, { last: 3, before: page.pageInfo.startCursor ?? undefined });
      expect(page.pageInfo.hasNextPage).toBe(true);
      seen.unshift(...cursors(page));
    }
    expect(seen).toEqual(all);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
  });

  it('before without last gives the default page size of items just before the cursor', async () => {
    const page = await pageOf(connection, { before: all.at(-1) });
    expect(cursors(page)).toEqual(all.slice(-21, -1));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: all.length > 21, hasNextPage: true });
  });

  it('after and before give the items between them, from either end', async () => {
    const between = { after: all[1], before: all[5] };
    const page = await pageOf(connection, between);
    expect(cursors(page)).toEqual(all.slice(2, 5));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(cursors(await pageOf(connection, { ...between, first: 2 }))).toEqual(all.slice(2, 4));
    expect(cursors(await pageOf(connection, { ...between, last: 2 }))).toEqual(all.slice(3, 5));
  });

  it('says exactly whether items precede a forward page', async () => {
    expect((await pageOf(connection, { first: 3 })).pageInfo.hasPreviousPage).toBe(false);
    expect((await pageOf(connection, { first: 3, after: all[2] })).pageInfo.hasPreviousPage).toBe(true);
    const atTheEnd = await pageOf(connection, { first: 3, after: all.at(-1) });
    expect(atTheEnd.edges).toEqual([]);
    expect(atTheEnd.pageInfo).toEqual({
      startCursor: all.at(-1),
      endCursor: all.at(-1),
      hasPreviousPage: true,
      hasNextPage: false,
    });
  });

  it('last: 0 is an empty page at the end', async () => {
    const page = await pageOf(connection, { last: 0 });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it.each([
    [{ first: 3, last: 3 }],
    [{ last: -1 }],
    [{ last: 101 }],
    [{ last: 3, before: 'not-a-cursor' }],
    [{ last: 3, before: '9223372036854775807' }],
  ])('refuses %j with BAD_USER_INPUT', async (page) => {
    const response = await ask(connection, page);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('says why first and last are refused together', async () => {
    const response = await ask(connection, { first: 3, last: 3 });
    expect(response.errors?.[0]?.message).toMatch(/first and last may not be given together/);
  });
});

describe('filtered activities', () => {
  it('page backward through the filtered list, not the whole feed', async () => {
    const [everything, ofOneType, ofOneCampaign] = await Promise.all(
      CONNECTIONS.slice(0, 3).map((connection) => forwardAll(connection)),
    );
    expect(ofOneType?.slice(-3)).not.toEqual(everything?.slice(-3));
    expect(ofOneCampaign?.slice(-3)).not.toEqual(everything?.slice(-3));
  });
});

describe('the typed LatestActivities operation', () => {
  it('opens a feed on its newest page and walks back through the workspace with it', async () => {
    const filter = { workspaceId: acme.id };
    const all = await forwardAll(queryActivities('every activity of the workspace', () => filter));
    const seen: string[] = [];
    for (let before: string | null | undefined, more = true; more; ) {
      const { activities } = await run(t, acme.key, LatestActivitiesDocument, { filter, last: 40, before });
      seen.unshift(...activities.edges.map((edge) => edge.node.id));
      more = activities.pageInfo.hasPreviousPage;
      before = activities.pageInfo.startCursor;
    }
    expect(all.length).toBeGreaterThan(80);
    expect(seen).toEqual(all);
  });
});
