import { type Config, ConfigError, loadConfig } from '../config.js';
import { DatabaseUnavailableError, openDatabase } from '../db/database.js';
import { DataFolderInUseError } from '../db/embedded-postgres.js';
import { migrateUp } from '../db/migrate.js';
import { initOrm } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { runProcess } from '../process-exit.js';
import { createDemo } from './create-demo.js';
import { demoInstructions } from './instructions.js';

/** Errors whose message is a complete explanation for the person running the command. */
const EXPLAINED = [ConfigError, DatabaseUnavailableError, DataFolderInUseError];

/**
 * `npm run demo`: adds a demo workspace to the service's database (DATABASE_URL, or the embedded
 * one in DATA_DIR) and prints how to try it. Run again, it adds another under the next free name.
 */
async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    const applied = await migrateUp(database.url);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const orm = await initOrm(database.url);
    try {
      const demo = await createDemo(orm, log);
      const url = `http://${config.host}:${config.port}/graphql`;
      console.log(`\n${demoInstructions(demo, url)}`);
      if (database.embedded) console.log('Start the service to try it: npm start\n');
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}

runProcess(() => main(loadConfig()), EXPLAINED);
