import { compileQuery } from 'graphql-jit';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CampaignGraphDocument } from '../../src/generated/graphql.js';
import { useQueryJit } from '../../src/server/jit.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, textOf } from '../helpers/graphql.js';

vi.mock('graphql-jit', async (original) => {
  const jit = await original<typeof import('graphql-jit')>();
  return { ...jit, compileQuery: vi.fn(jit.compileQuery) };
});

/*
 * Queries are executed by graphql-jit from their second execution on (see useQueryJit): each case
 * sends the same text twice and expects the compiled execution to answer exactly as graphql-js did,
 * errors (messages, locations, paths, typed codes) included.
 */

let t: TestApp;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Jit');
  const programId = await createProgram(t, acme, 'P');
  for (const name of ['First', 'Second'])
    await createCampaign(t, acme, { programId, name, executable: true });
});
afterAll(() => t.close());
beforeEach(() => {
  vi.mocked(compileQuery).mockClear();
});

/** Sends the query twice; the answers, the first by graphql-js and the second compiled. */
async function twice(query: string, variables: Record<string, unknown>, key = acme.key) {
  const first = await t.graphql(query, variables, key);
  const second = await t.graphql(query, variables, key);
  return { first, second };
}

describe('queries executed compiled', () => {
  it('answer the campaign graph as graphql-js does, compiled once on its second execution', async () => {
    const query = textOf(CampaignGraphDocument);
    const variables = { workspaceId: acme.id, first: 100 };
    const first = await t.graphql(query, variables, acme.key);
    expect(compileQuery).not.toHaveBeenCalled();
    const second = await t.graphql(query, variables, acme.key);
    const third = await t.graphql(query, variables, acme.key);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(first.errors).toBeUndefined();
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  it("give a resolver's refusal the same typed error, located, beside the fields that resolved", async () => {
    const query = 'query ($id: ID!) {\n  workspaces { name }\n  workspace(id: $id) { name }\n}';
    const { first, second } = await twice(query, { id: 'garbage' }, ADMIN_KEY);
    expect(errorCodes(first)).toEqual(['NOT_FOUND']);
    expect(first.data).toEqual({ workspaces: [{ name: 'Jit' }], workspace: null });
    expect(first.errors?.[0]).toMatchObject({ path: ['workspace'], locations: [{ line: 3, column: 3 }] });
    expect(second).toEqual(first);
    expect(compileQuery).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['of the wrong type', { id: 5 }],
    ['missing', {}],
    ['a malformed global id', { id: '%%%' }],
  ])('refuse a variable %s as BAD_USER_INPUT, as graphql-js does', async (_case, variables) => {
    const { first, second } = await twice('query ($id: ID!) { node(id: $id) { id } }', variables);
    expect(errorCodes(first)).toEqual(['BAD_USER_INPUT']);
    expect(second).toEqual(first);
  });

  it('mask an unexpected error in a non-null field and propagate its null', async () => {
    const query = 'query { workspaces { name } }';
    await t.graphql(query, {}, ADMIN_KEY);
    const failing = vi
      .spyOn(t.orm.em.getConnection(), 'execute')
      .mockRejectedValue(new Error('connection reset'));
    try {
      const { first, second } = await twice(query, {}, ADMIN_KEY);
      expect(first.errors).toEqual([
        expect.objectContaining({
          message: 'Unexpected error.',
          path: ['workspaces'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      expect(first.data).toBeNull();
      expect(second).toEqual(first);
    } finally {
      failing.mockRestore();
    }
  });
});

describe('what is not compiled', () => {
  it('a document executed once: each of many distinct documents runs uncompiled', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await t.graphql(`query { workspaces { name } } # ${i}`, {}, ADMIN_KEY);
      expect(response.data).toEqual({ workspaces: [{ name: 'Jit' }] });
    }
    expect(compileQuery).not.toHaveBeenCalled();
  });

  it('a document of several operations: each answered by its own', async () => {
    const query = 'query Names { workspaces { name } } query Ids { workspaces { id } }';
    const answers = [];
    for (const operationName of ['Names', 'Ids', 'Names', 'Ids']) {
      const response = await t.app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query, operationName }),
      });
      answers.push(await response.json());
    }
    expect(answers[0]).toEqual({ data: { workspaces: [{ name: 'Jit' }] } });
    expect(answers[1]).toEqual({ data: { workspaces: [{ id: acme.id }] } });
    expect(answers.slice(2)).toEqual(answers.slice(0, 2));
    expect(compileQuery).not.toHaveBeenCalled();
  });

  it('a document with @skip or @include: answered as graphql-js answers it', async () => {
    const query = `query ($hide: Boolean!) {
      viewer { workspaces { ...Named @skip(if: $hide) id @include(if: $hide) } }
    }
    fragment Named on Workspace { name }`;
    for (const hide of [true, false, true, false]) {
      const { data } = await t.graphql(query, { hide }, acme.key);
      expect(data).toEqual({ viewer: { workspaces: [hide ? { id: acme.id } : { name: 'Jit' }] } });
    }
    expect(compileQuery).not.toHaveBeenCalled();
  });

  it('documents past the compilation budget: they keep graphql-js’s executor', async () => {
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { n: Int! }', resolvers: { Query: { n: () => 1 } } }),
      plugins: [useQueryJit({ maxCompilations: 2 })],
    });
    for (const query of ['{ n }', '{ a: n }', '{ b: n }', '{ c: n }'])
      for (let time = 0; time < 3; time++) {
        const response = await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect(Object.values((await response.json()).data)).toEqual([1]);
      }
    expect(compileQuery).toHaveBeenCalledTimes(2);
  });

  it('a mutation, however often it is executed', async () => {
    const mutation = 'mutation ($name: String!) { createWorkspace(name: $name) { name } }';
    for (const name of ['M1', 'M2', 'M3']) {
      expect((await t.graphql(mutation, { name }, ADMIN_KEY)).data).toEqual({ createWorkspace: { name } });
    }
    expect(compileQuery).not.toHaveBeenCalled();
  });
});
