import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
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

  it('GET /ready answers 200 on a reachable, migrated database', async () => {
    const response = await migrated.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(200);
  });

  it('GET /ready answers 503 while migrations are pending', async () => {
    const response = await unmigrated.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(503);
  });

  it('GET /ready answers 503 once the database is gone', async () => {
    const app = await startTestApp();
    await app.database.drop();
    const response = await app.app.yoga.fetch('http://localhost/ready');
    expect(response.status).toBe(503);
    await app.app.stop();
    await app.orm.close();
  });
});
