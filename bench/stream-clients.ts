/**
 * The subscribers of `npm run bench:stream`, in a process of their own so that their work does not
 * run on the server's event loop. Driven over IPC by bench/stream.bench.ts:
 *   start  {url, key, subscribers, query, variables, field, receivers}  → opens one connection and
 *          one subscription per subscriber, records (id, receipt time) of every activity (of every
 *          activity of a batch, for a field that yields `{ activities }`);
 *   finish {expectedIds, chunks: [{min, max, commitNs}]}      → waits until every subscriber has
 *          them all (or 60 s without progress), answers lost/duplicated counts, latencies and the
 *          CPU seconds this process used from `start` until everything arrived (receiving and
 *          parsing; not the server's, nor the counting that follows).
 * Times are process.hrtime (CLOCK_MONOTONIC): comparable with the server process's on one machine.
 *
 * Receivers: `graphql-ws`, the graphql-ws client, which decodes every frame into objects as an
 * application would; or `lean`, a graphql-transport-ws client of its own that finds the activity ids
 * in each next frame's text without decoding it. On one machine the receivers share the cores with
 * the server and PostgreSQL, and decoding every activity for 100 subscribers takes more CPU than the
 * run itself: lean receivers leave the cores to the server, as subscribers on other machines would.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

interface Start {
  type: 'start';
  url: string;
  key: string;
  query: string;
  /** One subscriber per entry: its variables. */
  variables: Record<string, unknown>[];
  field: string;
  receivers: 'graphql-ws' | 'lean';
}
interface Finish {
  type: 'finish';
  /** Per subscriber, the ids it must receive (one list: the same for all). */
  expectedIds: number[][];
  chunks: { min: number; max: number; commitNs: string }[];
}

interface Subscriber {
  ids: number[];
  times: bigint[];
  errors: unknown[];
  ended: boolean;
}

const subscribers: Subscriber[] = [];
/** This process's CPU time when the subscriptions were opened: what receiving cost is measured from. */
let cpuAtStart = 0;
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const clients: { dispose(): unknown }[] = [];

/** The operation id a lean receiver subscribes with, and how its next frames begin. */
const LEAN_OPERATION = 'feed';
const LEAN_NEXT = `{"id":"${LEAN_OPERATION}","type":"next","payload":`;
/**
 * How an activity's id begins in a frame's text. Activity ids are the only ids of the feeds made of
 * digits alone (leads', campaigns' and runs' are global ids), and `lastId` is not `"id"`.
 */
const ID_KEY = '"id":"';
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const QUOTE = 34;

/** Calls `found` with each activity id in a frame's text, in order. */
function eachActivityId(text: string, found: (id: number) => void): void {
  for (let at = text.indexOf(ID_KEY); at !== -1; at = text.indexOf(ID_KEY, at)) {
    at += ID_KEY.length;
    const start = at;
    let id = 0;
    for (let code = text.charCodeAt(at); code >= DIGIT_0 && code <= DIGIT_9; code = text.charCodeAt(++at))
      id = id * 10 + code - DIGIT_0;
    if (at > start && text.charCodeAt(at) === QUOTE) found(id);
  }
}

/** A graphql-transport-ws client that reads only the activity ids of its next frames. */
function leanReceiver(message: Start, variables: Record<string, unknown>, subscriber: Subscriber) {
  const socket = new WebSocket(message.url.replace('http://', 'ws://'), 'graphql-transport-ws');
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: message.key } })),
  );
  socket.on('message', (data) => {
    const text = String(data);
    if (text.startsWith(LEAN_NEXT)) {
      const receivedAt = process.hrtime.bigint();
      eachActivityId(text, (id) => {
        subscriber.times.push(receivedAt);
        subscriber.ids.push(id);
      });
      if (text.includes('"errors":')) subscriber.errors.push(...JSON.parse(text).payload.errors);
      return;
    }
    const control = JSON.parse(text) as { type: string; payload?: unknown };
    if (control.type === 'connection_ack') {
      socket.send(
        JSON.stringify({
          id: LEAN_OPERATION,
          type: 'subscribe',
          payload: { query: message.query, variables },
        }),
      );
    } else if (control.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (control.type === 'error' || control.type === 'complete') {
      if (control.type === 'error') subscriber.errors.push(control.payload);
      subscriber.ended = true;
    }
  });
  socket.on('error', (error) => subscriber.errors.push(error.message));
  socket.on('close', () => {
    subscriber.ended = true;
  });
  return { dispose: () => socket.close() };
}

function start(message: Start) {
  for (const variables of message.variables) {
    const subscriber: Subscriber = { ids: [], times: [], errors: [], ended: false };
    subscribers.push(subscriber);
    if (message.receivers === 'lean') {
      clients.push(leanReceiver(message, variables, subscriber));
      continue;
    }
    const client = createClient({
      url: message.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: message.key },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe<Record<string, { id: string } | { activities: { id: string }[] }>>(
      { query: message.query, variables },
      {
        next: (result) => {
          const node = result.data?.[message.field];
          // A batch field's event holds a list of activities, received at once.
          const activities =
            node && 'activities' in node ? (node.activities as { id: string }[]) : node ? [node] : [];
          const receivedAt = process.hrtime.bigint();
          for (const activity of activities) {
            subscriber.times.push(receivedAt);
            subscriber.ids.push(Number(activity.id));
          }
          if (result.errors) subscriber.errors.push(...result.errors);
        },
        error: (error) => {
          subscriber.errors.push(error instanceof Error ? error.message : error);
          subscriber.ended = true;
        },
        complete: () => {
          subscriber.ended = true;
        },
      },
    );
  }
  cpuAtStart = cpuSeconds();
  process.send?.({ type: 'started' });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function finish(message: Finish) {
  const expectedOf = (index: number) =>
    (message.expectedIds.length === 1 ? message.expectedIds[0] : message.expectedIds[index]) ?? [];
  const total = () => subscribers.reduce((sum, subscriber) => sum + subscriber.ids.length, 0);
  // Wait for the stragglers: until everyone has everything, or nothing arrived for 60 s.
  for (let last = -1, still = 0; still < 600; ) {
    if (subscribers.every((s, index) => s.ended || s.ids.length >= expectedOf(index).length)) break;
    const now = total();
    still = now === last ? still + 1 : 0;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Receiving ends here; what follows is this benchmark's own accounting.
  const receivingCpuSeconds = cpuSeconds() - cpuAtStart;
  const chunks = message.chunks
    .map((chunk) => ({ ...chunk, commit: BigInt(chunk.commitNs) }))
    .sort((a, b) => a.min - b.min);
  const commitOf = (id: number): bigint | null => {
    let low = 0;
    let high = chunks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const chunk = chunks[middle] as (typeof chunks)[number];
      if (id < chunk.min) high = middle - 1;
      else if (id > chunk.max) low = middle + 1;
      else return chunk.commit;
    }
    return null;
  };
  const latencies = new Float64Array(total());
  let samples = 0;
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  let outOfOrder = 0;
  const errors: unknown[] = [];
  let expectedTotal = 0;
  for (const [index, subscriber] of subscribers.entries()) {
    const expected = expectedOf(index);
    expectedTotal += expected.length;
    const expectedSet = new Set(expected);
    const seen = new Set<number>();
    for (let index = 0; index < subscriber.ids.length; index += 1) {
      const id = subscriber.ids[index] as number;
      if (seen.has(id)) duplicated += 1;
      else seen.add(id);
      if (!expectedSet.has(id)) unexpected += 1;
      if (index > 0 && id <= (subscriber.ids[index - 1] as number)) outOfOrder += 1;
      const commit = commitOf(id);
      if (commit !== null) latencies[samples++] = Number((subscriber.times[index] as bigint) - commit) / 1e6;
    }
    for (const id of expected) if (!seen.has(id)) lost += 1;
    errors.push(...subscriber.errors.slice(0, 3));
  }
  const sorted = latencies.subarray(0, samples).sort();
  process.send?.({
    type: 'result',
    subscribers: subscribers.length,
    expected: expectedTotal,
    delivered: total(),
    lost,
    duplicated,
    unexpected,
    outOfOrder,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    },
    errors: errors.slice(0, 5),
    cpuSeconds: receivingCpuSeconds,
  });
  await Promise.all(clients.map((client) => client.dispose()));
  process.disconnect?.();
}

process.on('message', (message: Start | Finish) => {
  if (message.type === 'start') start(message);
  else if (message.type === 'finish') void finish(message);
});
