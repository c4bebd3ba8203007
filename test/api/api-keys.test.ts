import { request } from 'node:http';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/db/entities/api-key.entity.js';
import { ADMIN_KEY, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/app.js';
import { createApiKey, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let url: string;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
});
afterAll(() => t.close());

const VIEWER = '{ viewer { isAdmin } }';
const LIST = `query ($id: ID!) {
  workspace(id: $id) { apiKeys { id name createdAt lastUsedAt revokedAt } }
}`;
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id name revokedAt } }';

interface ListedKey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POSTs an operation to the running server with these Authorization header values, each its own line. */
function post(query: string, authorization: string[]): Promise<GraphQLResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ...JSON.parse(body) }));
    });
    outgoing.on('error', reject);
    outgoing.setHeader('content-type', 'application/json');
    if (authorization.length) outgoing.setHeader('authorization', authorization);
    outgoing.end(JSON.stringify({ query }));
  });
}

async function listed(workspace: WorkspaceWithKey, key = ADMIN_KEY): Promise<ListedKey[]> {
  const { workspace: found } = await run<{ workspace: { apiKeys: ListedKey[] } }>(t, key, LIST, {
    id: workspace.id,
  });
  return found.apiKeys;
}

describe('listing keys', () => {
  it('lists a workspace’s keys with their names and dates, never a secret or its hash', async () => {
    const ci = await createApiKey(t, acme, 'CI');
    const keys = await listed(acme);
    expect(keys.map((key) => key.name)).toEqual(['tests', 'CI']);
    expect(keys[1]).toEqual({
      id: ci.id,
      name: 'CI',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const [stored] = await t.orm.em.fork().find(ApiKey, { name: 'CI' });
    const response = JSON.stringify(await t.graphql(LIST, { id: acme.id }, ADMIN_KEY));
    expect(response).not.toContain(ci.secret);
    expect(response).not.toContain(stored?.secretHash);
  });

  it('a workspace key lists its own workspace’s keys, and sees no other workspace', async () => {
    expect((await listed(acme, acme.key)).map((key) => key.name)).toEqual(['tests', 'CI']);
    const other = await t.graphql<{ workspace: null }>(LIST, { id: globex.id }, acme.key);
    expect(other.data).toEqual({ workspace: null });
  });

  it('notes when a key was last used, at most once a minute', async () => {
    const key = await createApiKey(t, globex, 'Used');
    const lastUsedAt = async () =>
      (await listed(globex)).find((listedKey) => listedKey.id === key.id)?.lastUsedAt;
    expect(await lastUsedAt()).toBeNull();
    await run(t, key.secret, VIEWER);
    const first = await lastUsedAt();
    expect(first).toEqual(expect.any(String));
    await run(t, key.secret, VIEWER);
    expect(await lastUsedAt()).toBe(first);
    // A minute later (the last use moved back), a use is noted again once the key is looked up
    // again: within the second a key is trusted without a lookup.
    const movedBack = new Date(Date.now() - 61_000);
    await t.orm.em.fork().nativeUpdate(ApiKey, { name: 'Used' }, { lastUsedAt: movedBack });
    const start = Date.now();
    let noted = await lastUsedAt();
    while (new Date(String(noted)).getTime() === movedBack.getTime()) {
      expect(Date.now() - start).toBeLessThan(2_000);
      await run(t, key.secret, VIEWER);
      noted = await lastUsedAt();
    }
    expect(new Date(String(noted)).getTime()).toBeGreaterThan(movedBack.getTime() + 30_000);
  });
});

describe('revoking keys', () => {
  it('a revoked key is UNAUTHENTICATED at once; revoking it again changes nothing', async () => {
    const key = await createApiKey(t, acme, 'Leaked');
    expect((await post(VIEWER, [`Bearer ${key.secret}`])).data).toEqual({ viewer: { isAdmin: false } });
    const { revokeApiKey } = await run<{ revokeApiKey: { id: string; revokedAt: string } }>(
      t,
      ADMIN_KEY,
      REVOKE,
      { id: key.id },
    );
    expect(revokeApiKey).toEqual({ id: key.id, name: 'Leaked', revokedAt: expect.any(String) });
    const refused = await post(VIEWER, [`Bearer ${key.secret}`]);
    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    const again = await run<{ revokeApiKey: { revokedAt: string } }>(t, ADMIN_KEY, REVOKE, { id: key.id });
    expect(again.revokeApiKey.revokedAt).toBe(revokeApiKey.revokedAt);
    const keys = await listed(acme);
    expect(keys.find((listedKey) => listedKey.id === key.id)?.revokedAt).toBe(revokeApiKey.revokedAt);
    expect(keys.find((listedKey) => listedKey.name === 'tests')?.revokedAt).toBeNull();
  });

  it('a workspace key revokes its own workspace’s keys', async () => {
    const key = await createApiKey(t, acme, 'Rotated');
    await run(t, acme.key, REVOKE, { id: key.id });
    expect(errorCodes(await t.graphql(VIEWER, {}, key.secret))).toEqual(['UNAUTHENTICATED']);
    expect((await t.graphql(VIEWER, {}, acme.key)).data).toEqual({ viewer: { isAdmin: false } });
  });

  it('a workspace key cannot revoke another workspace’s key: NOT_FOUND, and the key still works', async () => {
    const key = await createApiKey(t, globex, 'Theirs');
    const refused = await t.graphql(REVOKE, { id: key.id }, acme.key);
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    expect((await listed(globex)).find((listedKey) => listedKey.id === key.id)?.revokedAt).toBeNull();
    expect((await t.graphql(VIEWER, {}, key.secret)).data).toEqual({ viewer: { isAdmin: false } });
  });

  it('an unknown or malformed key id is NOT_FOUND', async () => {
    for (const id of [encodeGlobalID('ApiKey', '999999'), encodeGlobalID('Workspace', '1'), 'garbage']) {
      expect(errorCodes(await t.graphql(REVOKE, { id }, ADMIN_KEY))).toEqual(['NOT_FOUND']);
    }
  });
});

describe('the Authorization header', () => {
  it('takes one "Bearer <key>", the scheme in any case', async () => {
    for (const header of [`Bearer ${acme.key}`, `bearer ${acme.key}`]) {
      expect((await post(VIEWER, [header])).data).toEqual({ viewer: { isAdmin: false } });
    }
  });

  it.each([
    ['a bare key', () => [acme.key]],
    ['another scheme', () => [`Basic ${acme.key}`]],
    ['a Token scheme', () => [`Token ${acme.key}`]],
  ])('refuses %s with a message naming the expected form', async (_case, header) => {
    const response = await post(VIEWER, header());
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toContain('Authorization: Bearer <key>');
    expect(response.data).toBeUndefined();
  });

  it.each([
    ['two headers', () => [`Bearer ${acme.key}`, `Bearer ${globex.key}`]],
    ['the same key in two headers', () => [`Bearer ${acme.key}`, `Bearer ${acme.key}`]],
    ['a comma-joined header', () => [`Bearer ${acme.key}, Bearer ${globex.key}`]],
    ['a comma-joined header without a space', () => [`Bearer ${acme.key},Bearer ${ADMIN_KEY}`]],
  ])('refuses a key sent twice: %s', async (_case, header) => {
    const response = await post(VIEWER, header());
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toContain('once');
  });

  it('refuses a key sent twice through yoga.fetch too, where the headers arrive comma-joined', async () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('authorization', `Bearer ${ADMIN_KEY}`);
    headers.append('authorization', `Bearer ${acme.key}`);
    const response = await t.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(401);
  });
});
