import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCampaign, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import {
  finishedRun as finishedRunOf,
  queuedRun as queuedRunOf,
  scoringCampaign,
  sql as sqlOf,
} from '../helpers/failing-runs.js';
import { databaseIdOf } from '../helpers/global-ids.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let campaign: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  t = await startTestApp();
  ({ acme, program, campaign } = await scoringCampaign(t));
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

const queuedRun = (fields?: Parameters<typeof queuedRunOf>[2]) =>
  queuedRunOf(t, { workspace: databaseIdOf(acme.id), campaign }, fields);
const finishedRun = (runId: string) => finishedRunOf(t, runId);
const sql = (statement: string) => sqlOf(t, statement);

async function addJob(task: string, payload: Record<string, unknown>): Promise<void> {
  await t.orm.em
    .fork()
    .getConnection()
    .execute('select graphile_worker.add_job(?, ?::json)', [task, JSON.stringify(payload)]);
}

describe('semantics R8 jobs that keep failing', () => {
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
    await worker.stop();
    worker = undefined;
  });
});

describe('semantics R8 a resumed wait that fails every time', () => {
  let waiting: string;

  beforeAll(async () => {
    waiting = databaseIdOf(
      await createCampaign(t, acme, {
        programId: program,
        name: 'Waits, then scores',
        qualificationRule: { kind: 'EVERY_TIME' },
        flow: [{ action: { wait: { seconds: 2 } } }, { action: { changeScore: { change: '+1' } } }],
      }),
    );
    // Every resume fails in the database with an error whose message holds the lead's email.
    await sql(`create function refuse_resume() returns trigger language plpgsql as $$
      begin
        if new.status = 'RESUMED' then
          raise exception 'cannot resume %', (select email from lead where id = new.lead_id);
        end if;
        return new;
      end $$`);
    await sql(
      'create trigger refuse_resume before update on flow_wait for each row execute function refuse_resume()',
    );
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), { maxAttempts: 2 });
  });
  afterAll(() => sql('drop trigger refuse_resume on flow_wait'));

  /** A requested run of the waiting campaign for a new lead, its chunk applied: its wait is pending. */
  async function runWaitingFor(email: string): Promise<{ runId: string; leadId: string }> {
    const [lead] = await upsertLeads(t, acme, [{ email }]);
    const leadId = databaseIdOf(lead as string);
    const runId = await queuedRun({ campaign: waiting, kind: 'REQUESTED', leadIds: [leadId] });
    const now = new Date();
    const seqs = await planRun(t.orm, runId, now);
    await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)));
    return { runId, leadId };
  }

  async function failedWait(runId: string): Promise<FlowWait> {
    return vi.waitFor(
      async () => {
        const wait = await t.orm.em.fork().findOneOrFail(FlowWait, { run: runId });
        if (wait.status === 'PENDING') throw new Error('still PENDING');
        return wait;
      },
      { timeout: 20_000, interval: 100 },
    );
  }

  it.each([
    ['COMPLETED', (runId: string) => completeIfDone(t.orm, runId, new Date())],
    ['RUNNING', async () => undefined],
  ])('is FAILED with a reason that carries no data, and its %s run ends FAILED', async (status, settle) => {
    const { runId, leadId } = await runWaitingFor(`${status.toLowerCase()}-waiter@example.com`);
    await settle(runId);
    expect(await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId })).toMatchObject({ status });

    const wait = await failedWait(runId);
    expect(wait.status).toBe('FAILED');
    expect(wait.error).toBe('Its resume failed 2 times, the last with a database error (SQLSTATE P0001).');
    const run = await finishedRun(runId);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe(
      'Stopped: its resumed wait failed 2 times, the last with a database error (SQLSTATE P0001).',
    );
    expect(`${wait.error} ${run.error}`).not.toContain('waiter');
    expect(run.leadsProcessed).toBe(1);
    const lead = await t.orm.em.fork().findOneOrFail(Lead, { id: leadId });
    expect(lead.fields.score ?? 0).toBe(0);
    const activities = await t.orm.em.fork().find(Activity, { run: runId }, { orderBy: { id: 'asc' } });
    expect(activities.map((activity) => activity.type)).toEqual(['CAMPAIGN_IS_REQUESTED', 'WAIT']);
  });

  it('is FAILED, and its CANCELLED run stays CANCELLED', async () => {
    const { runId } = await runWaitingFor('cancelled-waiter@example.com');
    await t.orm.em.fork().nativeUpdate(CampaignRun, { id: runId }, { status: 'CANCELLED' });
    expect((await failedWait(runId)).status).toBe('FAILED');
    expect(await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId })).toMatchObject({
      status: 'CANCELLED',
      error: null,
    });
  });
});

describe('semantics R8 a resumed wait gives up at its job’s last attempt, however the give-up goes', () => {
  let waiting: string;
  const WORKER_ATTEMPTS = 10;

  beforeAll(async () => {
    await worker?.stop();
    waiting = databaseIdOf(
      await createCampaign(t, acme, {
        programId: program,
        name: 'Waits, then scores, refused',
        qualificationRule: { kind: 'EVERY_TIME' },
        flow: [{ action: { wait: { seconds: 1 } } }, { action: { changeScore: { change: '+1' } } }],
      }),
    );
    await sql(
      'create trigger refuse_resume before update on flow_wait for each row execute function refuse_resume()',
    );
    // Marking a wait FAILED fails its first refused_give_ups_limit times, counted by a sequence
    // (the failing statement's transaction rolls back).
    await sql('create sequence refused_give_ups');
    await sql(`create function refuse_give_up() returns trigger language plpgsql as $$
      begin
        if new.status = 'FAILED' and nextval('refused_give_ups') <= (select last_value from refused_give_ups_limit) then
          raise exception 'cannot give up %', (select email from lead where id = new.lead_id);
        end if;
        return new;
      end $$`);
    await sql('create table refused_give_ups_limit (last_value bigint not null)');
    await sql('insert into refused_give_ups_limit values (0)');
    await sql(
      'create trigger refuse_give_up before update on flow_wait for each row execute function refuse_give_up()',
    );
    // The worker's own bound is above the jobs': the job's own max_attempts is the last try.
    worker = await startWorker(t.orm, t.database.url, pino({ level: 'silent' }), {
      maxAttempts: WORKER_ATTEMPTS,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    worker = undefined;
    await sql('drop trigger refuse_resume on flow_wait');
    await sql('drop trigger refuse_give_up on flow_wait');
  });

  /**
   * A requested run of the waiting campaign for a new lead, its chunk applied, its wait's resume
   * job enqueued again with `maxAttempts` tries, as a job enqueued with another bound would be.
   */
  async function runWaitingFor(email: string, maxAttempts: number): Promise<string> {
    const [lead] = await upsertLeads(t, acme, [{ email }]);
    const runId = await queuedRun({
      campaign: waiting,
      kind: 'REQUESTED',
      leadIds: [databaseIdOf(lead as string)],
    });
    const now = new Date();
    const seqs = await planRun(t.orm, runId, now);
    await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)));
    const wait = await t.orm.em.fork().findOneOrFail(FlowWait, { run: runId });
    await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `select graphile_worker.add_job('wait:resume', ?::json, run_at := ?, job_key := ?, max_attempts := ?)`,
        [JSON.stringify({ waitId: wait.id }), wait.resumeAt, `wait:${wait.id}`, maxAttempts],
      );
    return runId;
  }

  async function settledWait(runId: string): Promise<FlowWait> {
    return vi.waitFor(
      async () => {
        const wait = await t.orm.em.fork().findOneOrFail(FlowWait, { run: runId });
        if (wait.status === 'PENDING') throw new Error('still PENDING');
        return wait;
      },
      { timeout: 30_000, interval: 100 },
    );
  }

  it('is FAILED after the job’s own 2 attempts, though the worker would try 10', async () => {
    const runId = await runWaitingFor('few-tries@example.com', 2);
    const wait = await settledWait(runId);
    expect(wait.status).toBe('FAILED');
    expect(wait.error).toBe('Its resume failed 2 times, the last with a database error (SQLSTATE P0001).');
    expect((await finishedRun(runId)).status).toBe('FAILED');
  });

  it('is FAILED when marking it FAILED fails at the last attempt, by a give-up job of its own', async () => {
    await sql('alter sequence refused_give_ups restart');
    await sql('update refused_give_ups_limit set last_value = 1');
    const runId = await runWaitingFor('refused-give-up@example.com', 2);
    const wait = await settledWait(runId);
    expect(wait.status).toBe('FAILED');
    expect(wait.error).toBe('Its resume failed 2 times, the last with a database error (SQLSTATE P0001).');
    const run = await finishedRun(runId);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe(
      'Stopped: its resumed wait failed 2 times, the last with a database error (SQLSTATE P0001).',
    );
    // Marked FAILED at the second try: the first, within the resume's last attempt, was refused.
    const [sequence] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ tries: string }[]>('select last_value::text as tries from refused_give_ups');
    expect(sequence?.tries).toBe('2');
    const errors = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ last_error: string | null }[]>('select last_error from graphile_worker.jobs');
    expect(JSON.stringify(errors)).not.toContain('refused-give-up');
  });
});
