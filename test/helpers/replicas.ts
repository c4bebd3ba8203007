import { Redis } from 'ioredis';
import { createEventBus, type EventBus, eventNamespace } from '../../src/pubsub/events.js';
import type { AppOptions } from '../../src/server/app.js';
import { startTestApp } from './app.js';
import { createTestDatabase } from './database.js';

/** The machine's Redis, which the tests of servers sharing events use when it answers. */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis server answers PING at `url` within a second. */
export async function redisAnswers(url = REDIS_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Two apps on one new database, each on a Redis bus of its own, as separate processes would be:
 * what reaches one from the other came through Redis. `bus()` makes one more bus on their
 * namespace (a job worker's); `close()` stops both apps, drops the database and closes every bus.
 */
export async function startReplicas(streaming: AppOptions['streaming']) {
  const database = await createTestDatabase();
  const buses: EventBus[] = [];
  const bus = async () => {
    const created = await createEventBus({ redisUrl: REDIS_URL, namespace: eventNamespace(database.url) });
    buses.push(created);
    return created;
  };
  const a = await startTestApp(database, { events: await bus(), streaming });
  const b = await startTestApp(database, { events: await bus(), streaming });
  return {
    a,
    b,
    bus,
    async close() {
      await b.app.stop();
      await b.orm.close();
      await a.close();
      for (const created of buses) await created.close();
    },
  };
}
