import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { REDIS_URL, redisAnswers, startReplicas } from '../helpers/replicas.js';
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
  let replicas: Awaited<ReturnType<typeof startReplicas>>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    replicas = await startReplicas(noChecks);
    ({ a, b } = replicas);
    await a.app.start();
  });
  afterAll(() => replicas?.close());

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
