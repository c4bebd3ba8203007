import { fileURLToPath } from 'node:url';
import { FlushMode } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig } from '@mikro-orm/postgresql';
import { entities } from './entities/index.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The ORM's options for one database. Nothing here connects: `initOrm` does.
 *
 * `writeSnapshot` is for generating migrations only: otherwise the migrator rewrites the committed
 * snapshot from the live database after every `up`, so merely starting the service would edit the
 * repository.
 */
export function ormConfig(clientUrl: string, { writeSnapshot = false } = {}) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      path: MIGRATIONS_DIR,
      glob: 'Migration*.{js,ts}',
      snapshotName: '.snapshot-campaign-engine',
      transactional: true,
      // Each migration in its own transaction, not all in one: an index built concurrently must
      // run outside any transaction, after the migrations before it have committed.
      allOrNothing: false,
      emit: 'ts',
      snapshot: writeSnapshot,
      silent: true,
    },
    // Forks only: a request or job that forgot to fork fails loudly instead of sharing state.
    allowGlobalContext: false,
    // Writes happen at an explicit flush only: a save that validation refuses must never be flushed
    // as a side effect of a query made while validating it.
    flushMode: FlushMode.COMMIT,
    // graphile-worker owns and migrates its own schema: schema diffs must leave it alone.
    schemaGenerator: { ignoreSchema: ['graphile_worker'] },
    pool: { min: 0, max: 10 },
    debug: false,
  });
}
