import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignSchedule } from '../../src/db/entities/campaign-schedule.entity.js';
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
import { run } from '../helpers/graphql.js';

const SCHEDULE = `mutation ($campaign: ID!, $recurrence: RecurrenceInput) {
  scheduleCampaign(campaignId: $campaign, recurrence: $recurrence) { id }
}`;
const CANCEL = 'mutation ($id: ID!) { cancelCampaignSchedule(campaignId: $id) { id } }';
const RUNS = 'query ($id: ID!) { campaign(id: $id) { runs { edges { node { id status } } } } }';

interface RunNode {
  id: string;
  status: string;
}

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let worker: Awaited<ReturnType<typeof startTestWorker>> | null = null;

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

const newCampaign = (name: string) =>
  createCampaign(t, acme, {
    programId: program,
    name,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '+1' } } }],
  });

const schedule = (campaign: string, recurrence: Record<string, unknown>) =>
  run<{ scheduleCampaign: RunNode }>(t, acme.key, SCHEDULE, { campaign, recurrence });

const runsOf = async (campaign: string) =>
  (
    await run<{ campaign: { runs: { edges: { node: RunNode }[] } } }>(t, acme.key, RUNS, { id: campaign })
  ).campaign.runs.edges.map((edge) => edge.node);

const storedSchedule = (campaign: string) =>
  t.orm.em.fork().findOneOrFail(CampaignSchedule, { campaign: databaseIdOf(campaign) });

const daily = { every: 'DAY', timeZone: 'UTC' };

describe('semantics R6 runs of a recurrence that have not started', () => {
  /** Plan jobs pending for the runs. */
  async function planJobs(runIds: string[]): Promise<number> {
    const keys = runIds.map((id) => `run:${databaseIdOf(id)}:plan`);
    const [row] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ count: number }[]>(
        'select count(*)::int as count from graphile_worker.jobs where key in (?)',
        [keys],
      );
    return row?.count ?? 0;
  }

  /**
   * With no worker: a recurrence whose first run is QUEUED, and whose next occurrence's job fired
   * a minute early, making a SCHEDULED run that is not its first.
   */
  async function twoRunsNotStarted(name: string): Promise<{ campaign: string; runs: RunNode[] }> {
    const campaign = await newCampaign(name);
    await schedule(campaign, daily);
    const due = await storedSchedule(campaign);
    const early = new Date((due.nextAt as Date).getTime() - 60_000);
    expect(
      await startOccurrence(t.orm, { scheduleId: due.id, step: due.nextStep as number }, early),
    ).not.toBeNull();
    const runs = await runsOf(campaign);
    expect(runs.map((node) => node.status)).toEqual(['QUEUED', 'SCHEDULED']);
    return { campaign, runs };
  }

  it('cancelCampaignSchedule cancels them all, QUEUED or SCHEDULED, with their plan jobs', async () => {
    const { campaign, runs } = await twoRunsNotStarted('Cancelled early');
    await run(t, acme.key, CANCEL, { id: campaign });
    expect((await runsOf(campaign)).map((node) => node.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await planJobs(runs.map((node) => node.id))).toBe(0);
  });

  it('a new recurrence cancels them all; the started one of the replaced recurrence goes on', async () => {
    const { campaign, runs: notStarted } = await twoRunsNotStarted('Replaced early');
    const [first, early] = notStarted;
    worker = await startTestWorker(t);
    await expect.poll(async () => (await runsOf(campaign))[0]?.status, { timeout: 20_000 }).toBe('COMPLETED');
    const replacement = (await schedule(campaign, { every: 'WEEK' })).scheduleCampaign;
    const runs = await runsOf(campaign);
    expect(runs.slice(0, 2).map((node) => [node.id, node.status])).toEqual([
      [first?.id, 'COMPLETED'],
      [early?.id, 'CANCELLED'],
    ]);
    expect(runs[2]?.id).toBe(replacement?.id);
    expect(await planJobs([early?.id as string])).toBe(0);
  });
});
