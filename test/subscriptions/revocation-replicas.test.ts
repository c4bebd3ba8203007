import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus, eventNamespace } from '../../src/pubsub/events.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { REDIS_URL, redisAnswers } from '../helpers/redis.js';
import { subscribeSse, subscribeWs, untilStreams, wsClient } from '../helpers/streams.js';

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`revocation-replicas.test.ts skipped: no Redis answers at ${REDIS_URL}`);

const ACTIVITY_ADDED = 'subscription { activityAdded { id } }';

/**
 * Two API servers on one database sharing events through Redis. Neither checks its keys in the
 * database here: a revocation made on one reaches the other's streams through Redis only.
 */
describe.skipIf(!redisUp)(`a revocation on one server, through Redis (${REDIS_URL})`, () => {
  const noChecks = { keyCheckMs: 3_600_000 };
  const buses: EventBus[] = [];
  let a: TestApp;
  let b: TestApp;

  const bus = async (url: string) => {
    const created = await createEventBus({ redisUrl: REDIS_URL, namespace: eventNamespace(url) });
    buses.push(created);
    return created;
  };

  beforeAll(async () => {
    a = await startTestApp(undefined, {});
    // The first app was given no bus: rebuild both on Redis buses, on the same database.
    await a.app.stop();
    await a.orm.close();
    const database = a.database;
    a = await startTestApp(database, { events: await bus(database.url), streaming: noChecks });
    b = await startTestApp(database, { events: await bus(database.url), streaming: noChecks });
    await a.app.start();
  });
  afterAll(async () => {
    await b?.app.stop();
    await b?.orm.close();
    await a?.close();
    for (const created of buses) await created.close();
  });

  it('ends the key’s WebSocket (4403) and SSE streams on the other server within 2 s', async () => {
    const urlB = await b.app.start();
    const acme = await createWorkspaceWithKey(a, 'Acme');
    const { workspace } = await run<{ workspace: { apiKeys: { id: string }[] } }>(
      a,
      ADMIN_KEY,
      'query ($id: ID!) { workspace(id: $id) { apiKeys { id } } }',
      { id: acme.id },
    );
    const client = wsClient({ url: urlB }, acme.key);
    const overWs = subscribeWs(client, ACTIVITY_ADDED);
    const overSse = subscribeSse({ url: urlB }, acme.key, ACTIVITY_ADDED);
    await untilStreams(b.app, 2);
    await run(a, ADMIN_KEY, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: workspace.apiKeys[0]?.id,
    });
    const revokedAt = Date.now();
    await Promise.all([overWs.ended, overSse.ended]);
    expect(Date.now() - revokedAt).toBeLessThan(2_000);
    expect((overWs.failure as { code?: number }).code).toBe(4403);
    expect(overSse.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });
});
