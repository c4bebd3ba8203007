import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createEmptyDatabase } from '../helpers/database.js';

describe('health and readiness', () => {
  let migrated: TestApp;
  let unmigrated: TestApp;
  beforeAll(async () => {
    migrated = await startTestApp();
    unmigrated = await startTestApp(await createEmptyDatabase());
  });
  afterAll(async () => {
    await migrated.close();
    await unmigrated.close();
  });

  it('GET /health answers 200 while the process is up', async () => {
    const response = await migrated.app.yoga.fetch('http://localhost/health');
    expect(response.status).toBe(200);
  });

  it('refuses a request body over the cap with 413, and serves the next request', async () => {
    const url = await migrated.app.start();
    const query = `{ viewer { isAdmin } }`;
    const padding = ' '.repeat(MAX_REQUEST_BYTES);
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: `${query}${padding}` }),
    });
    expect(refused.status).toBe(413);
    expect(
      ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('PAYLOAD_TOO_LARGE');
    const served = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query }),
    });
    expect(await served.json()).toEqual({ data: { viewer: { isAdmin: true } } });
  });

  it('GET /ready answers 200 on a reachable, migrated database', async () => {
    const response = await migrated.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(200);
  });

  it('GET /ready answers 503 while migrations are pending', async () => {
    const response = await unmigrated.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(503);
  });

  it('GET /ready answers 503 once the database is gone, and operations fail masked', async () => {
    await using app = await startTestApp();
    await app.database.drop();
    const response = await app.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(503);
    const failed = await app.graphql('{ workspaces { name } }', {}, ADMIN_KEY);
    expect(failed.errors).toEqual([
      expect.objectContaining({
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    ]);
    expect(JSON.stringify(failed)).not.toMatch(/database|ce_test_|postgres/i);
  });
});
