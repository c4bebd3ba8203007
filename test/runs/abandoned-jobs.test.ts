import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { planRun } from '../../src/runs/plan-run.js';
import { processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  finishedRun as finishedRunOf,
  queuedRun as queuedRunOf,
  scoringCampaign,
  sql as sqlOf,
} from '../helpers/failing-runs.js';

let t: TestApp;
let workspace: string;
let campaign: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  t = await startTestApp();
  ({ workspace, campaign } = await scoringCampaign(t));
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

const queuedRun = () => queuedRunOf(t, { workspace, campaign });
const finishedRun = (runId: string) => finishedRunOf(t, runId);
const sql = (statement: string) => sqlOf(t, statement);

describe('semantics R8 a job whose last try could not give up is handed to a give-up job by a sweep', () => {
  /** A worker in its last try: alive, so that the reaper leaves its lock alone. */
  const LIVE_WORKER = 'a-worker-in-its-last-try';
  /** Who locked a job, and how long ago. */
  interface Lock {
    by: string;
    secondsAgo: number;
  }
  /**
   * A job whose attempts are spent, as a last try that could not give up leaves it: unlocked, or
   * still locked.
   */
  async function spentJob(task: string, key: string, payload: object, locked?: Lock): Promise<void> {
    const connection = t.orm.em.fork().getConnection();
    await connection.execute(`select graphile_worker.add_job(?, ?::json, job_key := ?, max_attempts := 3)`, [
      task,
      JSON.stringify(payload),
      key,
    ]);
    await connection.execute(
      `update graphile_worker._private_jobs set attempts = max_attempts, locked_at = ?, locked_by = ?
       where key = ?`,
      [locked ? new Date(Date.now() - locked.secondsAgo * 1000) : null, locked?.by ?? null, key],
    );
  }
  const spentPlanJob = (runId: string, locked?: Lock) =>
    spentJob('run:plan', `run:${runId}:plan`, { runId }, locked);
  /** A job worker whose last heartbeat was `secondsAgo` seconds ago (negative: in the future). */
  const heartbeat = (workerId: string, secondsAgo: number) =>
    sql(
      `insert into job_worker (worker_id, heartbeat_at) values ('${workerId}', now() - interval '${secondsAgo} seconds')`,
    );
  const lockOf = async (key: string) =>
    (
      await t.orm.em
        .fork()
        .getConnection()
        .execute<{ locked_by: string | null }[]>(
          'select locked_by from graphile_worker._private_jobs where key = ?',
          [key],
        )
    )[0]?.locked_by;
  const jobKeys = async () =>
    (
      await t.orm.em
        .fork()
        .getConnection()
        .execute<{ key: string }[]>('select key from graphile_worker.jobs where key is not null order by key')
    ).map(({ key }) => key);

  it('fails the run with a reason that says so, and leaves a job still locked by its worker alone', async () => {
    await worker?.stop();
    worker = undefined;
    const abandoned = await queuedRun();
    const running = await queuedRun();
    await spentPlanJob(abandoned);
    await spentPlanJob(running, { by: LIVE_WORKER, secondsAgo: 0 });
    await heartbeat(LIVE_WORKER, -3600);
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { abandonedSweepMs: 200 });
    const run = await finishedRun(abandoned);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Stopped: its plan failed 3 times, and giving up could not be recorded then.');
    await vi.waitFor(async () => expect(await jobKeys()).toEqual([`run:${running}:plan`]), {
      timeout: 10_000,
    });
    const untouched = await t.orm.em.fork().findOneOrFail(CampaignRun, { id: running });
    expect(untouched.status).toBe('QUEUED');
  });

  it('leaves a last try whose worker is silent for seconds, or new, locked, and gives it up once the worker has been silent for minutes', async () => {
    await worker?.stop();
    worker = undefined;
    const cutOff = await queuedRun();
    const starting = await queuedRun();
    const dead = await queuedRun();
    await spentPlanJob(cutOff, { by: 'a-worker-cut-from-the-database', secondsAgo: 120 });
    await spentPlanJob(starting, { by: 'a-worker-not-yet-heard-from', secondsAgo: 0 });
    await spentPlanJob(dead, { by: 'a-worker-killed-in-its-last-try', secondsAgo: 120 });
    await heartbeat('a-worker-cut-from-the-database', 10);
    await heartbeat('a-worker-killed-in-its-last-try', 120);
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { abandonedSweepMs: 200 });
    const run = await finishedRun(dead);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Stopped: its plan failed 3 times, and giving up could not be recorded then.');
    // Past the reaper's six seconds, and several sweeps later, the other try is still its worker's.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await lockOf(`run:${cutOff}:plan`)).toBe('a-worker-cut-from-the-database');
    expect(await lockOf(`run:${starting}:plan`)).toBe('a-worker-not-yet-heard-from');
    for (const id of [cutOff, starting]) {
      expect((await t.orm.em.fork().findOneOrFail(CampaignRun, { id })).status).toBe('QUEUED');
    }
  });

  it('completes a run whose last chunk was applied by a try that stopped before its job was done', async () => {
    await worker?.stop();
    worker = undefined;
    const runId = await queuedRun();
    expect(await planRun(t.orm, runId, new Date())).toEqual([0]);
    expect(await processChunk(t.orm, runId, 0, new Date())).toBe(true);
    await spentJob('run:chunk', `run:${runId}:chunk:0`, { runId, seq: 0 });
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { abandonedSweepMs: 200 });
    const run = await finishedRun(runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.error ?? null).toBeNull();
    expect(run.leadsProcessed).toBeGreaterThan(0);
    expect(run.leadsProcessed).toBe(run.leadsTotal);
  });
});
