/**
 * The /health poller of `npm run bench:hostile`, in a process of its own so that its event loop is
 * neither the attacker's nor the server's. Polls the URL given as argument every 20 ms, each time on
 * a new connection, and on each `report` message sends the latencies since the previous one
 * (p50, p99, max, count, failures) and starts over; `stop` ends it.
 */
import { get } from 'node:http';

const url = String(process.argv[2]);
let latencies: number[] = [];
let failures = 0;
let running = true;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

function poll(): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode === 200) latencies.push(performance.now() - started);
        else failures += 1;
        resolve();
      });
    }).on('error', () => {
      failures += 1;
      resolve();
    });
  });
}

process.on('message', (message) => {
  if (message === 'stop') running = false;
  if (message !== 'report') return;
  const sorted = [...latencies].sort((a, b) => a - b);
  process.send?.({
    p50Ms: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
    polls: sorted.length,
    failures,
  });
  latencies = [];
  failures = 0;
});

process.send?.('polling');
while (running) {
  await poll();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.disconnect?.();
