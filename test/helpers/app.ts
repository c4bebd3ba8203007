import pino from 'pino';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { type App, type AppOptions, buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

/**
 * A running test app. Disposable: `await using t = await startTestApp()` closes it when the block
 * ends, failed or not; suites that share one app call `close()` in afterAll.
 */
export interface TestApp extends AsyncDisposable {
  app: App;
  orm: Orm;
  database: TestDatabase;
  /** Runs an operation through `yoga.fetch` (no port), with `key` as the bearer key when given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Stops the app, closes its ORM and drops its database. */
  close(): Promise<void>;
}

/**
 * The real app over a fresh migrated database; port 0 so that `start()` picks a free port.
 * `options` may give it an event bus, stream tuning, limits, webhook targets or CORS origins to allow.
 */
export async function startTestApp(
  database?: TestDatabase,
  options: Pick<
    AppOptions,
    | 'events'
    | 'streaming'
    | 'maxSubscriptionsPerConnection'
    | 'allowedWebhookTargets'
    | 'maxWebSocketsPerKey'
    | 'corsOrigins'
    | 'maxRequestBytes'
  > &
    Partial<Pick<AppOptions, 'log'>> = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const orm = await initOrm(db.url);
  const app = buildApp({
    orm,
    log: options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    adminApiKey: ADMIN_KEY,
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  const close = async () => {
    await app.stop();
    await orm.close();
    await db.drop();
  };
  return {
    app,
    orm,
    database: db,
    async graphql(query, variables, key) {
      const response = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
