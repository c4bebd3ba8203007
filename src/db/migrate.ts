import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { runMigrations as runJobQueueMigrations, Logger as WorkerLogger } from 'graphile-worker';
import pg from 'pg';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { databaseUrlFor, describeDatabaseUrl, openDatabase, withClient } from './database.js';
import { initOrm } from './orm.js';

/**
 * Applies every pending migration, ours and the job queue's (graphile-worker keeps its tables in
 * the graphile_worker schema and versions them itself); returns the names of ours applied.
 */
export async function migrateUp(databaseUrl: string): Promise<string[]> {
  const orm = await initOrm(databaseUrl);
  try {
    const applied = await orm.getMigrator().up();
    await runJobQueueMigrations({
      connectionString: databaseUrl,
      logger: new WorkerLogger(() => () => undefined),
    });
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close();
  }
}

/** Whether every migration on disk has been applied to the database. */
export async function isMigrated(orm: Awaited<ReturnType<typeof initOrm>>): Promise<boolean> {
  return (await orm.getMigrator().getPendingMigrations()).length === 0;
}

/**
 * Runs `fn` against a new empty database on the same server, dropped afterwards, so that migration
 * tooling never touches the user's data.
 */
async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `migration_scratch_${randomBytes(6).toString('hex')}`;
  const adminUrl = databaseUrlFor(serverUrl, 'postgres');
  await withClient(adminUrl, (client) => client.query(`create database ${pg.escapeIdentifier(name)}`));
  try {
    return await fn(databaseUrlFor(serverUrl, name));
  } finally {
    await withClient(adminUrl, (client) =>
      client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
    );
  }
}

/** Writes a migration for the difference between the entities and the last snapshot. */
async function createMigration(serverUrl: string, log: Logger, blank: boolean, name?: string) {
  await withScratchDatabase(serverUrl, async (url) => {
    await migrateUp(url);
    const orm = await initOrm(url, { writeSnapshot: true });
    try {
      const result = await orm.getMigrator().createMigration(undefined, blank, false, name);
      if (result.fileName) log.info({ file: result.fileName }, 'migration written');
      else log.info('entities and migrations agree: no migration written');
    } finally {
      await orm.close();
    }
  });
}

/**
 * Fails when the entities and the migrations disagree, in either of two ways: the snapshot the
 * migrations were generated from is stale, or the schema the migrations build is not the one the
 * entities describe.
 */
async function checkMigrations(serverUrl: string): Promise<string[]> {
  return withScratchDatabase(serverUrl, async (url) => {
    await migrateUp(url);
    const orm = await initOrm(url, { writeSnapshot: true });
    try {
      const problems: string[] = [];
      if (await orm.getMigrator().checkMigrationNeeded()) {
        problems.push('the entities changed since the last migration: run npm run db:migration:create');
      }
      const drift = (await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
      if (drift) problems.push(`the migrated schema differs from the entities:\n${drift}`);
      return problems;
    } finally {
      await orm.close();
    }
  });
}

async function main(command: string | undefined, args: string[]): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    switch (command) {
      case 'up': {
        const applied = await migrateUp(database.url);
        log.info({ database: describeDatabaseUrl(database.url), applied }, 'migrations applied');
        return 0;
      }
      case 'create':
        await createMigration(
          database.url,
          log,
          args.includes('--blank'),
          args.find((arg) => !arg.startsWith('--')),
        );
        return 0;
      case 'check': {
        const problems = await checkMigrations(database.url);
        for (const problem of problems) console.error(problem);
        if (problems.length === 0) console.log('migrations are current');
        return problems.length === 0 ? 0 : 1;
      }
      default:
        console.error('usage: migrate up | create [--blank] [name] | check');
        return 2;
    }
  } finally {
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv[2], process.argv.slice(3)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
