import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/db/entities/api-key.entity.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createApiKey, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { type Collector, subscribeSse, subscribeWs, untilStreams, wsClient } from '../helpers/streams.js';

const ACTIVITY_ADDED = 'subscription { activityAdded { id } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }';
/** The promise: a revoked key's streams end within this long. */
const WITHIN_MS = 2_000;

let t: TestApp;
let url: string;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  // Keys are checked too rarely to matter here: only the announcement or the operation ends streams.
  t = await startTestApp(undefined, { streaming: { keyCheckMs: 600_000 } });
  url = await t.app.start();
  acme = await createWorkspaceWithKey(t, 'Acme');
});
afterAll(() => t.close());

/** Whether the subscription ended within `ms`. */
async function endsWithin(collected: Collector, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ended = await Promise.race([collected.ended.then(() => true), timedOut]);
  clearTimeout(timer);
  return ended;
}

describe('revoking a key ends its open subscriptions', () => {
  it('closes its WebSocket with 4403 and ends its SSE stream with UNAUTHENTICATED, within 2 s', async () => {
    const key = await createApiKey(t, acme, 'Dashboard');
    const client = wsClient({ url }, key.secret);
    const overWs = subscribeWs(client, ACTIVITY_ADDED);
    const overSse = subscribeSse({ url }, key.secret, ACTIVITY_ADDED);
    // Another key of the workspace keeps its stream.
    const survivor = subscribeSse({ url }, acme.key, ACTIVITY_ADDED);
    await untilStreams(t.app, 3);
    await run(t, ADMIN_KEY, REVOKE, { id: key.id });
    expect(await endsWithin(overWs, WITHIN_MS)).toBe(true);
    expect((overWs.failure as { code?: number }).code).toBe(4403);
    expect(await endsWithin(overSse, WITHIN_MS)).toBe(true);
    expect(overSse.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await untilStreams(t.app, 1);
    expect(survivor.completed || survivor.failure !== undefined).toBe(false);
    survivor.stop();
    await client.dispose();
  });

  it('a revoked key cannot subscribe again', async () => {
    const key = await createApiKey(t, acme, 'Gone');
    await run(t, acme.key, REVOKE, { id: key.id });
    const overWs = subscribeWs(wsClient({ url }, key.secret), ACTIVITY_ADDED);
    await overWs.ended;
    expect((overWs.failure as { code?: number }).code).toBe(4403);
    const overSse = subscribeSse({ url }, key.secret, ACTIVITY_ADDED);
    await overSse.ended;
    expect(overSse.results).toEqual([]);
    expect(overSse.completed).toBe(false);
  });
});

describe('when no revocation is announced', () => {
  it('a revoked key’s subscriptions end within 2 s all the same', async () => {
    // Checked every second (the default): the check ends them, there is no announcement.
    await using app = await startTestApp();
    const appUrl = await app.app.start();
    const workspace = await createWorkspaceWithKey(app, 'Initech');
    const key = await createApiKey(app, workspace, 'Unannounced');
    const client = wsClient({ url: appUrl }, key.secret);
    const overWs = subscribeWs(client, ACTIVITY_ADDED);
    const overSse = subscribeSse({ url: appUrl }, key.secret, ACTIVITY_ADDED);
    await untilStreams(app.app, 2);
    // Written to the table directly: no command, no announcement.
    await app.orm.em.fork().nativeUpdate(ApiKey, { name: 'Unannounced' }, { revokedAt: new Date() });
    expect(await endsWithin(overWs, WITHIN_MS)).toBe(true);
    expect((overWs.failure as { code?: number }).code).toBe(4403);
    expect(await endsWithin(overSse, WITHIN_MS)).toBe(true);
    expect(overSse.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  it('an operation whose key no longer exists closes its WebSocket with 4403, not 4500', async () => {
    const key = await createApiKey(t, acme, 'Deleted');
    const client = wsClient({ url }, key.secret);
    // Holds the connection open (a lazy client closes it when nothing runs).
    const open = subscribeWs(client, ACTIVITY_ADDED);
    await untilStreams(t.app, 1);
    await t.orm.em.fork().nativeDelete(ApiKey, { name: 'Deleted' });
    // Once this server no longer trusts the key without a lookup (within a second).
    const start = Date.now();
    while ((await t.graphql('{ viewer { isAdmin } }', {}, key.secret)).status !== 401) {
      expect(Date.now() - start).toBeLessThan(WITHIN_MS);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const next = subscribeWs(client, '{ viewer { isAdmin } }');
    await next.ended;
    expect((next.failure as { code?: number }).code).toBe(4403);
    await open.ended;
    expect((open.failure as { code?: number }).code).toBe(4403);
    await client.dispose();
  });
});
