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
let program: string;
let campaign: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Failing');
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
async function queuedRun(
  fields: Partial<Pick<CampaignRun, 'kind' | 'leadIds'>> & { campaign?: string } = {},
): Promise<string> {
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

async function sql(statement: string): Promise<void> {
  await t.orm.em.fork().getConnection().execute(statement);
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

describe('semantics R8 a job whose last try could not give up is handed to a give-up job by a sweep', () => {
  /** A worker in its last try: alive, so that the reaper leaves its lock alone. */
  const LIVE_WORKER = 'a-worker-in-its-last-try';
  /** A plan job for the run whose attempts are spent, as a last try that could not give up leaves it. */
  async function spentPlanJob(runId: string, locked: boolean): Promise<void> {
    const connection = t.orm.em.fork().getConnection();
    await connection.execute(
      `select graphile_worker.add_job('run:plan', ?::json, job_key := ?, max_attempts := 3)`,
      [JSON.stringify({ runId }), `run:${runId}:plan`],
    );
    await connection.execute(
      `update graphile_worker._private_jobs set attempts = max_attempts, locked_at = ?, locked_by = ?
       where key = ?`,
      [locked ? new Date() : null, locked ? LIVE_WORKER : null, `run:${runId}:plan`],
    );
  }
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
    await spentPlanJob(abandoned, false);
    await spentPlanJob(running, true);
    await sql(
      `insert into job_worker (worker_id, heartbeat_at) values ('${LIVE_WORKER}', now() + interval '1 hour')`,
    );
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
});
