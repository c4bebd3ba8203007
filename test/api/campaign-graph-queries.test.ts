import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign, type StoredFlowStep } from '../../src/db/entities/campaign.entity.js';
import { Program } from '../../src/db/entities/program.entity.js';
import { SmartList } from '../../src/db/entities/smart-list.entity.js';
import { StaticList } from '../../src/db/entities/static-list.entity.js';
import { Workspace } from '../../src/db/entities/workspace.entity.js';
import { ormConfig } from '../../src/db/mikro-orm.config.js';
import { buildApp } from '../../src/server/app.js';
import { ADMIN_KEY } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** SQL statements the ORM sent, counted through its query logger. */
let statements = 0;
let database: TestDatabase;
let orm: MikroORM;
let app: ReturnType<typeof buildApp>;
let workspaceId: string;

async function graphql<T>(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: T; errors?: unknown[] };
}

/** A workspace with `count` batch campaigns, each executing an executable child, in programs of 5. */
async function seed(count: number) {
  const em = orm.em.fork();
  const workspace = em.create(Workspace, { name: `W${count}` });
  const list = em.create(StaticList, { workspace, name: 'List' });
  const asset = em.create(SmartList, {
    workspace,
    name: 'Asset',
    definition: { rule: 'ALL', filters: [], triggers: [] },
  });
  await em.flush();
  for (let index = 0; index < count; index += 1) {
    const program =
      index % 5 === 0
        ? em.create(Program, { workspace, name: `P${index}`, statuses: ['Member'] })
        : (await em.find(Program, { workspace }, { orderBy: { id: 'desc' }, limit: 1 }))[0];
    const child = em.create(Campaign, {
      workspace,
      program: program as Program,
      name: `Child ${index}`,
      isExecutable: true,
      smartList: {
        rule: 'ALL',
        filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: asset.id }],
        triggers: [],
      },
      flow: [],
      qualificationRule: { kind: 'EVERY_TIME' },
    });
    await em.flush();
    const flow: StoredFlowStep[] = [
      {
        id: `s${index}a`,
        action: { type: 'executeCampaign', campaignId: child.id, useParentTokenContext: true },
        choices: [],
      },
      {
        id: `s${index}b`,
        action: { type: 'addToList', listId: list.id },
        choices: [{ when: { kind: 'MEMBER_OF_LIST', staticListId: list.id }, action: null }],
      },
    ];
    em.create(Campaign, {
      workspace,
      program: program as Program,
      name: `Parent ${index}`,
      smartList: { rule: 'ALL', filters: [{ kind: 'MEMBER_OF_LIST', staticListId: list.id }], triggers: [] },
      flow,
      qualificationRule: { kind: 'ONCE' },
    });
    await em.flush();
  }
  return workspace.id;
}

const CAMPAIGNS = `query ($id: ID!, $type: CampaignType) {
  node(id: $id) {
    ... on Workspace {
      campaigns(first: 100, type: $type) {
        edges { node {
          name type status
          program { name folder { name } statuses }
          smartList { rule filters { kind staticList { name } smartList { name } } }
          flow { position action { __typename ... on ExecuteCampaign { campaign { name } useParentTokenContext } ... on AddToList { list { name } } }
                 choices { when { staticList { name } } } }
          executes { name }
          executedBy { name }
        } }
      }
    }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await MikroORM.init({
    ...ormConfig(database.url),
    debug: ['query'],
    logger: () => {
      statements += 1;
    },
  });
  app = buildApp({ orm, log: pino({ level: 'silent' }), adminApiKey: ADMIN_KEY, host: '127.0.0.1', port: 0 });
  await seed(5);
  workspaceId = await seed(50);
});
afterAll(async () => {
  await app.stop();
  await orm.close();
  await database.drop();
});

describe('campaign graph queries', () => {
  it('loads 50 campaigns with their programs, folders, smart lists, flows and graph edges in a bounded number of statements', async () => {
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    const id = encodeGlobalID('Workspace', workspaceId);

    statements = 0;
    const small = await graphql<unknown>(CAMPAIGNS.replace('first: 100', 'first: 4'), { id });
    const forFew = statements;
    statements = 0;
    const large = await graphql<{ node: { campaigns: { edges: { node: Record<string, unknown> }[] } } }>(
      CAMPAIGNS,
      { id },
    );
    const forMany = statements;

    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.node.campaigns.edges).toHaveLength(100);
    const parent = large.data.node.campaigns.edges.find((edge) => edge.node.name === 'Parent 7')?.node;
    expect(parent).toMatchObject({
      type: 'BATCH',
      executes: [{ name: 'Child 7' }],
      executedBy: [],
      flow: [
        {
          position: 1,
          action: {
            __typename: 'ExecuteCampaign',
            campaign: { name: 'Child 7' },
            useParentTokenContext: true,
          },
        },
        {
          position: 2,
          action: { __typename: 'AddToList', list: { name: 'List' } },
          choices: [{ when: { staticList: { name: 'List' } } }],
        },
      ],
    });
    const child = large.data.node.campaigns.edges.find((edge) => edge.node.name === 'Child 7')?.node;
    expect(child).toMatchObject({ type: 'EXECUTABLE', executedBy: [{ name: 'Parent 7' }] });

    expect(forMany, `${forMany} statements`).toBeLessThanOrEqual(10);
    expect(forMany).toBe(forFew);
  });

  it('filters by derived type and pages with a cursor', async () => {
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    const id = encodeGlobalID('Workspace', workspaceId);
    const executables = await graphql<{ node: { campaigns: { edges: { node: { type: string } }[] } } }>(
      'query ($id: ID!) { node(id: $id) { ... on Workspace { campaigns(type: EXECUTABLE, first: 100) { edges { node { type } } } } } }',
      { id },
    );
    expect(executables.data.node.campaigns.edges).toHaveLength(50);
    expect(new Set(executables.data.node.campaigns.edges.map((edge) => edge.node.type))).toEqual(
      new Set(['EXECUTABLE']),
    );

    const page = `query ($id: ID!, $after: String) { node(id: $id) { ... on Workspace {
      campaigns(first: 30, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      node: {
        campaigns: {
          edges: { node: { name: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const names: string[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await graphql<Page>(page, { id, after });
      names.push(...result.data.node.campaigns.edges.map((edge) => edge.node.name));
      if (!result.data.node.campaigns.pageInfo.hasNextPage) break;
      after = result.data.node.campaigns.pageInfo.endCursor;
    }
    expect(names).toHaveLength(100);
    expect(new Set(names).size).toBe(100);
  });

  it('refuses a page size over 100 as BAD_USER_INPUT', async () => {
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    const result = await graphql<unknown>(
      'query ($id: ID!) { node(id: $id) { ... on Workspace { campaigns(first: 101) { edges { cursor } } } } }',
      { id: encodeGlobalID('Workspace', workspaceId) },
    );
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
  });
});
