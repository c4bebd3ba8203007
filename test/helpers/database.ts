import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrlFor, withClient } from '../../src/db/database.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(template: string | undefined): Promise<TestDatabase> {
  const serverUrl = inject('databaseServerUrl');
  const name = `ce_test_${randomBytes(6).toString('hex')}`;
  const from = template ? ` template ${pg.escapeIdentifier(template)}` : '';
  await withClient(serverUrl, (client) =>
    client.query(`create database ${pg.escapeIdentifier(name)}${from}`),
  );
  return {
    url: databaseUrlFor(serverUrl, name),
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
      ).then(() => undefined),
  };
}

/** A database of its own, migrated (cloned from the run's template): never the user's data. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(inject('templateDatabase'));
}

/** An empty database with no migrations applied. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabase(undefined);
}
