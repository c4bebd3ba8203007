import { type Config, ConfigError, loadConfig } from './config.js';
import { DatabaseUnavailableError, describeDatabaseUrl, openDatabase } from './db/database.js';
import { DataFolderInUseError } from './db/embedded-postgres.js';
import { migrateUp } from './db/migrate.js';
import { initOrm } from './db/orm.js';
import { createDemo } from './demo/create-demo.js';
import { demoInstructions } from './demo/instructions.js';
import { createLogger } from './logger.js';
import { runProcess } from './process-exit.js';
import { createEventBus, EventBusUnavailableError, eventNamespace } from './pubsub/events.js';
import { startWorker } from './runs/job-runner.js';
import { resolveAdminKey } from './server/admin-key.js';
import { buildApp, ListenError } from './server/app.js';
import { CONSOLE_PATH } from './server/console.js';

/** Errors whose message is a complete explanation for the person starting the service. */
const EXPLAINED = [
  ConfigError,
  DatabaseUnavailableError,
  DataFolderInUseError,
  ListenError,
  EventBusUnavailableError,
];

async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const cleanups: (() => Promise<void>)[] = [database.stop];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const applied = await migrateUp(database.url);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const orm = await initOrm(database.url);
    cleanups.push(() => orm.close());
    // A new embedded database starts with the demo; an existing one, or DATABASE_URL, only on `npm run demo`.
    const demo = database.created ? await createDemo(orm, log) : undefined;
    const events = await createEventBus({
      redisUrl: config.redisUrl,
      namespace: eventNamespace(database.url),
      onError: (error) => log.warn({ err: error }, 'event bus error'),
    });
    cleanups.push(() => events.close());
    if (config.worker === 'inline') {
      const worker = await startWorker(orm, database.url, log, {
        publisher: events,
        allowedWebhookTargets: config.webhookAllowedHosts,
      });
      cleanups.push(worker.stop);
    }
    const adminKey = await resolveAdminKey(config);
    const app = buildApp({
      orm,
      log,
      adminApiKey: adminKey.key,
      host: config.host,
      port: config.port,
      events,
      streaming: { minReadIntervalMs: config.streamReadIntervalMs },
      allowedWebhookTargets: config.webhookAllowedHosts,
      corsOrigins: config.corsOrigins,
      maxRequestBytes: config.maxRequestBytes,
    });
    cleanups.push(app.stop);
    const url = await app.start();
    log.info({ url, database: describeDatabaseUrl(database.url), embedded: database.embedded }, 'listening');
    console.log(`\nCampaign engine ready at ${url} (GraphiQL in a browser)`);
    console.log(`Console: ${new URL(CONSOLE_PATH, url)} (the campaign graph, the live feed, runs, dry runs)`);
    console.log(`Health: ${new URL('/health', url)}`);
    if (adminKey.file) console.log(`Admin API key (kept in ${adminKey.file}): ${adminKey.key}\n`);
    else console.log('Admin API key: the value of ADMIN_API_KEY\n');
    if (demo) console.log(demoInstructions(demo, url));

    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      cleanUp().then(
        () => {
          log.info('stopped');
          // Nothing should be left to keep the process alive; if something is, do not hang forever.
          setTimeout(() => {
            log.error('a handle was still open after shutdown');
            process.exit(1);
          }, 10_000).unref();
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

runProcess(() => main(loadConfig()), EXPLAINED);
