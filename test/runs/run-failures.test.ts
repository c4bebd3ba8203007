import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { planRun } from '../../src/runs/plan-run.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let campaign: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  const program = await createProgram(t, acme, 'Failing');
  campaign = databaseIdOf(
    await createCampaign(t, acme, {
      programId: program,
      name: 'Scores',
      qualificationRule: { kind: 'EVERY_TIME' },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    }),
  );
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }]);
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

/** A QUEUED run of the campaign, saved as the commands save one, without its job. */
async function queuedRun(fields: Partial<Pick<CampaignRun, 'kind' | 'leadIds'>> = {}): Promise<string> {
  const em = t.orm.em.fork();
  const run = em.create(CampaignRun, {
    workspace: databaseIdOf(acme.id),
    campaign,
    kind: 'BATCH',
    status: 'QUEUED',
    tokens: [],
    ...fields,
  });
  await em.flush();
  return run.id;
}

async function addJob(task: string, payload: Record<string, unknown>): Promise<void> {
  await t.orm.em
    .fork()
    .getConnection()
    .execute('select graphile_worker.add_job(?, ?::json)', [task, JSON.stringify(payload)]);
}

async function finishedRun(runId: string): Promise<CampaignRun> {
  return vi.waitFor(
    async () => {
      const run = await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId });
      if (run.status !== 'FAILED' && run.status !== 'COMPLETED') throw new Error(`still ${run.status}`);
      return run;
    },
    { timeout: 20_000, interval: 100 },
  );
}

describe('jobs that keep failing', () => {
  it('a plan that fails every time is given up after its attempts: the run is FAILED with a reason that carries no data', async () => {
    // Lead ids that are not numbers make every plan fail in the database, as a corrupt row would.
    const runId = await queuedRun({ kind: 'REQUESTED', leadIds: ['not-a-lead'] });
    await addJob('run:plan', { runId });
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { maxAttempts: 2 });
    const run = await finishedRun(runId);
    expect(run.status).toBe('FAILED');
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.error).toBe(
      'Stopped: its plan failed 2 times, the last with a database error (SQLSTATE 22P02).',
    );
    expect(run.error).not.toContain('not-a-lead');
    await worker.stop();
    worker = undefined;
  });

  it('a chunk that fails every time fails its run, which counts nobody as processed', async () => {
    const runId = await queuedRun();
    expect(await planRun(t.orm, runId, new Date())).toEqual([0]);
    await t.orm.em
      .fork()
      .getConnection()
      .execute(`update run_chunk set lead_ids = '["not-a-lead"]' where run_id = ?`, [runId]);
    await addJob('run:chunk', { runId, seq: 0 });
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { maxAttempts: 2 });
    const run = await finishedRun(runId);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe(
      'Stopped: its chunk 1 failed 2 times, the last with a database error (SQLSTATE 22P02).',
    );
    expect(run.leadsProcessed).toBe(0);
  });
});
