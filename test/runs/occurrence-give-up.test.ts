import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { CampaignSchedule } from '../../src/db/entities/campaign-schedule.entity.js';
import { addOccurrenceJob } from '../../src/db/sql/jobs.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Recurring');
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }]);
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

async function sql(statement: string): Promise<void> {
  await t.orm.em.fork().getConnection().execute(statement);
}

describe('semantics R6 an occurrence whose job fails every time', () => {
  const DAY = 24 * 3600 * 1000;
  const logged: string[] = [];
  let daily: string;

  beforeAll(async () => {
    daily = databaseIdOf(
      await createCampaign(t, acme, {
        programId: program,
        name: 'Daily, once refused',
        qualificationRule: { kind: 'EVERY_TIME' },
        flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
      }),
    );
    const scheduled = await t.graphql(
      `mutation ($id: ID!) { scheduleCampaign(campaignId: $id, recurrence: { every: DAY },
         tokens: [{ name: "my.score", value: "+1", type: SCORE }]) { id } }`,
      { id: globalIdOf('Campaign', daily) },
      acme.key,
    );
    expect(scheduled.errors).toBeUndefined();
    // Every run of the campaign is refused in the database, as in an outage.
    await sql(`create function refuse_occurrence() returns trigger language plpgsql as $$
      begin
        if new.campaign_id = ${Number(daily)} then raise exception 'outage'; end if;
        return new;
      end $$`);
    await sql(
      'create trigger refuse_occurrence before insert on campaign_run for each row execute function refuse_occurrence()',
    );
    const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(line) });
    worker = await startWorker(t.orm, t.database.url, log, { maxAttempts: 2 });
  });
  afterAll(async () => {
    await worker?.stop();
    worker = undefined;
    await sql('drop trigger if exists refuse_occurrence on campaign_run');
  });

  /** As if a day passed: the recurrence's occurrences and its job move back by one. */
  async function dayPassed(): Promise<CampaignSchedule> {
    return t.orm.em.fork().transactional(async (em) => {
      const stored = await em.findOneOrFail(CampaignSchedule, { campaign: daily });
      stored.anchorAt = new Date(stored.anchorAt.getTime() - DAY);
      stored.nextAt = new Date((stored.nextAt as Date).getTime() - DAY);
      await em.flush();
      const next = { scheduleId: stored.id, step: stored.nextStep as number, runAt: stored.nextAt };
      await addOccurrenceJob(em, daily, next);
      return stored;
    });
  }

  async function occurrenceJobs(): Promise<Date[]> {
    const jobs = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ run_at: Date }[]>('select run_at from graphile_worker.jobs where key = ?', [
        `campaign:${daily}:schedule`,
      ]);
    return jobs.map((job) => new Date(job.run_at));
  }

  const runsOf = () => t.orm.em.fork().find(CampaignRun, { campaign: daily }, { orderBy: { id: 'asc' } });

  it('gives the occurrence up, and the recurrence goes on from the next one, with its job', async () => {
    await vi.waitFor(async () => expect((await runsOf())[0]?.status).toBe('COMPLETED'), { timeout: 20_000 });
    const due = await dayPassed();
    const failedStep = due.nextStep as number;
    const goneOn = await vi.waitFor(
      async () => {
        const stored = await t.orm.em.fork().findOneOrFail(CampaignSchedule, { campaign: daily });
        expect(stored.nextStep).toBe(failedStep + 1);
        return stored;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(goneOn.nextAt?.getTime()).toBeGreaterThan(Date.now());
    expect(await occurrenceJobs()).toEqual([goneOn.nextAt]);
    expect(await runsOf()).toHaveLength(1);
    const line = logged.find((entry) => entry.includes('It goes on'));
    expect(JSON.parse(line as string)).toMatchObject({
      scheduleId: goneOn.id,
      skippedStep: failedStep,
      nextStep: failedStep + 1,
    });

    // The outage over, the next occurrence runs.
    await sql('drop trigger refuse_occurrence on campaign_run');
    const next = await dayPassed();
    await vi.waitFor(
      async () => {
        const runs = await runsOf();
        expect(runs.map((run) => run.status)).toEqual(['COMPLETED', 'COMPLETED']);
        expect(runs[1]?.scheduledFor).toEqual(next.nextAt);
      },
      { timeout: 20_000, interval: 200 },
    );
  });
});
