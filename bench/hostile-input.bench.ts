/**
 * Hostile input without a key (issue #13), in three processes so that no side's event loop stalls
 * another's: the server (hostile-server.ts), this attacker, and a /health poller
 * (hostile-health.ts). Every body is built before anything is timed. Each shape of
 * hostile-shapes.ts is sent `--requests` distinct times (default 100), eight at a time, after one
 * warm-up request of each. Reports per shape the answers (HTTP status and error code, or the
 * WebSocket close code) and two times: from the byte the server decides on to the answer's first
 * byte (what the goal is judged on), and from the request's start to it (upload included), and
 * the server's CPU time per request; the server's RSS before and after; and /health's latency
 * before and during the attack. Writes
 * hostile.json to bench/results/local/, or with --publish to bench/results/ (see bench/README.md).
 * Usage: npm run bench:hostile -- [--requests 100] [--max-request-bytes N] [--publish]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { MAX_ANONYMOUS_REQUEST_BYTES, MAX_REQUEST_BYTES } from '../src/server/body-limit.js';
import {
  httpShapes,
  sendHttp,
  sendOversizedWebSocketMessage,
  type Timing,
  WEBSOCKET_MESSAGE_BYTES,
} from './hostile-shapes.js';
import { writeResult } from './results-file.js';
import { withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const requests = process.argv.includes('--requests') ? Number(argument('--requests')) : 100;
/** The server's body cap (its MAX_REQUEST_BYTES), the default unless given. */
const capBytes = process.argv.includes('--max-request-bytes')
  ? Number(argument('--max-request-bytes'))
  : MAX_REQUEST_BYTES;
const CONCURRENCY = 8;
const MB = 1024 * 1024;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const round = (ms: number) => Math.round(ms * 10) / 10;
const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

interface Shape {
  name: string;
  bytes: number;
  /** Sends the i-th request (0 to `requests`; the last is the warm-up's) to the server at `url`. */
  send(url: string, i: number): Promise<Timing>;
}

// Built now, before any process starts: a head per request and the shape's shared tail.
const shapes: Shape[] = [
  ...httpShapes(capBytes).map((shape): Shape => {
    const tail = Buffer.from(shape.tail);
    const heads = Array.from({ length: requests + 1 }, (_, i) => Buffer.from(shape.head(i)));
    return {
      name: shape.name,
      bytes: (heads[0]?.length ?? 0) + tail.length,
      // No request here has a valid key: the server reads no more than that allows.
      send: (url, i) =>
        sendHttp(url, shape, heads[i] as Buffer, tail, Math.min(capBytes, MAX_ANONYMOUS_REQUEST_BYTES)),
    };
  }),
  (() => {
    const message = Buffer.alloc(WEBSOCKET_MESSAGE_BYTES, ' ');
    return {
      name: '12 MB WebSocket message before connection_init',
      bytes: message.length,
      send: (url: string) => sendOversizedWebSocketMessage(url, message),
    };
  })(),
];

/** Sends requests 0 to count - 1 of `shape`, CONCURRENCY at a time. */
async function attack(url: string, shape: Shape, count: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        timings.push(await shape.send(url, i));
      }
    }),
  );
  return timings;
}

function summary(shape: Shape, timings: Timing[]) {
  const answers: Record<string, number> = {};
  for (const { answer } of timings) answers[answer] = (answers[answer] ?? 0) + 1;
  // Times of the requests answered: one cut before its answer counts only among the answers.
  const answered = timings.filter((t) => !Number.isNaN(t.firstByte));
  const afterDecisive = answered.map((t) => t.firstByte - t.decisive);
  const total = answered.map((t) => t.firstByte);
  return {
    bodyMb: megabytes(shape.bytes),
    answers,
    answerAfterDecisiveByteMs: {
      p50: round(quantile(afterDecisive, 0.5)),
      p99: round(quantile(afterDecisive, 0.99)),
      max: round(Math.max(...afterDecisive)),
    },
    answerFromStartMs: { p50: round(quantile(total, 0.5)), p99: round(quantile(total, 0.99)) },
    decisiveByteSentMs: {
      p50: round(
        quantile(
          timings.map((t) => t.decisive),
          0.5,
        ),
      ),
    },
  };
}

/** Sends `message` to `child` and resolves with its next reply. */
function ask<T>(child: ChildProcess, message?: string): Promise<T> {
  const reply = new Promise<T>((resolve) => child.once('message', (answer) => resolve(answer as T)));
  if (message) child.send(message);
  return reply;
}

await withBenchDatabase(async (databaseUrl) => {
  const server = fork(
    new URL('hostile-server.ts', import.meta.url).pathname,
    [databaseUrl, String(capBytes)],
    {
      execArgv: ['--import', 'tsx', '--expose-gc'],
    },
  );
  const { url } = await ask<{ url: string }>(server);
  const poller = fork(
    new URL('hostile-health.ts', import.meta.url).pathname,
    [url.replace('/graphql', '/health')],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  await ask(poller);
  type Usage = { rss: number; heapUsed: number; external: number; arrayBuffers: number; cpuMs: number };
  const usage = (message = 'usage') => ask<Usage>(server, message);
  const memory = ({ rss, heapUsed, external, arrayBuffers }: Usage) => ({
    rssMb: megabytes(rss),
    heapUsedMb: megabytes(heapUsed),
    externalMb: megabytes(external),
    arrayBuffersMb: megabytes(arrayBuffers),
  });

  // The server's CPU while idle (its live-stream poll, the /health polls), which a shape's CPU per
  // request includes for as long as the shape runs: a shape whose connections are held longer
  // (the WebSocket's, held a second after its close) is charged more of it.
  const idleStart = { cpuMs: (await usage()).cpuMs, at: performance.now() };
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleCpuMsPerSecond =
    (((await usage()).cpuMs - idleStart.cpuMs) / (performance.now() - idleStart.at)) * 1000;
  const healthIdle = await ask(poller, 'report');
  const cold = memory(await usage());
  // One of each first, so that the server's code is compiled and its pools are in use before the
  // baseline is read.
  for (const shape of shapes) await shape.send(url, requests);
  const baseline = memory(await usage());
  await ask(poller, 'report');
  const results: Record<
    string,
    ReturnType<typeof summary> & { serverCpuMsPerRequest: number; seconds: number; rssAfterMb: number }
  > = {};
  for (const shape of shapes) {
    const before = await usage();
    const startedAt = performance.now();
    const timings = await attack(url, shape, requests);
    const after = await usage();
    const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
    results[shape.name] = {
      ...summary(shape, timings),
      serverCpuMsPerRequest: round((after.cpuMs - before.cpuMs) / requests),
      seconds,
      rssAfterMb: megabytes(after.rss),
    };
    console.log(shape.name, JSON.stringify(results[shape.name]));
  }
  const healthDuringAttack = await ask(poller, 'report');
  const after = memory(await usage());
  const afterGc = memory(await usage('gc'));
  const serverMemoryMb = {
    cold,
    baseline,
    after,
    afterFullGc: afterGc,
    rssGrowth: Math.round((after.rssMb - baseline.rssMb) * 10) / 10,
  };
  const serverIdleCpuMsPerSecond = round(idleCpuMsPerSecond);
  console.log({ serverMemoryMb, healthIdle, healthDuringAttack, serverIdleCpuMsPerSecond });
  poller.send('stop');
  server.send('stop');
  await Promise.all([poller, server].map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await writeResult('hostile.json', {
    date: new Date().toISOString(),
    requestsPerShape: requests,
    maxRequestBytes: capBytes,
    concurrency: CONCURRENCY,
    shapes: results,
    serverMemoryMb,
    healthLatencyMs: { idle: healthIdle, duringAttack: healthDuringAttack },
    serverIdleCpuMsPerSecond,
  });
});
