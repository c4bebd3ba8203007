import { readFileSync } from 'node:fs';
import { gql, InMemoryCache } from '@apollo/client';
import { addTypenameToDocument } from '@apollo/client/utilities';
import {
  buildSchema,
  type GraphQLOutputType,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
} from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { printSortedSchema } from '../../src/schema/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { executeScenario, scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { ACTIVITY_ROW, FEED, type FeedData, possibleTypes, typePolicies } from './apollo-set-up.js';

/**
 * The Apollo Client cache set-up of docs/client-codegen.md, proven on the printed schema: fragments on
 * interfaces match with the generated possible types, value objects without an id merge without
 * losing data or warning, and connections page both ways into one list.
 */

const schema = buildSchema(printSortedSchema());

let warnings: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  warnings = [];
});
function recordWarnings() {
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
      warnings.push(parts.map(String).join(' '));
    });
  }
}

const lead = { __typename: 'Lead', id: 'TGVhZDox', email: 'ada@example.com' };
const activity = {
  changeScore: {
    __typename: 'ChangeScoreActivity',
    id: 'a1',
    type: 'CHANGE_SCORE',
    occurredAt: '2026-01-01T00:00:01.000Z',
    lead,
    scoreName: 'score',
    newValue: 10,
  },
  execute: {
    __typename: 'ExecuteCampaignActivity',
    id: 'a2',
    type: 'EXECUTE_CAMPAIGN',
    occurredAt: '2026-01-01T00:00:02.000Z',
    lead,
    executedCampaign: { __typename: 'Campaign', id: 'Q2FtcGFpZ246Mg', name: 'Child' },
    qualified: true,
    depth: 1,
  },
  generic: {
    __typename: 'GenericActivity',
    id: 'a3',
    type: 'INTERESTING_MOMENT',
    occurredAt: '2026-01-01T00:00:03.000Z',
    lead,
  },
  newLead: {
    __typename: 'GenericActivity',
    id: 'a4',
    type: 'NEW_LEAD',
    occurredAt: '2026-01-01T00:00:04.000Z',
    lead,
  },
};

function page(nodes: { __typename: string; id: string }[], hasPreviousPage: boolean) {
  return {
    activities: {
      __typename: 'ActivityConnection',
      edges: nodes.map((node) => ({ __typename: 'ActivityEdge', cursor: `c-${node.id}`, node })),
      pageInfo: {
        __typename: 'PageInfo',
        startCursor: `c-${nodes[0]?.id}`,
        endCursor: `c-${nodes.at(-1)?.id}`,
        hasPreviousPage,
        hasNextPage: false,
      },
    },
  };
}

describe('Apollo Client InMemoryCache as docs/client-codegen.md sets it up', () => {
  it('the generated possible types list every interface and union of the printed schema', () => {
    const abstract = Object.values(schema.getTypeMap()).filter(
      (type) => isAbstractType(type) && !type.name.startsWith('__'),
    );
    expect(possibleTypes).toEqual(
      Object.fromEntries(
        abstract.map((type) => [
          type.name,
          isAbstractType(type) ? schema.getPossibleTypes(type).map((member) => member.name) : [],
        ]),
      ),
    );
  });

  it('is the code docs/client-codegen.md shows', () => {
    const region = (text: string) =>
      text
        .slice(text.indexOf('const VALUE_TYPES'), text.indexOf('\n};\n', text.indexOf('const typePolicies')))
        .replace(/\s+/g, ' ');
    const documented = region(readFileSync('docs/client-codegen.md', 'utf8'));
    expect(documented).toContain('relayStylePagination');
    expect(region(readFileSync('test/clients/apollo-set-up.ts', 'utf8'))).toBe(documented);
  });

  it('merges every object without an id that a field of the printed schema holds alone', () => {
    const idLess = new Set(
      Object.values(schema.getTypeMap())
        .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !type.getFields().id)
        .map((type) => type.name),
    );
    const singular = (type: GraphQLOutputType) => !isListType(isNonNullType(type) ? type.ofType : type);
    const heldSingly = new Set(
      Object.values(schema.getTypeMap())
        .flatMap((type) =>
          isObjectType(type) && !type.name.startsWith('__') ? Object.values(type.getFields()) : [],
        )
        .filter((field) => singular(field.type))
        .flatMap((field): string[] => {
          const named = getNamedType(field.type);
          return isAbstractType(named)
            ? schema.getPossibleTypes(named).map((type) => type.name)
            : [named.name];
        })
        .filter((name) => idLess.has(name) && !name.endsWith('Connection')),
    );
    const merged = Object.keys(typePolicies).filter((type) => typePolicies[type]?.merge === true);
    expect(merged.sort()).toEqual([...heldSingly].sort());
  });

  it('reads activities of several types back through one fragment on the Activity interface', () => {
    recordWarnings();
    const cache = new InMemoryCache({ possibleTypes, typePolicies });
    const data = page([activity.changeScore, activity.execute, activity.generic], false);
    cache.writeQuery({ query: FEED, variables: { last: 3 }, data });

    expect(cache.readQuery({ query: FEED, variables: { last: 3 } })).toEqual(data);
    expect(
      cache.readFragment({
        id: cache.identify(activity.execute),
        fragment: ACTIVITY_ROW,
        fragmentName: 'ActivityRow',
      }),
    ).toEqual(activity.execute);
    expect(cache.extract()['Campaign:Q2FtcGFpZ246Mg']).toEqual({
      __typename: 'Campaign',
      id: 'Q2FtcGFpZ246Mg',
      name: 'Child',
    });
    expect(warnings).toEqual([]);
  });

  it('without the possible types, the fields of the fragment on the interface are lost', () => {
    recordWarnings();
    const cache = new InMemoryCache();
    cache.writeQuery({ query: FEED, variables: { last: 1 }, data: page([activity.changeScore], false) });
    const feed = cache.readQuery<FeedData>({ query: FEED, variables: { last: 1 } });
    expect(feed?.activities.edges[0]?.node).toEqual({ __typename: 'ChangeScoreActivity' });
  });

  it('opens on the newest page, then prepends the older one read with before', () => {
    recordWarnings();
    const cache = new InMemoryCache({ possibleTypes, typePolicies });
    cache.writeQuery({
      query: FEED,
      variables: { last: 2 },
      data: page([activity.generic, activity.newLead], true),
    });
    cache.writeQuery({
      query: FEED,
      variables: { last: 2, before: 'c-a3' },
      data: page([activity.changeScore, activity.execute], false),
    });

    const feed = cache.readQuery<FeedData>({ query: FEED, variables: { last: 2 } });
    expect(feed?.activities.edges.map((edge) => edge.cursor)).toEqual(['c-a1', 'c-a2', 'c-a3', 'c-a4']);
    expect(feed?.activities.pageInfo).toMatchObject({
      startCursor: 'c-a1',
      endCursor: 'c-a4',
      hasPreviousPage: false,
    });
    expect(warnings).toEqual([]);
  });

  it('merges two selections of an id-less smart list, where the default cache warns and loses one', () => {
    const HEADER = gql`
      query Header($id: ID!) {
        campaign(id: $id) {
          id
          smartList {
            rule
            isValid
          }
        }
      }
    `;
    const FILTERS = gql`
      query Filters($id: ID!) {
        campaign(id: $id) {
          id
          smartList {
            filters {
              position
              attribute
            }
          }
        }
      }
    `;
    const campaign = { __typename: 'Campaign', id: 'Q2FtcGFpZ246MQ' };
    const header = {
      campaign: { ...campaign, smartList: { __typename: 'SmartListDefinition', rule: 'ALL', isValid: true } },
    };
    const filters = {
      campaign: {
        ...campaign,
        smartList: {
          __typename: 'SmartListDefinition',
          filters: [{ __typename: 'SmartListFilter', position: 1, attribute: 'email' }],
        },
      },
    };
    const write = (cache: InMemoryCache) => {
      cache.writeQuery({ query: HEADER, variables: { id: campaign.id }, data: header });
      cache.writeQuery({ query: FILTERS, variables: { id: campaign.id }, data: filters });
      return [
        cache.readQuery({ query: HEADER, variables: { id: campaign.id } }),
        cache.readQuery({ query: FILTERS, variables: { id: campaign.id } }),
      ];
    };

    recordWarnings();
    expect(write(new InMemoryCache({ possibleTypes, typePolicies }))).toEqual([header, filters]);
    expect(warnings).toEqual([]);

    expect(write(new InMemoryCache({ possibleTypes }))).toEqual([null, filters]);
    expect(warnings.join('\n')).toMatch(/Cache data may be lost when replacing[\s\S]* Campaign\.smartList /);
  });

  it('replaces a list that got shorter, where the default cache warns', () => {
    const PROBLEMS = gql`
      query Problems($id: ID!) {
        campaign(id: $id) {
          id
          problems {
            code
            stepPosition
          }
        }
      }
    `;
    const problem = (code: string, stepPosition: number) => ({
      __typename: 'CampaignProblem',
      code,
      stepPosition,
    });
    const before = {
      campaign: {
        __typename: 'Campaign',
        id: 'Q2FtcGFpZ246MQ',
        problems: [problem('INVALID_TOKEN', 1), problem('UNDEFINED_TOKEN', 2)],
      },
    };
    const after = { campaign: { ...before.campaign, problems: [problem('UNDEFINED_TOKEN', 1)] } };
    const write = (cache: InMemoryCache) => {
      cache.writeQuery({ query: PROBLEMS, variables: { id: 'Q2FtcGFpZ246MQ' }, data: before });
      cache.writeQuery({ query: PROBLEMS, variables: { id: 'Q2FtcGFpZ246MQ' }, data: after });
      return cache.readQuery({ query: PROBLEMS, variables: { id: 'Q2FtcGFpZ246MQ' } });
    };

    recordWarnings();
    expect(write(new InMemoryCache({ possibleTypes, typePolicies }))).toEqual(after);
    expect(warnings).toEqual([]);

    expect(write(new InMemoryCache({ possibleTypes }))).toEqual(after);
    expect(warnings.join('\n')).toMatch(/Cache data may be lost when replacing[\s\S]* Campaign\.problems /);
  });
});

describe('the Apollo set-up with what the server answers', () => {
  let t: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let acme: WorkspaceWithKey;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    acme = await createWorkspaceWithKey(t, 'Acme');
    // New leads, then a run whose Execute Campaign step qualifies one of them for a Change Score child.
    const scenario = await executeScenario(t, acme, 2);
    await untilCompleted(t, acme.key, await scheduleNow(t, acme.key, scenario.parent));
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it('caches the feed read newest page first, then the older one, as one list of typed activities', async () => {
    // ApolloClient adds __typename to every selection before it sends a document; so does this test.
    const feed = addTypenameToDocument(FEED);
    const whole = await run<FeedData>(t, acme.key, print(feed), { last: 100 });
    const types = new Set(whole.activities.edges.map((edge) => edge.node.__typename));
    expect([...types].sort()).toEqual(['ChangeScoreActivity', 'ExecuteCampaignActivity', 'NewLeadActivity']);

    recordWarnings();
    const cache = new InMemoryCache({ possibleTypes, typePolicies });
    const newest = await run<FeedData>(t, acme.key, print(feed), { last: 3 });
    cache.writeQuery({ query: feed, variables: { last: 3 }, data: newest });
    const older = await run<FeedData>(t, acme.key, print(feed), {
      last: 100,
      before: newest.activities.pageInfo.startCursor,
    });
    cache.writeQuery({
      query: feed,
      variables: { last: 100, before: newest.activities.pageInfo.startCursor },
      data: older,
    });

    expect(cache.readQuery({ query: feed, variables: { last: 3 } })).toEqual(whole);
    for (const { node } of whole.activities.edges) {
      expect(
        cache.readFragment({ id: cache.identify(node), fragment: addTypenameToDocument(ACTIVITY_ROW) }),
      ).toEqual(node);
    }
    expect(warnings).toEqual([]);
  });
});
