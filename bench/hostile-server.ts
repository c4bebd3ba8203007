/**
 * The server under test of `npm run bench:hostile`, in a process of its own so that its memory is
 * measured apart from the client's: serves on a free port over the database URL given as first
 * argument, with the body cap in bytes given as second,
 * sends its URL to the parent, and answers each `usage` message with its memory (RSS, heap used,
 * external, of which Buffers) and the CPU time it has used, and each `gc` message with the same
 * after two full garbage collections (when started with --expose-gc).
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
  maxRequestBytes: Number(process.argv[3]),
});
const url = await app.start();
const report = () => {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  process.send?.({ rss, heapUsed, external, arrayBuffers, cpuMs: (user + system) / 1000 });
};
process.on('message', (message) => {
  if (message === 'usage') report();
  if (message === 'gc') {
    // Node frees the memory of collected Buffers after the collection, on a thread of its own: read
    // after it has had time to.
    globalThis.gc?.();
    setTimeout(() => {
      globalThis.gc?.();
      setTimeout(report, 200);
    }, 200);
  }
  if (message === 'stop')
    void app
      .stop()
      .then(() => orm.close())
      .then(() => process.exit(0));
});
process.send?.({ url });
