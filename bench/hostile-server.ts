/**
 * The server under test of `npm run bench:hostile`, in a process of its own so that its memory is
 * measured apart from the client's: serves on a free port over the database URL given as argument,
 * sends its URL to the parent, and answers each `usage` message with its memory (RSS, heap used,
 * external) and the CPU time it has used, and each `gc` message with the same after a full garbage
 * collection (when started with --expose-gc).
 */
import pino from 'pino';
import { initOrm } from '../src/db/orm.js';
import { buildApp } from '../src/server/app.js';

const orm = await initOrm(String(process.argv[2]));
const app = buildApp({
  orm,
  log: pino({ level: 'silent' }),
  adminApiKey: 'bench-admin-key-0123456789abcdef',
  host: '127.0.0.1',
  port: 0,
});
const url = await app.start();
process.on('message', (message) => {
  if (message === 'gc') globalThis.gc?.();
  if (message === 'usage' || message === 'gc') {
    const { rss, heapUsed, external } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    process.send?.({ rss, heapUsed, external, cpuMs: (user + system) / 1000 });
  }
  if (message === 'stop')
    void app
      .stop()
      .then(() => orm.close())
      .then(() => process.exit(0));
});
process.send?.({ url });
