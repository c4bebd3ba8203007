/**
 * The W1 run as the job worker runs it (plan, chunks two at a time, each announced after its
 * commit), for `npm run bench:stream`: called in the server's process, or (`--engine worker`) in
 * this file's own process, as a worker apart from the API runs it, announcing over Redis.
 */
import pino from 'pino';
import { type Announcer, createAnnouncer } from '../src/commands/announcer.js';
import { initOrm, type Orm } from '../src/db/orm.js';
import { createEventBus, eventNamespace } from '../src/pubsub/events.js';
import { planRun } from '../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../src/runs/process-chunk.js';
import { processCpuSeconds } from './process-cpu.js';
import { inParallel } from './w1-workload.js';

/** The run's seconds, and when each chunk's transaction returned (process.hrtime, one clock for every process). */
export async function runW1(orm: Orm, runId: string, announce: Announcer) {
  const now = new Date();
  const commits = new Map<number, bigint>();
  const started = performance.now();
  const seqs = await planRun(orm, runId, now);
  await inParallel(seqs, async (seq) => {
    await processChunk(orm, runId, seq, now);
    commits.set(seq, process.hrtime.bigint());
    await announce.chunkCommitted(runId);
  });
  await completeIfDone(orm, runId, now);
  await announce.runUpdated(runId);
  return { seconds: (performance.now() - started) / 1000, commits };
}

/** What the worker process answers for each run it was sent. */
export interface WorkerRun {
  type: 'ran';
  seconds: number;
  commits: [number, string][];
  cpuSeconds: number;
}

if (process.send && process.argv[2] === '--worker') {
  const url = String(process.argv[3]);
  const redisUrl = String(process.argv[4]);
  const log = pino({ level: 'warn' });
  const orm = await initOrm(url);
  const events = await createEventBus({ redisUrl, namespace: eventNamespace(url) });
  const announce = createAnnouncer(orm, events, log);
  process.on('message', async (message: { type: 'run'; runId: string } | { type: 'stop' }) => {
    if (message.type === 'stop') {
      await events.close();
      await orm.close();
      process.exit(0);
    }
    const cpuBefore = processCpuSeconds();
    const { seconds, commits } = await runW1(orm, message.runId, announce);
    const ran: WorkerRun = {
      type: 'ran',
      seconds,
      commits: [...commits].map(([seq, at]) => [seq, String(at)]),
      cpuSeconds: processCpuSeconds() - cpuBefore,
    };
    process.send?.(ran);
  });
  process.send({ type: 'ready' });
}
