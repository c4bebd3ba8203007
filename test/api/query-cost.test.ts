import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign, type StoredFlowStep } from '../../src/db/entities/campaign.entity.js';
import { MyToken } from '../../src/db/entities/my-token.entity.js';
import { Program } from '../../src/db/entities/program.entity.js';
import { StaticList } from '../../src/db/entities/static-list.entity.js';
import { Workspace } from '../../src/db/entities/workspace.entity.js';
import { PAGE_READ_COST, QUERY_LIMITS } from '../../src/schema/cost.js';
import { MAX_PAGE_SIZE } from '../../src/schema/paging.js';
import { ADMIN_KEY, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/app.js';
import { dataOf, errorCodes } from '../helpers/graphql.js';

const ACTION = `__typename
  ... on ChangeScore { scoreName change }
  ... on ChangeDataValue { attribute value }
  ... on ChangeProgramStatus { program { id name } status }
  ... on AddToList { list { id name } }
  ... on RemoveFromList { list { id name } }
  ... on ExecuteCampaign { campaign { id name } useParentTokenContext }
  ... on RequestCampaign { campaign { id name } }
  ... on RemoveFromFlow { campaigns { id name } }
  ... on InterestingMoment { kind description }
  ... on Wait { seconds }
  ... on Webhook { method url body }`;
const FILTER =
  'position kind attribute operator values status program { id name } staticList { id name } smartList { id name }';

/** A workspace's whole campaign graph in one query: every campaign's definition, names included. */
const CAMPAIGN_GRAPH = `query ($id: ID!) { workspace(id: $id) { id name
  folders { id name parent { id } tokens { name type value } }
  programs { id name statuses folder { id } tokens { name type value } }
  campaigns(first: 100) {
    edges { node { id name type status isExecutable
      program { id name }
      qualificationRule { kind every unit }
      smartList { rule advancedLogic isValid filters { ${FILTER} } triggers { kind attribute source staticList { id name } } }
      flow { id position action { ${ACTION} } choices { when { ${FILTER} } action { ${ACTION} } } }
      executes { id name } executedBy { id name }
    } }
    pageInfo { hasNextPage endCursor }
  } } }`;

/** Connections nested three deep, `first` at each level. */
const nestedConnections = (first: number) => `query ($id: ID!) { workspace(id: $id) {
  campaigns(first: ${first}) { edges { node { runs(first: ${first}) { edges { node {
    activities(first: ${first}) { edges { node { id type } } } } } } } } } } }`;

/** Aliases of one connection of connections: each alias reads a page of runs per campaign. */
const ALIASED_CONNECTIONS = `query ($id: ID!) { workspace(id: $id) { ${Array.from(
  { length: 20 },
  (_, index) =>
    `a${index}: campaigns(first: 100) { edges { node { runs(first: 100) { edges { node { id } } } } } }`,
).join(' ')} } }`;

/** Aliases of a page of campaigns with their results: each campaign's results are an aggregate of their own. */
const campaignResultsPages = (aliases: number) =>
  `query ($id: ID!) { workspace(id: $id) { ${Array.from(
    { length: aliases },
    (_, index) => `a${index}: campaigns(first: 100) { edges { node { results { __typename } } } }`,
  ).join(' ')} } }`;

let t: TestApp;
let workspaceId: string;

/** 100 campaigns in 5 programs with tokens: each has a trigger smart list and a flow whose choices refer to others. */
async function seed(): Promise<string> {
  const em = t.orm.em.fork();
  const workspace = em.create(Workspace, { name: 'Graph' });
  const list = em.create(StaticList, { workspace, name: 'VIPs' });
  const programs = Array.from({ length: 5 }, (_, index) =>
    em.create(Program, { workspace, name: `P${index}`, statuses: ['Member', 'Engaged'] }),
  );
  for (const program of programs) {
    em.create(MyToken, { workspace, program, name: 'my.score', type: 'SCORE', value: '+5' });
  }
  await em.flush();
  const campaigns: Campaign[] = [];
  for (let index = 0; index < 100; index += 1) {
    const previous = campaigns.at(-1);
    const flow: StoredFlowStep[] = [
      {
        id: `${index}a`,
        action: { type: 'changeScore', scoreName: 'score', change: '{{my.score}}' },
        choices: [
          {
            when: { kind: 'MEMBER_OF_LIST', staticListId: list.id },
            action: previous ? { type: 'requestCampaign', campaignId: previous.id } : null,
          },
          {
            when: { kind: 'ATTRIBUTE', attribute: 'country', operator: 'IS', values: ['FR'] },
            action: previous ? { type: 'removeFromFlow', campaignIds: [previous.id] } : null,
          },
        ],
      },
      { id: `${index}b`, action: { type: 'addToList', listId: list.id }, choices: [] },
    ];
    const campaign = em.create(Campaign, {
      workspace,
      program: programs[index % 5] as Program,
      name: `Campaign ${index}`,
      isExecutable: false,
      smartList: {
        rule: 'ALL',
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'CONTAINS', values: ['@'] }],
        triggers: [{ kind: 'ADDED_TO_LIST', attribute: null, source: null, staticListId: list.id }],
      },
      flow,
      qualificationRule: { kind: 'EVERY_TIME' },
    });
    await em.flush();
    campaigns.push(campaign);
  }
  return encodeGlobalID('Workspace', workspace.id);
}

/** The cost a complexity refusal states, after checking its code and that it names the limit. */
function refusedCost(response: GraphQLResponse<{ workspace: unknown }>): number {
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.data?.workspace ?? null).toBeNull();
  const match = /^Query complexity (\d+) exceeds the limit of (\d+)$/.exec(
    response.errors?.[0]?.message ?? '',
  );
  expect(match, response.errors?.[0]?.message).not.toBeNull();
  expect(Number(match?.[2])).toBe(QUERY_LIMITS.complexity);
  return Number(match?.[1]);
}

beforeAll(async () => {
  t = await startTestApp();
  workspaceId = await seed();
});
afterAll(() => t.close());

describe('query cost', () => {
  it('the whole campaign graph of a 100-campaign workspace passes in one query', async () => {
    type Graph = {
      workspace: {
        programs: { tokens: { name: string }[] }[];
        campaigns: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean } };
      };
    };
    const { workspace } = dataOf(await t.graphql<Graph>(CAMPAIGN_GRAPH, { id: workspaceId }, ADMIN_KEY));
    const { programs, campaigns } = workspace;
    expect(programs.map((program) => program.tokens)).toEqual(
      Array(5).fill([{ name: 'my.score', type: 'SCORE', value: '+5' }]),
    );
    expect(campaigns.edges).toHaveLength(100);
    expect(campaigns.pageInfo.hasNextPage).toBe(false);
    expect(campaigns.edges.find((edge) => edge.node.name === 'Campaign 7')?.node).toMatchObject({
      type: 'TRIGGER',
      smartList: {
        filters: [{ position: 1, attribute: 'email' }],
        triggers: [{ kind: 'ADDED_TO_LIST', staticList: { name: 'VIPs' } }],
      },
      flow: [
        {
          position: 1,
          action: { __typename: 'ChangeScore', change: '{{my.score}}' },
          choices: [
            {
              when: { kind: 'MEMBER_OF_LIST', staticList: { name: 'VIPs' } },
              action: { __typename: 'RequestCampaign', campaign: { name: 'Campaign 6' } },
            },
            {
              when: { attribute: 'country', values: ['FR'] },
              action: { __typename: 'RemoveFromFlow', campaigns: [{ name: 'Campaign 6' }] },
            },
          ],
        },
        { position: 2, action: { __typename: 'AddToList', list: { name: 'VIPs' } }, choices: [] },
      ],
    });
  });

  it('prices a connection by its page size: nested connections pass with first: 2 and are refused with first: 100', async () => {
    const small = await t.graphql<{ workspace: unknown }>(
      nestedConnections(2),
      { id: workspaceId },
      ADMIN_KEY,
    );
    expect(small.errors).toBeUndefined();
    const large = await t.graphql<{ workspace: unknown }>(
      nestedConnections(MAX_PAGE_SIZE),
      { id: workspaceId },
      ADMIN_KEY,
    );
    expect(refusedCost(large)).toBeGreaterThan(5 * QUERY_LIMITS.complexity);
  });

  it('prices one document anew for each page size its variables ask for, in any order', async () => {
    const document = `query ($id: ID!, $first: Int) { workspace(id: $id) {
      campaigns(first: $first) { edges { node { runs(first: $first) { edges { node {
        activities(first: $first) { edges { node { id type } } } } } } } } } } }`;
    const send = (first: number) =>
      t.graphql<{ workspace: unknown }>(document, { id: workspaceId, first }, ADMIN_KEY);
    for (const first of [2, MAX_PAGE_SIZE, 2, MAX_PAGE_SIZE, 3]) {
      const response = await send(first);
      if (first === MAX_PAGE_SIZE) expect(refusedCost(response)).toBeGreaterThan(5 * QUERY_LIMITS.complexity);
      else expect(response.errors).toBeUndefined();
    }
  });

  it('refuses many aliases of a connection of connections', async () => {
    const response = await t.graphql<{ workspace: unknown }>(
      ALIASED_CONNECTIONS,
      { id: workspaceId },
      ADMIN_KEY,
    );
    expect(refusedCost(response)).toBeGreaterThan(QUERY_LIMITS.complexity);
    const one = ALIASED_CONNECTIONS.replace(/ a[1-9]\d*: .*(?= \} \}$)/, '');
    expect((await t.graphql(one, { id: workspaceId }, ADMIN_KEY)).errors).toBeUndefined();
  });

  it('prices a campaign’s results like a page read', async () => {
    const many = await t.graphql<{ workspace: unknown }>(
      campaignResultsPages(16),
      { id: workspaceId },
      ADMIN_KEY,
    );
    expect(refusedCost(many)).toBeGreaterThan(16 * 100 * PAGE_READ_COST);
    const one = await t.graphql(campaignResultsPages(1), { id: workspaceId }, ADMIN_KEY);
    expect(one.errors).toBeUndefined();
  });

  it('refuses a page size over the maximum, naming it', async () => {
    const response = await t.graphql(
      `query ($id: ID!) { workspace(id: $id) { campaigns(first: ${MAX_PAGE_SIZE + 1}) { edges { node { name } } } } }`,
      { id: workspaceId },
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`first must be from 0 to ${MAX_PAGE_SIZE}`);
  });
});
