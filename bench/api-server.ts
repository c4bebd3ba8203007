/**
 * The servers of `npm run bench:api`, in one process apart from the load generator: the API over
 * the database URL given as first argument, a minimal Yoga server (the same graphql-yoga, one
 * trivial field) and a bare node:http server answering a fixed JSON body, each on a free port.
 * Sends their URLs to the parent, and answers each `stats` message with the SQL statements sent
 * to PostgreSQL so far (every pg client query, the ORM's and raw SQL alike) and the CPU time used.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import pino from 'pino';
import { initOrm } from '../src/db/orm.js';
import { buildApp } from '../src/server/app.js';
import { BENCH_ADMIN_KEY } from './api-workload.js';

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...sent: unknown[]) => unknown).apply(this, args);
} as typeof query;

const listen = (server: Server, path: string) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`),
    ),
  );

const orm = await initOrm(String(process.argv[2]));
const app = buildApp({
  orm,
  log: pino({ level: 'silent' }),
  adminApiKey: BENCH_ADMIN_KEY,
  host: '127.0.0.1',
  port: 0,
});
const minimal = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { isAdmin: Boolean! }',
    resolvers: { Query: { isAdmin: () => false } },
  }),
  logging: false,
});
const minimalServer = createServer(minimal);
const floorBody = JSON.stringify({ data: { viewer: { isAdmin: false } } });
const floorServer = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(floorBody));
});

const urls = {
  api: await app.start(),
  minimalYoga: await listen(minimalServer, '/graphql'),
  floor: await listen(floorServer, '/graphql'),
};
process.on('message', (message) => {
  if (message === 'stats') {
    const { user, system } = process.cpuUsage();
    process.send?.({ statements, cpuMs: (user + system) / 1000 });
  }
  if (message === 'stop') {
    minimalServer.close();
    floorServer.close();
    void app
      .stop()
      .then(() => orm.close())
      .then(() => process.exit(0));
  }
});
process.send?.({ urls });
