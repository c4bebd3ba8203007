import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/db/entities/api-key.entity.js';
import { createInProcessEventBus, type EventBus } from '../../src/pubsub/events.js';
import { MAX_ANONYMOUS_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createApiKey, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';

const VIEWER = '{ viewer { isAdmin } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }';

/**
 * An in-process bus that loses every announcement, as Redis pub/sub may: what this app learns of a
 * revocation, it learns from its own command or from the database.
 */
function losingBus(): EventBus {
  const bus = createInProcessEventBus();
  return { ...bus, publish: () => {} };
}

const bus = createInProcessEventBus();
let t: TestApp;
let url: string;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp(undefined, { events: bus });
  url = await t.app.start();
  acme = await createWorkspaceWithKey(t, 'Acme');
});
afterAll(async () => {
  await t.close();
  await bus.close();
});

/** Milliseconds until `key` is refused, asking every 50 ms; fails the test past `limitMs`. */
async function msUntilRefused(app: TestApp, key: string, limitMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const answer = await app.graphql(VIEWER, {}, key);
    const elapsed = performance.now() - start;
    if (answer.status === 401) return elapsed;
    expect(answer.data).toEqual({ viewer: { isAdmin: false } });
    if (elapsed > limitMs) throw new Error(`still accepted after ${Math.round(elapsed)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a workspace key found valid', () => {
  it('is looked up once: the requests after it send no statement', async () => {
    const key = await createApiKey(t, acme, 'Cached');
    const first = await countingStatements(() => t.graphql(VIEWER, {}, key.secret));
    expect(first.result.data).toEqual({ viewer: { isAdmin: false } });
    expect(first.statements).toBe(1);
    for (let i = 0; i < 3; i++) {
      const next = await countingStatements(() => t.graphql(VIEWER, {}, key.secret));
      expect(next.result.data).toEqual({ viewer: { isAdmin: false } });
      expect(next.statements).toBe(0);
    }
  });

  it('is looked up once for a body past 64 KiB: the key check of the body serves the request too', async () => {
    const key = await createApiKey(t, acme, 'Large bodies');
    const body = `{"query":"${VIEWER}"${' '.repeat(MAX_ANONYMOUS_REQUEST_BYTES)}}`;
    const { result, statements } = await countingStatements(async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
        body,
      });
      return response.json();
    });
    expect(result).toEqual({ data: { viewer: { isAdmin: false } } });
    expect(statements).toBe(1);
  });

  it('revoked through the API is refused on the very next request, though announcements are lost', async () => {
    await using app = await startTestApp(undefined, { events: losingBus() });
    const workspace = await createWorkspaceWithKey(app, 'Initech');
    const key = await createApiKey(app, workspace, 'Revoked here');
    expect((await app.graphql(VIEWER, {}, key.secret)).data).toEqual({ viewer: { isAdmin: false } });
    await run(app, workspace.key, REVOKE, { id: key.id });
    const refused = await app.graphql(VIEWER, {}, key.secret);
    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
  });

  it('revoked by another replica is forgotten as the revocation is announced', async () => {
    const key = await createApiKey(t, acme, 'Revoked elsewhere');
    expect((await t.graphql(VIEWER, {}, key.secret)).data).toEqual({ viewer: { isAdmin: false } });
    await t.orm.em.fork().nativeUpdate(ApiKey, { name: 'Revoked elsewhere' }, { revokedAt: new Date() });
    // A subscription listens from its first `next`.
    const heard = bus.subscribe('apiKeyRevoked');
    const received = heard.next();
    bus.publish('apiKeyRevoked', {
      workspaceId: decodeGlobalID(acme.id).id,
      apiKeyId: decodeGlobalID(key.id).id,
    });
    await received;
    await heard.return?.();
    // The hub's follower was handed the announcement with this test's: it takes it in a microtask.
    await new Promise((resolve) => setImmediate(resolve));
    const { result, statements } = await countingStatements(() => t.graphql(VIEWER, {}, key.secret));
    expect(result.status).toBe(401);
    expect(statements).toBe(1);
  });

  it('revoked in the database without an announcement is refused within 2 s', async () => {
    await using app = await startTestApp(undefined, { events: losingBus() });
    const workspace = await createWorkspaceWithKey(app, 'Hooli');
    const key = await createApiKey(app, workspace, 'Unannounced');
    expect((await app.graphql(VIEWER, {}, key.secret)).data).toEqual({ viewer: { isAdmin: false } });
    await app.orm.em.fork().nativeUpdate(ApiKey, { name: 'Unannounced' }, { revokedAt: new Date() });
    expect(await msUntilRefused(app, key.secret, 2_000)).toBeLessThan(2_000);
  });

  it('still has its use noted once it is looked up again', async () => {
    const key = await createApiKey(t, acme, 'Noted');
    expect((await t.graphql(VIEWER, {}, key.secret)).status).toBe(200);
    const lastUsed = async () =>
      (await t.orm.em.fork().findOneOrFail(ApiKey, { name: 'Noted' }, { disableIdentityMap: true }))
        .lastUsedAt;
    expect(await lastUsed()).toEqual(expect.any(Date));
    const movedBack = new Date(Date.now() - 61_000);
    await t.orm.em.fork().nativeUpdate(ApiKey, { name: 'Noted' }, { lastUsedAt: movedBack });
    const start = performance.now();
    while ((await lastUsed())?.getTime() === movedBack.getTime()) {
      expect(performance.now() - start).toBeLessThan(2_000);
      expect((await t.graphql(VIEWER, {}, key.secret)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await lastUsed())?.getTime()).toBeGreaterThan(movedBack.getTime() + 30_000);
  });
});

describe('a key that is not one', () => {
  it('is refused every time, each time looked up', async () => {
    for (let i = 0; i < 3; i++) {
      const { result, statements } = await countingStatements(() => t.graphql(VIEWER, {}, 'cek_not-a-key'));
      expect(result.status).toBe(401);
      expect(statements).toBe(1);
    }
  });
});
