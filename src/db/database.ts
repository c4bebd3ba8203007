import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const CONNECT_TIMEOUT_MS = 5_000;
const EMBEDDED_DATABASE = 'campaign_engine';

/** The database the service uses, and how to let go of it. */
export interface Database {
  url: string;
  /** Whether this process started the server (and so stops it). */
  embedded: boolean;
  /** Whether this start created the database: an embedded server on a new data folder. */
  created: boolean;
  stop(): Promise<void>;
}

/** A database that cannot be reached: its message is safe to print (no password). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** `postgres://user@host:port/db`, without the password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/** Runs `fn` with a connected client and always closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(
      `The database at ${describeDatabaseUrl(url)} does not answer: ${reason}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database unless it exists. */
export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(database)}`);
  });
}

/**
 * DATABASE_URL when it is set (checked to answer), otherwise an embedded PostgreSQL whose data is
 * kept in `<dataDir>/postgres`.
 */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    await withClient(config.databaseUrl, (client) => client.query('select 1'));
    return { url: config.databaseUrl, embedded: false, created: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), log);
  try {
    await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: databaseUrlFor(server.adminUrl, EMBEDDED_DATABASE),
    embedded: true,
    created: server.created,
    stop: server.stop,
  };
}
