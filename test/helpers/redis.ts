import { Redis } from 'ioredis';

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
