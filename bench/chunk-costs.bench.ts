/**
 * Where a W1 chunk's time goes, statement by statement, and what the activity table costs per row
 * (issue #17's scaling document, docs/scaling.md). W1 runs through the real run path (planRun,
 * processChunk) with 1 or more chunks at a time, one run or several at once; every statement the pg client sends is timed from
 * the client, attributed to its chunk through AsyncLocalStorage. The engine is not changed: the only
 * addition is, just before each chunk's activity COPY, `pg_advisory_xact_lock` on the commit-order
 * lock's key, which the COPY's trigger takes anyway (the lock is re-entrant within a transaction), so
 * that the wait for it is timed on its own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import pg from 'pg';
import { initOrm, type Orm } from '../src/db/orm.js';
import { readActivitiesById, readActivityKeys } from '../src/db/sql/activity-feed.js';
import { planRun } from '../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../src/runs/process-chunk.js';
import { writeResult } from './results-file.js';
import { newRun, seedW1, withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const leadCount = process.argv.includes('--leads') ? Number(argument('--leads')) : 20_000;
/**
 * Each entry one measurement, in order (alternating, since each run makes the table larger): `S`, one
 * run with S chunks at a time, or `RxS`, R runs at once, each of its own workspace's leads (they share
 * only the commit-order lock and the machine), each with S chunks at a time.
 */
const measurements = (process.argv.includes('--slots') ? argument('--slots') : '1,2,2,1')
  ?.split(',')
  .map((entry) => {
    const [runs, slots] = entry.includes('x') ? entry.split('x').map(Number) : [1, Number(entry)];
    return { runs: runs as number, slots: slots as number };
  }) as { runs: number; slots: number }[];

/** The commit-order lock's key (migration activity_commit_order). */
const COMMIT_ORDER_KEY = 7245001;
const LOCK_PROBE = `select pg_advisory_xact_lock(${COMMIT_ORDER_KEY})`;

const LABELS: [RegExp, string][] = [
  [/^begin/i, 'begin'],
  [/^commit/i, 'commit'],
  [/^select pg_advisory_xact_lock\(7245001\)/, 'commit-order lock wait'],
  [/^copy activity/, 'activity COPY'],
  [/^update run_chunk c set completed_at/, 'claim chunk'],
  [/select id, email, fields from lead .* for update/s, 'lead read and lock'],
  [/^update lead set fields/, 'lead update'],
  [/^insert into lead_campaign_history/, 'history upsert'],
  [/^update campaign_run set leads_processed/, 'run counters (run row lock)'],
  [/campaign_run/, 'triggered runs'],
  [/graphile_worker.add_job/, "triggered runs' jobs"],
  [/run_result/, 'result counters'],
];
const labelOf = (text: string) =>
  LABELS.find(([pattern]) => pattern.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 60);

interface ChunkTimes {
  /** Milliseconds per statement label, summed over the chunk. */
  statements: Map<string, number>;
  /** The backend's CPU milliseconds per statement label (from /proc, in 10 ms ticks: sum over chunks). */
  backendCpu: Map<string, number>;
  /** performance.now() when the commit-order lock was granted, and when the run's row was locked. */
  lockGranted?: number;
  counterDone?: number;
  committed?: number;
  started: number;
  ended?: number;
}
const chunkContext = new AsyncLocalStorage<ChunkTimes>();

/** A process's CPU milliseconds (user + system) from /proc; PostgreSQL runs on this machine. */
function cpuMsOf(pid: number | null): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Callbacks run in the socket's async context, not the chunk's: the chunk is captured at the call. */
function record(
  chunk: ChunkTimes,
  label: string,
  started: number,
  backend: { pid: number | null; cpu: number },
) {
  const ended = performance.now();
  chunk.statements.set(label, (chunk.statements.get(label) ?? 0) + (ended - started));
  const cpu = cpuMsOf(backend.pid) - backend.cpu;
  chunk.backendCpu.set(label, (chunk.backendCpu.get(label) ?? 0) + cpu);
  if (label === 'commit-order lock wait') chunk.lockGranted = ended;
  if (label === 'run counters (run row lock)') chunk.counterDone = ended;
  if (label === 'commit') chunk.committed = ended;
}

/** Times every statement of a chunk's transaction; knex sends them with a callback, COPY as a stream. */
function instrumentPg() {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function timedQuery(this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const chunk = chunkContext.getStore();
    if (!chunk) return original.apply(this, args);
    const started = performance.now();
    const pid = (this as unknown as { processID: number | null }).processID;
    const backend = { pid, cpu: cpuMsOf(pid) };
    if (config && typeof (config as { submit?: unknown }).submit === 'function') {
      const stream = config as NodeJS.EventEmitter & { text?: string };
      const text = String(stream.text ?? '');
      if (text.startsWith('copy activity')) {
        const probeStarted = performance.now();
        original.call(this, LOCK_PROBE, [], () => {
          record(chunk, 'commit-order lock wait', probeStarted, backend);
          backend.cpu = cpuMsOf(pid);
        });
      }
      // The COPY is queued behind the probe: it starts when the lock is granted.
      stream.once('finish', () => record(chunk, labelOf(text), chunk.lockGranted ?? started, backend));
      return original.apply(this, args);
    }
    const text = typeof config === 'string' ? config : String((config as { text?: string }).text ?? '');
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        record(chunk, labelOf(text), started, backend);
        return (callback as (...a: unknown[]) => unknown)(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown>;
    return result.finally(() => record(chunk, labelOf(text), started, backend));
  } as typeof pg.Client.prototype.query;
}

/** CPU seconds of the database's backends (user + system), read from /proc: PostgreSQL is local. */
async function backendCpuSeconds(orm: Orm): Promise<Map<number, number>> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ pid: number }[]>('select pid from pg_stat_activity where datname = current_database()');
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return cpu;
}
const cpuDelta = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function inSlots<T>(items: T[], slots: number, work: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: slots }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * Runs of W1's campaign A, one per workspace given, at once, each with `slots` chunks at a time:
 * wall, CPU and each chunk's statements.
 */
async function measuredRun(orm: Orm, campaigns: { workspaceId: string; a: string }[], slots: number) {
  const now = new Date();
  const planStarted = performance.now();
  const planned = [];
  for (const { workspaceId, a } of campaigns) {
    const runId = await newRun(orm, workspaceId, a);
    planned.push({ runId, seqs: await planRun(orm, runId, now) });
  }
  const planSeconds = (performance.now() - planStarted) / 1000;
  const chunks: ChunkTimes[] = [];
  const load = loadavg()[0] as number;
  const cpuBefore = process.cpuUsage();
  const backendBefore = await backendCpuSeconds(orm);
  const started = performance.now();
  await Promise.all(
    planned.map(({ runId, seqs }) =>
      inSlots(seqs, slots, async (seq) => {
        const chunk: ChunkTimes = {
          statements: new Map(),
          backendCpu: new Map(),
          started: performance.now(),
        };
        await chunkContext.run(chunk, () => processChunk(orm, runId, seq, now));
        chunk.ended = performance.now();
        chunks.push(chunk);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const backendSeconds = cpuDelta(backendBefore, await backendCpuSeconds(orm));
  for (const { runId } of planned) await completeIfDone(orm, runId, now);

  const labels = [...new Set(chunks.flatMap((chunk) => [...chunk.statements.keys()]))];
  const perChunk = Object.fromEntries(
    labels.map((label) => [label, round(median(chunks.map((chunk) => chunk.statements.get(label) ?? 0)))]),
  );
  const backendCpuPerChunk = Object.fromEntries(
    labels.map((label) => [
      label,
      round(chunks.reduce((sum, chunk) => sum + (chunk.backendCpu.get(label) ?? 0), 0) / chunks.length),
    ]),
  );
  const chunkMs = chunks.map((chunk) => (chunk.ended ?? 0) - chunk.started);
  const statementMs = chunks.map((chunk) => [...chunk.statements.values()].reduce((x, y) => x + y, 0));
  const lockHold = chunks.map((chunk) => (chunk.committed ?? 0) - (chunk.lockGranted ?? 0));
  const rowHold = chunks.map((chunk) => (chunk.committed ?? 0) - (chunk.counterDone ?? 0));
  const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);
  return {
    runId: planned[0]?.runId ?? '0',
    runsAtOnce: planned.length,
    slots,
    chunks: chunks.length,
    loadAverage: round(load, 1),
    planSeconds: round(planSeconds),
    chunkSeconds: round(seconds),
    leadsPerSecond: Math.round((leadCount * planned.length) / seconds),
    processCpuSeconds: round((cpu.user + cpu.system) / 1e6),
    backendCpuSeconds: round(backendSeconds),
    perChunkMedianMs: {
      wall: round(median(chunkMs)),
      statements: round(median(statementMs)),
      outsideStatements: round(median(chunkMs.map((ms, index) => ms - (statementMs[index] ?? 0)))),
      ...perChunk,
      commitOrderLockHold: round(median(lockHold)),
      runRowLockHold: round(median(rowHold)),
    },
    /** Mean over chunks: the sum of 10 ms ticks is an estimate that only a run's many chunks make fair. */
    backendCpuPerChunkMs: backendCpuPerChunk,
    processCpuPerChunkMs: round((cpu.user + cpu.system) / 1e3 / chunks.length),
    /** Each lock's hold summed over the chunks, over the wall time: the busy fraction (a run's row: per run). */
    commitOrderLockBusy: round(sum(lockHold) / 1000 / seconds),
    runRowLockBusy: round(sum(rowHold) / 1000 / seconds / planned.length),
  };
}

/** Heap, TOAST and each index of a table, total and per row. */
async function tableSizes(orm: Orm, table: string) {
  const connection = orm.em.fork().getConnection();
  await connection.execute(`vacuum analyze ${table}`);
  const [sizes] = await connection.execute<{ rows: number; heap: number; table: number; total: number }[]>(
    `select (select count(*) from ${table})::float8 as rows, pg_relation_size('${table}')::float8 as heap,
       pg_table_size('${table}')::float8 as table, pg_total_relation_size('${table}')::float8 as total`,
  );
  const indexes = await connection.execute<{ name: string; bytes: number }[]>(
    `select indexrelid::regclass::text as name, pg_relation_size(indexrelid)::float8 as bytes
     from pg_index where indrelid = '${table}'::regclass order by 1`,
  );
  const rows = sizes?.rows ?? 0;
  const perRow = (bytes: number) => round(bytes / rows, 1);
  return {
    rows,
    bytesPerRow: {
      heap: perRow(sizes?.heap ?? 0),
      tableWithToast: perRow(sizes?.table ?? 0),
      indexes: Object.fromEntries(indexes.map((index) => [index.name, perRow(index.bytes)])),
      total: perRow(sizes?.total ?? 0),
    },
  };
}

/** The hub's wide read (semantics A2): keys of 500 new rows, then the rows wanted, over a run's ids. */
async function hubReads(orm: Orm, runId: string) {
  const connection = orm.em.fork().getConnection();
  const [range] = await connection.execute<{ first: string; count: number }[]>(
    'select min(id)::text as first, count(*)::int as count from activity where run_id = ?',
    [runId],
  );
  let after = BigInt(range?.first ?? '0') - 1n;
  const keysMs: number[] = [];
  const rowsMs: number[] = [];
  for (let page = 0; page < 40; page += 1) {
    const keysStarted = performance.now();
    const { keys, lastId } = await readActivityKeys(orm.em.fork(), { after, limit: 500 });
    keysMs.push(performance.now() - keysStarted);
    const rowsStarted = performance.now();
    await readActivitiesById(
      orm.em.fork(),
      keys.map((key) => key.id),
    );
    rowsMs.push(performance.now() - rowsStarted);
    if (lastId === null) break;
    after = lastId;
  }
  const [plan] = await connection.execute<{ 'QUERY PLAN': { 'Execution Time': number }[] }[]>(
    `explain (analyze, format json) select id, workspace_id, lead_id, campaign_id, run_id, type
     from activity where id > ${BigInt(range?.first ?? '0')} order by id limit 500`,
  );
  return {
    pages: keysMs.length,
    keysPageMedianMs: round(median(keysMs)),
    rowsPageMedianMs: round(median(rowsMs)),
    keysPageExecutionMs: round(plan?.['QUERY PLAN'][0]?.['Execution Time'] ?? 0),
  };
}

async function main() {
  instrumentPg();
  await withBenchDatabase(async (url) => {
    const orm = await initOrm(url);
    const workspaces = [];
    const most = Math.max(...measurements.map((measurement) => measurement.runs));
    for (let index = 0; index < most; index += 1) workspaces.push(await seedW1(orm, leadCount));
    const runs = [];
    for (const { runs: runsAtOnce, slots } of measurements) {
      const run = await measuredRun(orm, workspaces.slice(0, runsAtOnce), slots);
      console.log(JSON.stringify(run, null, 2));
      runs.push(run);
    }
    const lastRun = runs.at(-1)?.runId ?? '0';
    const result = {
      leads: leadCount,
      runs,
      activity: await tableSizes(orm, 'activity'),
      leadCampaignHistory: await tableSizes(orm, 'lead_campaign_history'),
      lead: await tableSizes(orm, 'lead'),
      hubReads: await hubReads(orm, lastRun),
      loadAverageAfter: round(loadavg()[0] as number, 1),
    };
    await orm.close();
    console.log(JSON.stringify({ ...result, runs: undefined }, null, 2));
    await writeResult('chunk-costs.json', result);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
