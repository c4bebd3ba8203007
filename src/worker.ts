import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnavailableError, withClient } from './db/database.js';
import { migrateUp } from './db/migrate.js';
import { initOrm } from './db/orm.js';
import { createLogger } from './logger.js';
import { runProcess } from './process-exit.js';
import { createEventBus, EventBusUnavailableError, eventNamespace } from './pubsub/events.js';
import { startWorker } from './runs/job-runner.js';

/**
 * A job worker alone, for scale-out: API replicas with WORKER=off plus any number of these on the
 * same database. It needs that database's DATABASE_URL: an embedded one would be its own.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError('npm run worker needs DATABASE_URL: the database of the API it serves');
  const log = createLogger(config.logLevel);
  await withClient(config.databaseUrl, (client) => client.query('select 1'));
  await migrateUp(config.databaseUrl);
  // Without REDIS_URL the API servers do not hear this process: their subscribers still get
  // everything, from their servers' polling, only later.
  const events = await createEventBus({
    redisUrl: config.redisUrl,
    namespace: eventNamespace(config.databaseUrl),
    onError: (error) => log.warn({ err: error }, 'event bus error'),
  });
  const orm = await initOrm(config.databaseUrl);
  const worker = await startWorker(orm, config.databaseUrl, log, {
    publisher: events,
    allowedWebhookTargets: config.webhookAllowedHosts,
  });
  log.info({ events: events.distributed ? 'redis' : 'none' }, 'job worker started');
  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'stopping the job worker');
    worker
      .stop()
      .catch((error: unknown) => {
        log.error({ err: error }, 'stopping the job worker failed');
        process.exitCode = 1;
      })
      .finally(() => Promise.all([orm.close(), events.close()]));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

runProcess(main, [ConfigError, DatabaseUnavailableError, EventBusUnavailableError]);
