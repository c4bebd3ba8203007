import { run, type Task, type TaskList, Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import { completeIfDone, planBatchRun, processChunk, resumeWait } from './batch.js';
import { chunkJobKey, JOBS } from './jobs.js';

interface RunPayload {
  runId: string;
}
interface ChunkPayload extends RunPayload {
  seq: number;
}

function taskList(orm: Orm): TaskList {
  const plan: Task = async (payload, helpers) => {
    const { runId } = payload as RunPayload;
    const seqs = await planBatchRun(orm, runId, new Date());
    if (seqs.length === 0) return completeIfDone(orm, runId, new Date());
    for (const seq of seqs) {
      await helpers.addJob(JOBS.runChunk, { runId, seq } satisfies ChunkPayload, {
        jobKey: chunkJobKey(runId, seq),
      });
    }
  };
  const chunk: Task = async (payload) => {
    const { runId, seq } = payload as ChunkPayload;
    await processChunk(orm, runId, seq, new Date());
    await completeIfDone(orm, runId, new Date());
  };
  const resume: Task = async (payload) => {
    await resumeWait(orm, (payload as { waitId: string }).waitId, new Date());
  };
  return { [JOBS.planRun]: plan, [JOBS.runChunk]: chunk, [JOBS.resumeWait]: resume };
}

function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const method =
      level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
    log[method]({ worker: meta }, message);
  });
}

/** Runs the job queue's tasks until `stop`: inside the API process (WORKER=inline) or alone. */
export async function startWorker(orm: Orm, databaseUrl: string, log: Logger, concurrency = 2) {
  const runner = await run({
    connectionString: databaseUrl,
    concurrency,
    noHandleSignals: true,
    pollInterval: 500,
    logger: workerLogger(log),
    taskList: taskList(orm),
  });
  return { stop: () => runner.stop() };
}
