/**
 * Hostile input without a key (issue #13): each shape an attacker sent, `--requests` distinct times
 * (default 100), eight at a time, against the real server in a process of its own
 * (hostile-server.ts), while /health is polled. Reports per shape the answers (HTTP status and
 * error code, or the WebSocket close code), the time to the answer (p50, max), the server's RSS
 * growth over all of them, and /health's latency meanwhile (p50, p99, max). Writes hostile.json to
 * bench/results/local/, or with --publish to bench/results/ (see bench/README.md).
 * Usage: npm run bench:hostile -- [--requests 100] [--publish]
 */
import { fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { writeResult } from './results-file.js';
import { withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const requests = process.argv.includes('--requests') ? Number(argument('--requests')) : 100;
const BATCH = 8;
const MB = 1024 * 1024;

const repeat = (count: number, text: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => text(index)).join(' ');
const query = (document: string) => JSON.stringify({ query: document });

/** Each shape's HTTP body for the i-th request: every request's document is distinct. */
const HTTP_SHAPES: Record<string, (i: number) => string> = {
  'aliases ~11 MB': (i) => query(`{ ${repeat(900_000, (n) => `r${i}a${n}:__typename`)} }`),
  'aliases ~3 MB (under the body cap)': (i) =>
    query(`{ ${repeat(250_000, (n) => `r${i}a${n}:__typename`)} }`),
  'aliases within the byte limit': (i) => query(`{ ${repeat(2_500, (n) => `r${i}a${n}:__typename`)} }`),
  '100,000 unused fragments': (i) =>
    query(`{ __typename } ${repeat(100_000, (n) => `fragment r${i}f${n} on Query { __typename }`)}`),
  '100,000 operations, one named': (i) =>
    JSON.stringify({
      query: repeat(100_000, (n) => `query r${i}q${n} { __typename }`),
      operationName: `r${i}q99999`,
    }),
  '150,000 @skip directives': (i) => query(`{ r${i}: __typename ${'@skip(if: false) '.repeat(150_000)} }`),
  'a list literal nested 50,000 deep': (i) =>
    query(`{ r${i}: node(id: ${'['.repeat(50_000)}1${']'.repeat(50_000)}) { id } }`),
  'a list literal nested 16,000 deep (within the byte limit)': (i) =>
    query(`{ r${i}: node(id: ${'['.repeat(16_000)}1${']'.repeat(16_000)}) { id } }`),
  '25 MB body': (i) => `{"query":"{ r${i}: __typename }"${' '.repeat(25 * MB)}}`,
};

/** Sends `body` chunked (no Content-Length) and resolves with the answer once its head and body are in. */
function postChunked(url: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const bytes = Buffer.from(body);
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => {
        request.destroy();
        const code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
          ?.extensions?.code;
        resolve(`${response.statusCode} ${code ?? 'no error'}`);
      });
    });
    // The server may close the connection on a refused body before this side reads the answer.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) resolve(`connection closed (${error.code})`);
    });
    let offset = 0;
    const write = () => {
      while (offset < bytes.length && !answered) {
        const chunk = bytes.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      if (!answered) request.end();
    };
    write();
  });
}

/** A 12 MB WebSocket message before connection_init: resolves with the close code. */
function oversizedWebSocketMessage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
    socket.once('error', () => {});
    socket.once('close', (code) => resolve(`close ${code}`));
    socket.once('open', () => socket.send(Buffer.alloc(12 * MB, ' ')));
    socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Polls /health every 20 ms until stopped, recording each answer's latency. */
function pollHealth(url: string) {
  const latencies: number[] = [];
  let running = true;
  const healthUrl = url.replace('/graphql', '/health');
  const done = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(healthUrl).then((response) => response.arrayBuffer());
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return {
        p50: round(quantile(latencies, 0.5)),
        p99: round(quantile(latencies, 0.99)),
        max: round(Math.max(...latencies)),
        polls: latencies.length,
      };
    },
  };
}

await withBenchDatabase(async (databaseUrl) => {
  const server = fork(new URL('hostile-server.ts', import.meta.url).pathname, [databaseUrl], {
    execArgv: ['--import', 'tsx'],
  });
  const next = <T>() =>
    new Promise<T>((resolve) => server.once('message', (message) => resolve(message as T)));
  const { url } = await next<{ url: string }>();
  const rss = async () => {
    const reply = next<{ rss: number }>();
    server.send('rss');
    return (await reply).rss;
  };

  // Each shape makes its i-th request ready (builds its body), then sends it when called, so that
  // the time to the answer leaves out building the body.
  type Shape = [string, (i: number) => () => Promise<string>];
  const shapes: Shape[] = [
    ...Object.entries(HTTP_SHAPES).map(([name, body]): Shape => {
      return [
        name,
        (i) => {
          const ready = body(i);
          return () => postChunked(url, ready);
        },
      ];
    }),
    ['12 MB WebSocket message before connection_init', () => () => oversizedWebSocketMessage(url)],
  ];
  // One of each first, so that the server's code is compiled and its pools are full before the
  // resident size is taken as the baseline.
  for (const [, prepare] of shapes) await prepare(-1)();
  const baseline = await rss();
  const health = pollHealth(url);
  const results: Record<string, { answers: Record<string, number>; p50Ms: number; maxMs: number }> = {};
  for (const [name, prepare] of shapes) {
    const answers: Record<string, number> = {};
    const latencies: number[] = [];
    for (let start = 0; start < requests; start += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, requests - start) }, (_, offset) => prepare(start + offset)).map(
          async (send) => {
            const began = performance.now();
            const answer = await send();
            latencies.push(performance.now() - began);
            answers[answer] = (answers[answer] ?? 0) + 1;
          },
        ),
      );
    }
    results[name] = { answers, p50Ms: round(quantile(latencies, 0.5)), maxMs: round(Math.max(...latencies)) };
    console.log(name, results[name]);
  }
  const healthLatency = await health.stop();
  const rssGrowthMb = Math.round(((await rss()) - baseline) / MB);
  console.log({ rssGrowthMb, healthLatency });
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
  await writeResult('hostile.json', {
    requestsPerShape: requests,
    concurrency: BATCH,
    shapes: results,
    serverRssGrowthMb: rssGrowthMb,
    healthLatencyMs: healthLatency,
  });
});
