import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { databaseUrlFor, describeDatabaseUrl, withClient } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the server the tests use (its `postgres` database). */
    databaseServerUrl: string;
    /** A migrated database that every test database is cloned from. */
    templateDatabase: string;
  }
}

const run = promisify(execFile);

/**
 * One PostgreSQL server for the whole run: DATABASE_URL's when it is set, otherwise an embedded one
 * in a temporary folder. Migrations are applied once, by the real CLI, to a template database.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  let stopServer: () => Promise<void> = async () => {};
  let serverUrl: string;
  let embeddedDir: string | undefined;
  if (config.databaseUrl) {
    serverUrl = databaseUrlFor(config.databaseUrl, 'postgres');
  } else {
    embeddedDir = await mkdtemp(path.join(tmpdir(), 'campaign-engine-test-'));
    // Run as root, PostgreSQL runs as another user, which must be able to reach its data folder.
    await chmod(embeddedDir, 0o755);
    const server = await startEmbeddedPostgres(path.join(embeddedDir, 'postgres'), pino({ level: 'silent' }));
    serverUrl = server.adminUrl;
    stopServer = server.stop;
  }
  const template = `ce_template_${randomBytes(5).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`create database ${pg.escapeIdentifier(template)}`));
  await run('npx', ['tsx', 'src/db/migrate.ts', 'up'], {
    env: { ...process.env, DATABASE_URL: databaseUrlFor(serverUrl, template), LOG_LEVEL: 'warn' },
  });
  console.log(`tests use ${describeDatabaseUrl(serverUrl)}${embeddedDir ? ' (embedded)' : ''}`);
  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await withClient(serverUrl, (client) =>
      client.query(`drop database if exists ${pg.escapeIdentifier(template)} with (force)`),
    );
    await stopServer();
    if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
  };
}
