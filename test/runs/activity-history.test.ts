import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let acme: WorkspaceWithKey;
let program: string;
/** Campaigns whose flows wrote the history below (never run), and an executable they executed. */
let writerX: string;
let writerY: string;
let child: string;
/** a0..a3: the leads whose history is written below. */
let leads: string[];

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL_A = { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['a'] };

async function insertActivity(
  lead: string,
  campaign: string,
  type: string,
  ageMs: number,
  attributes: Record<string, unknown>,
) {
  await t.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into activity (workspace_id, lead_id, campaign_id, type, occurred_at, attributes)
       values (?, ?, ?, ?, ?, ?::jsonb)`,
      [
        databaseIdOf(acme.id),
        databaseIdOf(lead),
        databaseIdOf(campaign),
        type,
        new Date(Date.now() - ageMs),
        JSON.stringify(attributes),
      ],
    );
}

const create = (input: Record<string, unknown>) =>
  createCampaign(t, acme, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input });

/** How many of a0..a3 a batch run of a campaign with this smart list matches. */
async function matched(smartList: Record<string, unknown>): Promise<number> {
  const campaign = await create({ name: `Audience ${Math.random()}`, smartList });
  const id = await scheduleNow(t, acme.key, campaign);
  await untilCompleted(t, acme.key, id);
  const { campaignRun } = await run<{ campaignRun: { leadsMatched: number } }>(
    t,
    acme.key,
    'query ($id: ID!) { campaignRun(id: $id) { leadsMatched } }',
    { id },
  );
  return campaignRun.leadsMatched;
}

const had = (activity: Record<string, unknown>) => ({
  filters: [EMAIL_A, { kind: 'HAD_ACTIVITY', activity }],
});
const notHad = (activity: Record<string, unknown>) => ({
  filters: [EMAIL_A, { kind: 'NOT_HAD_ACTIVITY', activity }],
});

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'History');
  await run(
    t,
    acme.key,
    'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Stage", type: STRING) { name } }',
    {
      ws: acme.id,
    },
  );
  writerX = await create({ name: 'Writer X' });
  writerY = await create({ name: 'Writer Y' });
  child = await create({
    name: 'Child',
    executable: true,
    flow: [{ action: { changeScore: { change: '+5' } } }],
  });
  leads = await upsertLeads(
    t,
    acme,
    [0, 1, 2, 3].map((index) => ({ email: `a${index}@example.com` })),
  );
  const [a0, a1, a2] = leads as [string, string, string];
  const execute = (qualified: boolean) => ({ executedCampaignId: databaseIdOf(child), qualified, depth: 1 });
  await insertActivity(a0, writerX, 'CHANGE_DATA_VALUE', 2 * DAY_MS, {
    attribute: 'Stage',
    oldValue: null,
    newValue: 'Hot',
  });
  await insertActivity(a0, writerX, 'EXECUTE_CAMPAIGN', 10 * DAY_MS, execute(true));
  await insertActivity(a1, writerY, 'CHANGE_DATA_VALUE', 40 * DAY_MS, {
    attribute: 'Stage',
    oldValue: null,
    newValue: 'Cold',
  });
  await insertActivity(a1, writerY, 'EXECUTE_CAMPAIGN', DAY_MS, execute(false));
  for (let time = 0; time < 3; time += 1) {
    await insertActivity(a2, writerY, 'CHANGE_SCORE', 60 * 60 * 1000, { scoreName: 'score', change: '+1' });
  }
  await insertActivity(a2, writerY, 'CHANGE_DATA_VALUE', 60 * 60 * 1000, {
    attribute: 'Stage',
    value: 'x',
    skipped: true,
    reason: 'TYPE_MISMATCH',
  });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('semantics S5 activity-history filters in a batch run’s smart list', () => {
  it.each([
    ['any Change Data Value (a skipped step is none)', had({ type: 'CHANGE_DATA_VALUE' }), 2],
    [
      'a field changed to a value, case aside',
      had({ type: 'CHANGE_DATA_VALUE', attribute: 'stage', newValue: 'HOT' }),
      1,
    ],
    [
      'a field changed to another value',
      had({ type: 'CHANGE_DATA_VALUE', attribute: 'Stage', newValue: 'Warm' }),
      0,
    ],
    ['within a window', had({ type: 'CHANGE_DATA_VALUE', withinDays: 30 }), 1],
    ['written by one campaign', () => had({ type: 'CHANGE_DATA_VALUE', campaignId: writerY }), 1],
    [
      'an execution of a campaign, qualified',
      () => had({ type: 'EXECUTE_CAMPAIGN', executedCampaignId: child, qualified: true }),
      1,
    ],
    [
      'an execution older than the window',
      had({ type: 'EXECUTE_CAMPAIGN', qualified: true, withinDays: 7 }),
      0,
    ],
    ['an execution inside the window', had({ type: 'EXECUTE_CAMPAIGN', qualified: false, withinDays: 7 }), 1],
    ['at least 3 times', had({ type: 'CHANGE_SCORE', minTimes: 3 }), 1],
    ['at least 4 times', had({ type: 'CHANGE_SCORE', minTimes: 4 }), 0],
    ['NOT_HAD: no Change Data Value', notHad({ type: 'CHANGE_DATA_VALUE' }), 2],
    ['NOT_HAD: fewer than 3 score changes', notHad({ type: 'CHANGE_SCORE', minTimes: 3 }), 3],
    ['NOT_HAD: nothing by a campaign', () => notHad({ type: 'CHANGE_DATA_VALUE', campaignId: writerX }), 3],
  ])('%s', async (_name, smartList, expected) => {
    const list = typeof smartList === 'function' ? smartList() : smartList;
    expect(await matched(list)).toBe(expected);
  });

  it('in advanced logic', async () => {
    const filters = [
      EMAIL_A,
      { kind: 'HAD_ACTIVITY', activity: { type: 'CHANGE_DATA_VALUE' } },
      { kind: 'HAD_ACTIVITY', activity: { type: 'CHANGE_SCORE' } },
    ];
    expect(await matched({ rule: 'ADVANCED', advancedLogic: '1 and (2 or 3)', filters })).toBe(3);
    expect(await matched({ rule: 'ADVANCED', advancedLogic: '1 and not 2 and not 3', filters })).toBe(1);
  });
});

describe('semantics S5 a flow choice sees the history the same flow wrote before it (semantics E2)', () => {
  it('branches on the executed child’s Execute Campaign activity of an earlier step, stored and in memory', async () => {
    const gated = await create({
      name: 'Gated child',
      executable: true,
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['q'] }],
      },
      flow: [{ action: { changeScore: { change: '+5' } } }],
    });
    const parent = await create({ name: 'Branching parent' });
    const executed = (minTimes: number) => ({
      kind: 'HAD_ACTIVITY',
      activity: {
        type: 'EXECUTE_CAMPAIGN',
        campaignId: parent,
        executedCampaignId: gated,
        qualified: true,
        withinDays: 1,
        minTimes,
      },
    });
    await run(
      t,
      acme.key,
      'mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id } }',
      {
        id: parent,
        input: {
          smartList: {
            filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'CONTAINS', values: ['-branch@'] }],
          },
          flow: [
            { action: { executeCampaign: { campaignId: gated } } },
            {
              action: { changeScore: { change: '+1' } },
              choices: [
                { when: executed(2), action: { changeScore: { change: '+1000' } } },
                { when: executed(1), action: { changeScore: { change: '+100' } } },
              ],
            },
          ],
        },
      },
    );
    const [q, n] = await upsertLeads(t, acme, [
      { email: 'q-branch@example.com' },
      { email: 'n-branch@example.com' },
    ]);
    const scores = async () => {
      const score = async (id: string | undefined) =>
        (
          await run<{ lead: { score: number } }>(
            t,
            acme.key,
            'query ($id: ID!) { lead(id: $id) { score } }',
            { id },
          )
        ).lead.score;
      return { q: await score(q), n: await score(n) };
    };
    await untilCompleted(t, acme.key, await scheduleNow(t, acme.key, parent));
    expect(await scores()).toEqual({ q: 105, n: 1 });
    await untilCompleted(t, acme.key, await scheduleNow(t, acme.key, parent));
    expect(await scores()).toEqual({ q: 1110, n: 2 });
  });
});

describe('semantics S5 and Q3 a dry run explains an activity-history filter', () => {
  it('says how many matching activities it found and what it expected', async () => {
    const campaign = await create({
      name: 'Explained',
      smartList: { filters: [{ kind: 'HAD_ACTIVITY', activity: { type: 'CHANGE_SCORE', minTimes: 2 } }] },
    });
    const simulate = async (lead: string) =>
      (
        await run<{
          simulateCampaign: {
            qualified: boolean;
            explanation: { passed: boolean; detail: string }[];
            reasons: string[];
          };
        }>(
          t,
          acme.key,
          'query ($c: ID!, $l: ID!) { simulateCampaign(campaignId: $c, leadId: $l) { qualified reasons explanation { passed detail } } }',
          { c: campaign, l: lead },
        )
      ).simulateCampaign;
    const [a0, , a2] = leads as [string, string, string];
    expect(await simulate(a2)).toMatchObject({
      qualified: true,
      explanation: [{ passed: true, detail: 'at least 2 CHANGE_SCORE activities; expected HAD at least 2' }],
    });
    const refused = await simulate(a0);
    expect(refused).toMatchObject({
      qualified: false,
      explanation: [{ passed: false, detail: '0 CHANGE_SCORE activities; expected HAD at least 2' }],
    });
    expect(refused.reasons.join(' ')).toContain('0 CHANGE_SCORE activities');
  });

  it('names the campaigns of the criteria, never their database ids', async () => {
    const campaign = await create({
      name: 'Explained by name',
      smartList: {
        filters: [
          {
            kind: 'HAD_ACTIVITY',
            activity: { type: 'EXECUTE_CAMPAIGN', campaignId: writerX, executedCampaignId: child },
          },
        ],
      },
    });
    const { simulateCampaign } = await run<{ simulateCampaign: { explanation: { detail: string }[] } }>(
      t,
      acme.key,
      'query ($c: ID!, $l: ID!) { simulateCampaign(campaignId: $c, leadId: $l) { explanation { detail } } }',
      { c: campaign, l: leads[0] },
    );
    expect(simulateCampaign.explanation).toEqual([
      {
        detail:
          'at least 1 EXECUTE_CAMPAIGN by campaign "Writer X" of campaign "Child" activities; expected HAD at least 1',
      },
    ]);
  });
});
