import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/db/entities/api-key.entity.js';
import { Workspace } from '../../src/db/entities/workspace.entity.js';
import { QUERY_LIMITS } from '../../src/schema/cost.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
});
afterAll(() => t.close());

describe('authentication', () => {
  it('the admin key is the admin and sees every workspace', async () => {
    const response = await t.graphql(
      '{ viewer { isAdmin workspaces { name } } workspaces { name } }',
      {},
      ADMIN_KEY,
    );
    expect(response.data).toEqual({
      viewer: { isAdmin: true, workspaces: [{ name: 'Acme' }, { name: 'Globex' }] },
      workspaces: [{ name: 'Acme' }, { name: 'Globex' }],
    });
  });

  it('a workspace key is not the admin and sees only its own workspace', async () => {
    const response = await t.graphql(
      '{ viewer { isAdmin workspaces { id name } } workspaces { name } }',
      {},
      acme.key,
    );
    expect(response.data).toEqual({
      viewer: { isAdmin: false, workspaces: [{ id: acme.id, name: 'Acme' }] },
      workspaces: [{ name: 'Acme' }],
    });
  });

  it('a missing key is UNAUTHENTICATED', async () => {
    const response = await t.graphql('{ viewer { isAdmin } }');
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeNull();
  });

  it('a wrong key is UNAUTHENTICATED with status 401, and so is a malformed header', async () => {
    const wrong = await t.graphql('{ viewer { isAdmin } }', {}, 'cek_not-a-key-at-all');
    expect(wrong.status).toBe(401);
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    const response = await t.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' },
      body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('keeps only a hash of a workspace secret', async () => {
    const em = t.orm.em.fork();
    const keys = await em.find(ApiKey, {});
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect([acme.key, globex.key]).not.toContain(key.secretHash);
    }
    expect(JSON.stringify(keys)).not.toContain(acme.key);
  });
});

describe('tenancy', () => {
  it('workspace(id) of another workspace looks like it does not exist', async () => {
    const own = await t.graphql(
      'query ($id: ID!) { workspace(id: $id) { name } }',
      { id: acme.id },
      acme.key,
    );
    expect(own.data).toEqual({ workspace: { name: 'Acme' } });
    const other = await t.graphql(
      'query ($id: ID!) { workspace(id: $id) { name } }',
      { id: globex.id },
      acme.key,
    );
    expect(other.data).toEqual({ workspace: null });
    expect(other.errors).toBeUndefined();
  });

  it('node(id) resolves visible objects only', async () => {
    const query = 'query ($id: ID!) { node(id: $id) { id ... on Workspace { name } } }';
    expect((await t.graphql(query, { id: globex.id }, globex.key)).data).toEqual({
      node: { id: globex.id, name: 'Globex' },
    });
    expect((await t.graphql(query, { id: globex.id }, acme.key)).data).toEqual({ node: null });
    expect((await t.graphql(query, { id: encodeGlobalID('Workspace', '999999') }, ADMIN_KEY)).data).toEqual({
      node: null,
    });
  });

  it('a malformed or mistyped id is NOT_FOUND in workspace(id)', async () => {
    for (const id of ['garbage', encodeGlobalID('Campaign', '1'), encodeGlobalID('Workspace', '1; drop')]) {
      const response = await t.graphql('query ($id: ID!) { workspace(id: $id) { name } }', { id }, ADMIN_KEY);
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    }
  });

  it('a malformed id in node(id) is BAD_USER_INPUT, not an unexpected error', async () => {
    const response = await t.graphql('{ node(id: "%%%") { id } }', {}, ADMIN_KEY);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('admin-only mutations', () => {
  it('a workspace key may not create workspaces or keys: FORBIDDEN, nothing written', async () => {
    const before = await t.orm.em.fork().count(Workspace, {});
    const workspace = await t.graphql('mutation { createWorkspace(name: "Mine") { id } }', {}, acme.key);
    expect(errorCodes(workspace)).toEqual(['FORBIDDEN']);
    const key = await t.graphql(
      'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "x") { secret } }',
      { id: acme.id },
      acme.key,
    );
    expect(errorCodes(key)).toEqual(['FORBIDDEN']);
    expect(await t.orm.em.fork().count(Workspace, {})).toBe(before);
    expect(await t.orm.em.fork().count(ApiKey, {})).toBe(2);
  });

  it('createApiKey for an unknown workspace is NOT_FOUND', async () => {
    const response = await t.graphql(
      'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "x") { secret } }',
      { id: encodeGlobalID('Workspace', '424242') },
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['x'.repeat(201), 'at most 200'],
  ])('refuses the workspace name %j as BAD_USER_INPUT', async (name, message) => {
    const before = await t.orm.em.fork().count(Workspace, {});
    const response = await t.graphql(
      'mutation ($name: String!) { createWorkspace(name: $name) { id } }',
      { name },
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(await t.orm.em.fork().count(Workspace, {})).toBe(before);
  });

  it('a new key works at once and is scoped to its workspace', async () => {
    const created = await t.graphql<{ createApiKey: { secret: string } }>(
      'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "second") { secret } }',
      { id: globex.id },
      ADMIN_KEY,
    );
    const secret = created.data?.createApiKey.secret as string;
    expect(secret).toMatch(/^cek_[A-Za-z0-9_-]{43}$/);
    const response = await t.graphql('{ workspaces { name } }', {}, secret);
    expect(response.data).toEqual({ workspaces: [{ name: 'Globex' }] });
  });
});

describe('query limits', () => {
  it('a query wider than the breadth limit is refused as BAD_USER_INPUT', async () => {
    const fields = Array.from({ length: 201 }, (_, index) => `a${index}: viewer { isAdmin }`).join(' ');
    const response = await t.graphql(`{ ${fields} }`, {}, ADMIN_KEY);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/exceeds the limit/);
  });

  it('a query deeper than the depth limit is refused as BAD_USER_INPUT', async () => {
    let selection = 'name';
    for (let level = 0; level < 7; level += 1) selection = `program { campaigns { ${selection} } }`;
    const response = await t.graphql(
      `{ workspaces { programs { campaigns { ${selection} } } } }`,
      {},
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/^Query depth \d+ exceeds the limit of 12$/);
  });

  it('a query whose nested lists multiply past the complexity limit is refused as BAD_USER_INPUT', async () => {
    const response = await t.graphql(
      '{ workspaces { campaigns(first: 100) { edges { node { runs(first: 100) { edges { node { activities(first: 1) { edges { node { id } } } } } } } } } } }',
      {},
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(
      new RegExp(`^Query complexity \\d+ exceeds the limit of ${QUERY_LIMITS.complexity}$`),
    );
  });

  it('an operation the schema does not have is refused before it runs', async () => {
    const response = await t.graphql('{ nothingHere }', {}, ADMIN_KEY);
    expect(response.errors?.[0]?.message).toContain('Cannot query field "nothingHere"');
  });
});
