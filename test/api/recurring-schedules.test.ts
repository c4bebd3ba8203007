import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { CampaignSchedule } from '../../src/db/entities/campaign-schedule.entity.js';
import { addOccurrenceJob } from '../../src/db/sql/jobs.js';
import { startOccurrence } from '../../src/runs/start-occurrence.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestWorker } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

const DAY = 24 * 3600 * 1000;
const SCHEDULE = `mutation ($campaign: ID!, $runAt: DateTime, $tokens: [TokenInput!], $recurrence: RecurrenceInput) {
  scheduleCampaign(campaignId: $campaign, runAt: $runAt, tokens: $tokens, recurrence: $recurrence) {
    id kind status scheduledFor
  }
}`;
const CAMPAIGN = `query ($id: ID!) { campaign(id: $id) {
  schedule {
    recurrence { every interval weekdaysOnly endAt timeZone }
    tokens { name value }
    nextRunAt
    upcoming(first: 3)
  }
  runs { edges { node { id kind status scheduledFor tokens { name value } } } }
} }`;
const CANCEL =
  'mutation ($id: ID!) { cancelCampaignSchedule(campaignId: $id) { id schedule { nextRunAt } } }';

interface RunNode {
  id: string;
  kind: string;
  status: string;
  scheduledFor: string;
  tokens: { name: string; value: string }[];
}
interface CampaignView {
  schedule: {
    recurrence: Record<string, unknown>;
    tokens: { name: string; value: string }[];
    nextRunAt: string | null;
    upcoming: string[];
  } | null;
  runs: { edges: { node: RunNode }[] };
}

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let program: string;
let worker: Awaited<ReturnType<typeof startTestWorker>> | null;

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  program = await createProgram(t, acme, 'Recurring');
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }, { email: 'grace@example.com' }]);
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

const newCampaign = (name: string, input: Record<string, unknown> = {}) =>
  createCampaign(t, acme, {
    programId: program,
    name,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
    ...input,
  });

const schedule = (campaign: string, variables: Record<string, unknown>, key = acme.key) =>
  t.graphql<{ scheduleCampaign: RunNode }>(SCHEDULE, { campaign, ...variables }, key);

const viewOf = async (campaign: string) =>
  (await run<{ campaign: CampaignView }>(t, acme.key, CAMPAIGN, { id: campaign })).campaign;

const runsOf = async (campaign: string) => (await viewOf(campaign)).runs.edges.map((edge) => edge.node);

const storedSchedule = (campaign: string) =>
  t.orm.em.fork().findOneOrFail(CampaignSchedule, { campaign: databaseIdOf(campaign) });

/** When the campaign's pending occurrence jobs are due (one at most). */
async function occurrenceJobs(campaign: string): Promise<Date[]> {
  const jobs: { due: number }[] = await t.orm.em
    .fork()
    .getConnection()
    .execute(
      'select extract(epoch from run_at)::float8 * 1000 as due from graphile_worker.jobs where key = ?',
      [`campaign:${databaseIdOf(campaign)}:schedule`],
    );
  return jobs.map((job) => new Date(job.due));
}

/** As if `days` days passed for the campaign's recurrence: its occurrences and its job move back. */
async function timeTravel(campaign: string, days: number): Promise<void> {
  await t.orm.em.fork().transactional(async (em) => {
    const stored = await em.findOneOrFail(CampaignSchedule, { campaign: databaseIdOf(campaign) });
    stored.anchorAt = new Date(stored.anchorAt.getTime() - days * DAY);
    stored.nextAt = new Date((stored.nextAt as Date).getTime() - days * DAY);
    await em.flush();
    const next = { scheduleId: stored.id, step: stored.nextStep as number, runAt: stored.nextAt };
    await addOccurrenceJob(em, stored.campaign.id, next);
  });
}

async function untilRuns(campaign: string, count: number): Promise<RunNode[]> {
  await expect
    .poll(async () => (await runsOf(campaign)).map((node) => node.status), { timeout: 20_000, interval: 100 })
    .toEqual(Array(count).fill('COMPLETED'));
  return runsOf(campaign);
}

const daily = { every: 'DAY', timeZone: 'UTC' };
const tokens = [{ name: 'my.score', value: '+7', type: 'SCORE' }];

describe('semantics R6 scheduleCampaign with a recurrence', () => {
  it('returns the first occurrence’s run; Campaign.schedule shows the recurrence, tokens and local times across DST', async () => {
    const campaign = await newCampaign('Berlin mornings');
    const runAt = '2027-03-27T08:00:00.000Z';
    const recurrence = { every: 'DAY', timeZone: 'Europe/Berlin' };
    const first = (await schedule(campaign, { runAt, tokens, recurrence })).data?.scheduleCampaign;
    expect(first).toMatchObject({ kind: 'BATCH', status: 'SCHEDULED', scheduledFor: runAt });
    expect((await viewOf(campaign)).schedule).toEqual({
      recurrence: { every: 'DAY', interval: 1, weekdaysOnly: false, endAt: null, timeZone: 'Europe/Berlin' },
      tokens: [{ name: 'my.score', value: '+7' }],
      nextRunAt: runAt,
      upcoming: [runAt, '2027-03-28T07:00:00.000Z', '2027-03-29T07:00:00.000Z'],
    });
    expect(await occurrenceJobs(campaign)).toEqual([new Date('2027-03-28T07:00:00.000Z')]);
  });

  it('endAt bounds upcoming; the last day of the month stands for the 31st', async () => {
    const campaign = await newCampaign('Month ends');
    const runAt = '2027-01-31T09:00:00.000Z';
    const recurrence = { every: 'MONTH', endAt: '2027-03-31T09:00:00.000Z' };
    await schedule(campaign, { runAt, recurrence });
    expect((await viewOf(campaign)).schedule?.upcoming).toEqual([
      runAt,
      '2027-02-28T09:00:00.000Z',
      '2027-03-31T09:00:00.000Z',
    ]);
  });

  it('an occurrence makes one BATCH run with the tokens, and the schedule moves on', async () => {
    const campaign = await newCampaign('Daily');
    await schedule(campaign, { tokens, recurrence: daily });
    await untilRuns(campaign, 1);
    await timeTravel(campaign, 1);
    const runs = await untilRuns(campaign, 2);
    expect(runs[1]).toMatchObject({ kind: 'BATCH', tokens: [{ name: 'my.score', value: '+7' }] });
    const leads = await run<{ workspace: { leads: { edges: { node: { score: number } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads { edges { node { score } } } } }',
      { id: acme.id },
    );
    expect(leads.workspace.leads.edges.map((edge) => edge.node.score)).toEqual([14, 14]);
    const { schedule: shown } = await viewOf(campaign);
    const next = new Date(runs[1]?.scheduledFor as string).getTime() + DAY;
    expect(shown?.nextRunAt).toBe(new Date(next).toISOString());
    expect(await occurrenceJobs(campaign)).toHaveLength(1);
  });
});

describe('semantics R6 durability', () => {
  it('an occurrence due while no worker ran starts once after the restart, and never again', async () => {
    const campaign = await newCampaign('Restarted');
    await schedule(campaign, { recurrence: daily });
    await untilRuns(campaign, 1);
    await worker?.stop();
    worker = null;
    const before = await storedSchedule(campaign);
    await timeTravel(campaign, 1);
    const due = await storedSchedule(campaign);
    worker = await startTestWorker(t);
    const runs = await untilRuns(campaign, 2);
    expect(runs[1]?.scheduledFor).toBe(due.nextAt?.toISOString());
    // The job run again, as after a crash between its commit and its completion: nothing new.
    const again = await startOccurrence(
      t.orm,
      { scheduleId: due.id, step: before.nextStep as number },
      new Date(),
    );
    expect(again).toBeNull();
    await worker.stop();
    worker = await startTestWorker(t);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await runsOf(campaign)).toHaveLength(2);
    expect((await storedSchedule(campaign)).nextStep).toBe((before.nextStep as number) + 1);
    expect(await occurrenceJobs(campaign)).toHaveLength(1);
  });

  it('occurrences missed while no worker ran start once, for the latest of them; then the schedule goes on', async () => {
    const campaign = await newCampaign('Missed');
    await schedule(campaign, { recurrence: daily });
    await untilRuns(campaign, 1);
    await worker?.stop();
    worker = null;
    await timeTravel(campaign, 3);
    const missed = await storedSchedule(campaign);
    const latest = new Date((missed.nextAt as Date).getTime() + 2 * DAY);
    const asked = Date.now();
    const overdue = (await viewOf(campaign)).schedule;
    // The one run catch-up starts, as soon as a worker takes it: no missed instant is listed.
    expect(new Date(overdue?.nextRunAt as string).getTime()).toBeGreaterThanOrEqual(asked);
    expect(overdue?.upcoming).toEqual([
      overdue?.nextRunAt,
      new Date(latest.getTime() + DAY).toISOString(),
      new Date(latest.getTime() + 2 * DAY).toISOString(),
    ]);
    worker = await startTestWorker(t);
    const runs = await untilRuns(campaign, 2);
    expect(runs[1]?.scheduledFor).toBe(latest.toISOString());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await runsOf(campaign)).toHaveLength(2);
    const { schedule: shown } = await viewOf(campaign);
    expect(shown?.nextRunAt).toBe(new Date(latest.getTime() + DAY).toISOString());
    expect(await occurrenceJobs(campaign)).toEqual([new Date(latest.getTime() + DAY)]);
  });
});

describe('semantics R6 exactly once', () => {
  it('the same occurrence started three times at once makes one run', async () => {
    const campaign = await newCampaign('Raced');
    await schedule(campaign, { recurrence: daily });
    await untilRuns(campaign, 1);
    const due = await storedSchedule(campaign);
    const payload = { scheduleId: due.id, step: due.nextStep as number };
    const started = await Promise.all(
      [1, 2, 3].map(() => startOccurrence(t.orm, payload, due.nextAt as Date)),
    );
    expect(started.filter((id) => id !== null)).toHaveLength(1);
    expect(await runsOf(campaign)).toHaveLength(2);
    expect(await occurrenceJobs(campaign)).toEqual([new Date((due.nextAt as Date).getTime() + DAY)]);
  });

  it('a deleted campaign’s recurrence ends at its next occurrence, without a run', async () => {
    const campaign = await newCampaign('Deleted');
    await schedule(campaign, { recurrence: daily });
    await untilRuns(campaign, 1);
    await run(t, acme.key, 'mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: campaign });
    const due = await storedSchedule(campaign);
    const payload = { scheduleId: due.id, step: due.nextStep as number };
    expect(await startOccurrence(t.orm, payload, due.nextAt as Date)).toBeNull();
    const view = await viewOf(campaign);
    expect(view.runs.edges).toHaveLength(1);
    expect(view.schedule).toMatchObject({ nextRunAt: null, upcoming: [] });
    expect(await occurrenceJobs(campaign)).toHaveLength(1);
  });
});

describe('semantics R6 cancelling and replacing', () => {
  it('cancelCampaignSchedule stops future occurrences and the first run not yet started; again is harmless', async () => {
    const campaign = await newCampaign('Cancelled');
    const runAt = new Date(Date.now() + DAY).toISOString();
    const first = (await schedule(campaign, { runAt, recurrence: daily })).data?.scheduleCampaign;
    const cancelled = await run<{ cancelCampaignSchedule: { id: string; schedule: null } }>(
      t,
      acme.key,
      CANCEL,
      {
        id: campaign,
      },
    );
    expect(cancelled.cancelCampaignSchedule).toEqual({ id: campaign, schedule: null });
    expect(await runsOf(campaign)).toMatchObject([{ id: first?.id, status: 'CANCELLED' }]);
    expect(await occurrenceJobs(campaign)).toEqual([]);
    expect(
      (await run<{ cancelCampaignSchedule: unknown }>(t, acme.key, CANCEL, { id: campaign }))
        .cancelCampaignSchedule,
    ).toEqual(cancelled.cancelCampaignSchedule);
    expect(errorCodes(await t.graphql(CANCEL, { id: campaign }, globex.key))).toEqual(['NOT_FOUND']);
  });

  it('a started run goes on after its schedule is cancelled', async () => {
    const campaign = await newCampaign('Started');
    await schedule(campaign, { recurrence: daily });
    await untilRuns(campaign, 1);
    await run(t, acme.key, CANCEL, { id: campaign });
    expect(await untilRuns(campaign, 1)).toHaveLength(1);
    expect(await occurrenceJobs(campaign)).toEqual([]);
  });

  it('a new recurrence replaces the old one and its first run not yet started', async () => {
    const campaign = await newCampaign('Replaced');
    const tomorrow = new Date(Date.now() + DAY).toISOString();
    const old = (await schedule(campaign, { runAt: tomorrow, recurrence: daily })).data?.scheduleCampaign;
    const weekly = { every: 'WEEK', interval: 2, timeZone: 'America/New_York' };
    const replacement = (await schedule(campaign, { runAt: tomorrow, recurrence: weekly })).data
      ?.scheduleCampaign;
    expect((await runsOf(campaign)).map((node) => [node.id, node.status])).toEqual([
      [old?.id, 'CANCELLED'],
      [replacement?.id, 'SCHEDULED'],
    ]);
    const { schedule: shown } = await viewOf(campaign);
    expect(shown?.recurrence).toMatchObject({ every: 'WEEK', interval: 2, timeZone: 'America/New_York' });
    expect(await occurrenceJobs(campaign)).toHaveLength(1);
    expect(await t.orm.em.fork().count(CampaignSchedule, { campaign: databaseIdOf(campaign) })).toBe(1);
  });
});

describe('semantics R6 refusals', () => {
  const runAt = '2027-01-04T09:00:00.000Z';
  it.each([
    ['a time zone that is not one', { every: 'DAY', timeZone: 'Mars/Olympus' }, 'BAD_USER_INPUT'],
    ['interval 0', { every: 'DAY', interval: 0 }, 'BAD_USER_INPUT'],
    ['weekdaysOnly with WEEK', { every: 'WEEK', weekdaysOnly: true }, 'BAD_USER_INPUT'],
    [
      'endAt before the first occurrence',
      { every: 'DAY', endAt: '2027-01-04T08:59:59.000Z' },
      'BAD_USER_INPUT',
    ],
  ])('refuses %s with %s and writes nothing', async (_case, recurrence, code) => {
    const campaign = await newCampaign(`Refused ${_case}`);
    const response = await schedule(campaign, { runAt, recurrence });
    expect(errorCodes(response)).toEqual([code]);
    expect(await t.orm.em.fork().count(CampaignRun, { campaign: databaseIdOf(campaign) })).toBe(0);
    expect(await t.orm.em.fork().count(CampaignSchedule, { campaign: databaseIdOf(campaign) })).toBe(0);
  });

  it('refuses executable and trigger campaigns as scheduleCampaign always has', async () => {
    const executable = await newCampaign('Executable', { executable: true });
    const trigger = await newCampaign('Trigger', {
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    for (const campaign of [executable, trigger]) {
      expect(errorCodes(await schedule(campaign, { recurrence: daily }))).toEqual(['NOT_SCHEDULABLE']);
    }
  });

  it('refuses upcoming beyond its bound', async () => {
    const campaign = await newCampaign('Upcoming');
    await schedule(campaign, { runAt, recurrence: daily });
    const response = await t.graphql(
      'query ($id: ID!) { campaign(id: $id) { schedule { upcoming(first: 101) } } }',
      { id: campaign },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
