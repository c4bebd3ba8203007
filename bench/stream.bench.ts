/**
 * Live streaming under workload W1 (issue #6): the W1 run (a batch campaign over N leads: Change
 * Score, Change Data Value, Execute Campaign A → B → C with half the leads failing B's smart list,
 * Request Campaign; chunks of 500, two at a time, as the job queue runs them) against an
 * in-process server with its activity hub, with 0, 10 and 100 graphql-ws subscribers in another
 * process (see STREAMS for what each follows), in rounds. Reports, per configuration: the median
 * run time of its rounds (vs. without subscribers), the CPU time the run took in this process and
 * in PostgreSQL (vs. without subscribers), commit → receipt latency p50/p99/max (commit:
 * when the chunk's transaction returned; receipt: when the subscriber's message handler ran),
 * lost, duplicated and out-of-order counts (each subscriber's ids against the run's rows in the
 * table). Writes stream.json (stream-<kind>.json for the others) to bench/results/local/, or with
 * --publish to bench/results/ (see bench/README.md).
 * Usage: npm run bench:stream -- [--leads 100000] [--stream lead|execute|execute-batch|all] [--subscribers 10,100] [--rounds 5]
 *   [--read-interval ms] (the hub's minReadIntervalMs; default DEFAULT_MIN_READ_INTERVAL_MS) [--publish]
 *   [--receivers graphql-ws|lean] (how the subscribers read their frames: see stream-clients.ts)
 *   [--engine in-process|worker] (the run in the server's process, or in a worker process of its
 *   own announcing over Redis at REDIS_URL, default redis://127.0.0.1:6379, as a deployment with
 *   workers apart from the API runs it)
 *   [--cpu-profile dir] (a CPU profile of this process during each measured run, written to dir
 *   as <subscribers>-<n>.cpuprofile: the server's and the hub's work, and the engine's when it runs
 *   in this process; not the clients')
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import pino from 'pino';
import { createAnnouncer } from '../src/commands/announcer.js';
import { createApiKey } from '../src/commands/assets.js';
import { Workspace } from '../src/db/entities/workspace.entity.js';
import { initOrm, type Orm } from '../src/db/orm.js';
import { createEventBus, createInProcessEventBus, eventNamespace } from '../src/pubsub/events.js';
import { buildApp } from '../src/server/app.js';
import { DEFAULT_MIN_READ_INTERVAL_MS } from '../src/streaming/activity-hub.js';
import { postgresCpuSeconds, processCpuSeconds, profiled } from './process-cpu.js';
import { writeResult } from './results-file.js';
import { runW1, type WorkerRun } from './stream-engine.js';
import { newRun, seedW1, withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const option = (name: string) => (process.argv.includes(name) ? argument(name) : undefined);
const leadCount = Number(option('--leads') ?? 100_000);
const streamKind = option('--stream') ?? 'lead';
const subscriberCounts = (option('--subscribers') ?? '10,100').split(',').map(Number);
const readIntervalMs = Number(option('--read-interval') ?? DEFAULT_MIN_READ_INTERVAL_MS);
const profileDir = option('--cpu-profile');
const receivers = option('--receivers') ?? 'graphql-ws';
if (receivers !== 'graphql-ws' && receivers !== 'lean') throw new Error('--receivers: graphql-ws or lean');
const engineIn = option('--engine') ?? 'in-process';
if (engineIn !== 'in-process' && engineIn !== 'worker') throw new Error('--engine: in-process or worker');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Rounds of (no subscribers, then each subscriber count), and one more run without subscribers at
 * the end. One run's time varies noticeably from run to run, and runs get slower as the activity
 * table grows: each run with subscribers is compared with the two runs without them around it
 * (its round's and the next one's), and the slowdown is the median of those ratios.
 */
const rounds = Number(option('--rounds') ?? 5);

/**
 * What each subscriber follows. `lead` (the default): one lead of the run each, spread over the
 * audience (every chunk has some), a dashboard's view: few deliveries, the whole hub path.
 * `execute`: the run's Execute Campaign activities; `all`: every activity of the run. Each of the
 * last two hands every subscriber 1.5 (execute) or 5.5 (all) activities per lead. `execute-batch`:
 * the activities of `execute`, those of each read of the hub as one event (semantics A10).
 */
const STREAMS = {
  lead: {
    field: 'activityAdded',
    query: `subscription ($leadId: ID!) { activityAdded(filter: { leadId: $leadId }) {
      id type occurredAt ... on ExecuteCampaignActivity { qualified } } }`,
  },
  execute: {
    field: 'executeCampaignActivity',
    query: `subscription ($runId: ID!) { executeCampaignActivity(filter: { runId: $runId }) {
      id occurredAt qualified depth } }`,
  },
  'execute-batch': {
    field: 'executeCampaignActivities',
    query: `subscription ($runId: ID!) { executeCampaignActivities(filter: { runId: $runId }) {
      lastId activities { id occurredAt qualified depth } } }`,
  },
  all: {
    field: 'activityAdded',
    query: `subscription ($runId: ID!) { activityAdded(filter: { runId: $runId }) {
      id type occurredAt ... on ExecuteCampaignActivity { qualified } } }`,
  },
} as const;

/** W1's workspace, with an API key for the subscribers. */
async function seed(orm: Orm) {
  const ids = await seedW1(orm, leadCount);
  const em = orm.em.fork();
  const { secret } = await createApiKey({ em }, em.getReference(Workspace, ids.workspaceId), 'bench');
  return { workspaceId: ids.workspaceId, a: ids.a, key: secret };
}

interface ClientsResult {
  subscribers: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  outOfOrder: number;
  latencyMs: { p50: number; p99: number; max: number };
  errors: unknown[];
  cpuSeconds: number;
}

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (received: { type: string }) => {
      if (received.type !== type) return;
      child.off('message', onMessage);
      resolve(received as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the subscribers' process exited (${code})`)));
  });
}

async function main() {
  const stream = STREAMS[streamKind as keyof typeof STREAMS];
  if (!stream) throw new Error('--stream is lead, execute, execute-batch or all');
  await withBenchDatabase(async (url) => {
    const log = pino({ level: 'warn' });
    const orm = await initOrm(url);
    const ids = await seed(orm);
    const events =
      engineIn === 'worker'
        ? await createEventBus({ redisUrl, namespace: eventNamespace(url) })
        : createInProcessEventBus();
    const app = buildApp({
      orm,
      log,
      adminApiKey: randomBytes(24).toString('hex'),
      host: '127.0.0.1',
      port: 0,
      events,
      streaming: { minReadIntervalMs: readIntervalMs },
      // Each subscriber on a connection of its own, all with one key.
      maxWebSocketsPerKey: Math.max(...subscriberCounts),
    });
    const endpoint = await app.start();
    const announce = createAnnouncer(orm, events, log);
    const worker =
      engineIn === 'worker'
        ? fork(
            path.join(path.dirname(new URL(import.meta.url).pathname), 'stream-engine.ts'),
            ['--worker', url, redisUrl],
            {
              execArgv: ['--import', 'tsx'],
              stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            },
          )
        : undefined;
    if (worker) await message(worker, 'ready');
    /** The run, in this process or the worker's, and the worker's CPU seconds for it (0 in this process). */
    const runEngine = async (runId: string) => {
      if (!worker) return { ...(await runW1(orm, runId, announce)), workerCpuSeconds: 0 };
      const ran = message<WorkerRun>(worker, 'ran');
      worker.send({ type: 'run', runId });
      const { seconds, commits, cpuSeconds } = await ran;
      return {
        seconds,
        commits: new Map(commits.map(([seq, at]) => [seq, BigInt(at)])),
        workerCpuSeconds: cpuSeconds,
      };
    };

    const leads: { id: string }[] = await orm.em
      .fork()
      .getConnection()
      .execute('select id::text from lead where workspace_id = ? order by id', [ids.workspaceId]);

    /** Runs measured so far, by subscriber count: the name of each run's profile. */
    const profiles = new Map<number, number>();
    const measure = async (subscribers: number) => {
      const runId = await newRun(orm, ids.workspaceId, ids.a);
      const runGlobalId = encodeGlobalID('CampaignRun', runId);
      // The `lead` stream: subscriber i follows a lead i/subscribers of the way through the audience.
      const followed = Array.from(
        { length: subscribers },
        (_, index) => (leads[Math.floor(((index + 0.5) * leads.length) / subscribers)] as { id: string }).id,
      );
      let child: ChildProcess | undefined;
      if (subscribers > 0) {
        child = fork(path.join(path.dirname(new URL(import.meta.url).pathname), 'stream-clients.ts'), [], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const started = message(child, 'started');
        child.send({
          type: 'start',
          url: endpoint,
          key: ids.key,
          query: stream.query,
          variables: followed.map((leadId) =>
            streamKind === 'lead' ? { leadId: encodeGlobalID('Lead', leadId) } : { runId: runGlobalId },
          ),
          field: stream.field,
          receivers,
        });
        await started;
        while (app.streamStats().activityStreams < subscribers) await new Promise((r) => setTimeout(r, 20));
      }
      const cpuBefore = { process: processCpuSeconds(), postgres: postgresCpuSeconds() };
      const nth = (profiles.get(subscribers) ?? 0) + 1;
      profiles.set(subscribers, nth);
      const { seconds, commits, workerCpuSeconds } = await profiled(profileDir, `${subscribers}-${nth}`, () =>
        runEngine(runId),
      );
      const postgresAfter = postgresCpuSeconds();
      const cpu = {
        process: processCpuSeconds() - cpuBefore.process + workerCpuSeconds,
        postgres:
          postgresAfter === null || cpuBefore.postgres === null ? null : postgresAfter - cpuBefore.postgres,
      };
      const connection = orm.em.fork().getConnection();
      const activities: { id: string; lead_id: string; type: string }[] = await connection.execute(
        'select id::text, lead_id::text, type from activity where run_id = ? order by id',
        [runId],
      );
      const wanted = (leadId: string) =>
        activities
          .filter((row) =>
            streamKind === 'lead'
              ? row.lead_id === leadId
              : !streamKind.startsWith('execute') || row.type === 'EXECUTE_CAMPAIGN',
          )
          .map((row) => Number(row.id));
      let clients: ClientsResult | undefined;
      if (child) {
        // Each activity's chunk is its lead's: the range of ids each chunk's transaction wrote.
        const chunkOf = new Map<string, number>();
        const planned: { seq: number; lead_ids: string[] }[] = await connection.execute(
          'select seq, lead_ids from run_chunk where run_id = ?',
          [runId],
        );
        for (const chunk of planned)
          for (const leadId of chunk.lead_ids) chunkOf.set(String(leadId), chunk.seq);
        const ranges = new Map<number, { min: number; max: number }>();
        for (const row of activities) {
          const seq = chunkOf.get(row.lead_id) as number;
          const range = ranges.get(seq) ?? { min: Number(row.id), max: Number(row.id) };
          range.min = Math.min(range.min, Number(row.id));
          range.max = Math.max(range.max, Number(row.id));
          ranges.set(seq, range);
        }
        const result = message<ClientsResult>(child, 'result');
        child.send({
          type: 'finish',
          expectedIds: streamKind === 'lead' ? followed.map(wanted) : [wanted('')],
          chunks: [...ranges].map(([seq, range]) => ({ ...range, commitNs: String(commits.get(seq)) })),
        });
        clients = await result;
        await new Promise((resolve) => child?.once('exit', resolve));
        while (app.streamStats().activityStreams > 0) await new Promise((r) => setTimeout(r, 20));
      }
      return { subscribers, seconds, cpu, activities: activities.length, clients };
    };

    const measured = new Map<number, Awaited<ReturnType<typeof measure>>[]>();
    const record = async (subscribers: number) => {
      const run = await measure(subscribers);
      measured.set(subscribers, [...(measured.get(subscribers) ?? []), run]);
    };
    for (let round = 0; round < rounds; round += 1) {
      for (const count of [0, ...subscriberCounts]) await record(count);
    }
    await record(0);
    if (worker) {
      worker.send({ type: 'stop' });
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    await app.stop();
    await events.close();
    await orm.close();

    const round = (value: number, digits = 2) => Number(value.toFixed(digits));
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      return sorted.length % 2
        ? (sorted[middle] as number)
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    };
    const sum = (values: (number | undefined)[]) =>
      values.reduce<number>((total, value) => total + (value ?? 0), 0);
    const baselineRuns = measured.get(0) ?? [];
    const baselineSeconds = median(baselineRuns.map((run) => run.seconds));
    type Run = (typeof baselineRuns)[number];
    /** The run's and the PostgreSQL's CPU seconds (NaN when PostgreSQL's cannot be read). */
    const cpuSeconds = (run: Run) => run.cpu.process + (run.cpu.postgres ?? Number.NaN);
    /** Each run against the runs without subscribers around it: the median increase, in %. */
    const increasePercent = (runs: Run[], measureOf: (run: Run) => number) => {
      const ratios = runs.map((run, index) => {
        const before = baselineRuns[index];
        const after = baselineRuns[index + 1];
        if (!before || !after) return Number.NaN;
        return measureOf(run) / ((measureOf(before) + measureOf(after)) / 2);
      });
      return round((median(ratios) - 1) * 100, 1);
    };
    const cpuOf = (runs: Run[]) => ({
      process: round(median(runs.map((run) => run.cpu.process))),
      postgres: round(median(runs.map((run) => run.cpu.postgres ?? Number.NaN))),
    });
    const result = {
      leads: leadCount,
      stream: streamKind,
      query: stream.query.replace(/\s+/g, ' '),
      rounds,
      readIntervalMs,
      receivers,
      engine: engineIn,
      activitiesPerRun: baselineRuns[0]?.activities,
      withoutSubscribers: {
        seconds: round(baselineSeconds),
        runs: baselineRuns.map((run) => round(run.seconds)),
        cpuSeconds: cpuOf(baselineRuns),
      },
      withSubscribers: subscriberCounts.map((subscribers) => {
        const runs = measured.get(subscribers) ?? [];
        const clients = runs.flatMap((run) => (run.clients ? [run.clients] : []));
        const seconds = median(runs.map((run) => run.seconds));
        return {
          subscribers,
          seconds: round(seconds),
          runs: runs.map((run) => round(run.seconds)),
          slowdownPercent: increasePercent(runs, (run) => run.seconds),
          cpuSeconds: cpuOf(runs),
          cpuIncreasePercent: increasePercent(runs, cpuSeconds),
          // The subscribers' process: they share the machine's cores with the server.
          clientsCpuSeconds: round(median(clients.map((run) => run.cpuSeconds))),
          expected: sum(clients.map((run) => run.expected)),
          deliveries: sum(clients.map((run) => run.delivered)),
          // Per round: the median p50, the worst p99 and max.
          latencyMs: {
            p50: round(median(clients.map((run) => run.latencyMs.p50)), 1),
            p99: round(Math.max(...clients.map((run) => run.latencyMs.p99)), 1),
            max: round(Math.max(...clients.map((run) => run.latencyMs.max)), 1),
          },
          lost: sum(clients.map((run) => run.lost)),
          duplicated: sum(clients.map((run) => run.duplicated)),
          outOfOrder: sum(clients.map((run) => run.outOfOrder)),
          unexpected: sum(clients.map((run) => run.unexpected)),
          errors: clients.flatMap((run) => run.errors).slice(0, 5),
        };
      }),
    };
    const sumCpu = (cpu: { process: number; postgres: number }) => round(cpu.process + cpu.postgres);
    console.table(
      Object.fromEntries([
        [
          'no subscribers',
          {
            'run s': result.withoutSubscribers.seconds,
            'slowdown %': 0,
            'cpu s': sumCpu(result.withoutSubscribers.cpuSeconds),
            'cpu +%': 0,
            'p50 ms': null,
            'p99 ms': null,
          },
        ],
        ...result.withSubscribers.map((row) => [
          `${row.subscribers} subscribers`,
          {
            'run s': row.seconds,
            'slowdown %': row.slowdownPercent,
            'cpu s': sumCpu(row.cpuSeconds),
            'cpu +%': row.cpuIncreasePercent,
            'p50 ms': row.latencyMs?.p50,
            'p99 ms': row.latencyMs?.p99,
            'max ms': row.latencyMs?.max,
            deliveries: row.deliveries,
            lost: row.lost,
            duplicated: row.duplicated,
          },
        ]),
      ]),
    );
    console.log(JSON.stringify(result, null, 2));
    const stem = streamKind === 'lead' ? 'stream' : `stream-${streamKind}`;
    await writeResult(`${stem}${engineIn === 'worker' ? '-worker' : ''}.json`, result);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
