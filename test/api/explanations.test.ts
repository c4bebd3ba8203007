import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { scheduleNow, startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createScoredProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let acme: WorkspaceWithKey;
let program: string;

const SIMULATE = `query ($campaign: ID!, $lead: ID!) {
  simulateCampaign(campaignId: $campaign, leadId: $lead) {
    qualified
    reasons
    qualificationRule { rule { kind every unit } allowed lastRunAt nextEligibleAt }
  }
}`;

type Verdict = {
  qualified: boolean;
  reasons: string[];
  qualificationRule: {
    rule: { kind: string; every: number | null; unit: string | null };
    allowed: boolean;
    lastRunAt: string | null;
    nextEligibleAt: string | null;
  };
};

const RUN = `query ($id: ID!) {
  campaignRun(id: $id) { status leadsMatched leadsExcludedByRule leadsTotal leadsProcessed }
}`;

/** One selection for a dry run's rows and a run's stored activities (semantics A6). */
const ROW = `fragment Row on FlowActivity {
  type campaign { name } primaryAttributeValue attributes qualified executionDepth
}`;

async function simulate(campaign: string, lead: string): Promise<Verdict> {
  return (await run<{ simulateCampaign: Verdict }>(t, acme.key, SIMULATE, { campaign, lead }))
    .simulateCampaign;
}

/** Schedules the campaign now, waits for the run, and resolves with its counters. */
async function runNow(campaign: string) {
  const id = await scheduleNow(t, acme.key, campaign);
  await untilCompleted(t, acme.key, id);
  return {
    id,
    ...(await run<{ campaignRun: Record<string, unknown> }>(t, acme.key, RUN, { id })).campaignRun,
  };
}

const only = (prefix: string) => ({
  filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: [prefix] }],
});

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createScoredProgram(t, acme, 'Explained', '+10');
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('semantics Q3 a dry run explains the qualification rule', () => {
  it('ONCE: after a run, the lead is excluded for good, and the dry run says when it last ran', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'once-0@example.com' }])) as [string];
    const campaign = await createCampaign(t, acme, {
      programId: program,
      name: 'Once',
      smartList: only('once-'),
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const before = await simulate(campaign, lead);
    expect(before).toEqual({
      qualified: true,
      reasons: [],
      qualificationRule: {
        rule: { kind: 'ONCE', every: null, unit: null },
        allowed: true,
        lastRunAt: null,
        nextEligibleAt: null,
      },
    });
    await runNow(campaign);
    const after = await simulate(campaign, lead);
    expect(after.qualified).toBe(false);
    expect(after.qualificationRule).toMatchObject({ allowed: false, nextEligibleAt: null });
    const lastRunAt = after.qualificationRule.lastRunAt as string;
    expect(Date.parse(lastRunAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(after.reasons).toEqual([
      `Excluded by the qualification rule ONCE: last ran through at ${lastRunAt}, never eligible again`,
    ]);
  });

  it('ONCE_EVERY: the dry run says when the lead is next eligible', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'weekly-0@example.com' }])) as [string];
    const campaign = await createCampaign(t, acme, {
      programId: program,
      name: 'Weekly',
      smartList: only('weekly-'),
      qualificationRule: { kind: 'ONCE_EVERY', every: 2, unit: 'WEEKS' },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await runNow(campaign);
    const { qualified, qualificationRule, reasons } = await simulate(campaign, lead);
    expect(qualified).toBe(false);
    const { lastRunAt, nextEligibleAt } = qualificationRule as { lastRunAt: string; nextEligibleAt: string };
    expect(Date.parse(nextEligibleAt) - Date.parse(lastRunAt)).toBe(14 * 24 * 3_600_000);
    expect(reasons).toEqual([
      `Excluded by the qualification rule ONCE_EVERY 2 WEEKS: last ran through at ${lastRunAt}, not eligible before ${nextEligibleAt}`,
    ]);
  });

  it('a lead the smart list refuses gets the failed filter as a reason and the rule’s verdict too', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'outsider@example.com' }])) as [string];
    const campaign = await createCampaign(t, acme, {
      programId: program,
      name: 'Insiders',
      smartList: only('insider-'),
      flow: [],
    });
    const verdict = await simulate(campaign, lead);
    expect(verdict.qualified).toBe(false);
    expect(verdict.reasons).toEqual([expect.stringMatching(/^Filter 1 failed: /)]);
    expect(verdict.qualificationRule).toMatchObject({ allowed: true, lastRunAt: null });
  });
});

describe('semantics R9 a run counts the leads its smart list matched and its rule excluded', () => {
  it('a ONCE campaign scheduled twice: the second run matches N and excludes N', async () => {
    await upsertLeads(
      t,
      acme,
      ['twice-0', 'twice-1', 'twice-2'].map((name) => ({ email: `${name}@example.com` })),
    );
    await upsertLeads(t, acme, [{ email: 'not-twice@example.com' }]);
    const campaign = await createCampaign(t, acme, {
      programId: program,
      name: 'Twice',
      smartList: only('twice-'),
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    expect(await runNow(campaign)).toMatchObject({
      status: 'COMPLETED',
      leadsMatched: 3,
      leadsExcludedByRule: 0,
      leadsTotal: 3,
      leadsProcessed: 3,
    });
    expect(await runNow(campaign)).toMatchObject({
      status: 'COMPLETED',
      leadsMatched: 3,
      leadsExcludedByRule: 3,
      leadsTotal: 0,
      leadsProcessed: 0,
    });
  });

  it('a run not started yet has no counts', async () => {
    const campaign = await createCampaign(t, acme, { programId: program, name: 'Later', flow: [] });
    const { scheduleCampaign } = await run<{ scheduleCampaign: Record<string, unknown> }>(
      t,
      acme.key,
      `mutation ($id: ID!, $at: DateTime) { scheduleCampaign(campaignId: $id, runAt: $at) {
        status leadsMatched leadsExcludedByRule leadsTotal } }`,
      { id: campaign, at: new Date(Date.now() + 86_400_000).toISOString() },
    );
    expect(scheduleCampaign).toEqual({
      status: 'SCHEDULED',
      leadsMatched: null,
      leadsExcludedByRule: null,
      leadsTotal: null,
    });
  });
});

describe('semantics A6 one fragment reads a dry run’s rows and a run’s activities alike', () => {
  it('the seed’s example gives equal rows, depth included, in the dry run and the real run', async () => {
    const childProgram = await createScoredProgram(t, acme, 'Fragment child program', '+0');
    const child = await createCampaign(t, acme, {
      programId: childProgram,
      name: 'Fragment child',
      executable: true,
      qualificationRule: { kind: 'EVERY_TIME' },
      flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
    });
    const parent = await createCampaign(t, acme, {
      programId: program,
      name: 'Fragment parent',
      smartList: only('fragment-'),
      flow: [
        { action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } },
        { action: { interestingMoment: { kind: 'Web', description: 'after the child' } } },
      ],
    });
    const [lead] = (await upsertLeads(t, acme, [{ email: 'fragment-0@example.com' }])) as [string];
    const { simulateCampaign } = await run<{
      simulateCampaign: { activities: Record<string, unknown>[] };
    }>(
      t,
      acme.key,
      `query ($campaign: ID!, $lead: ID!) {
        simulateCampaign(campaignId: $campaign, leadId: $lead) { activities { ...Row depth } }
      } ${ROW}`,
      { campaign: parent, lead },
    );
    const { id: runId } = await runNow(parent);
    const { campaignRun } = await run<{
      campaignRun: { activities: { edges: { node: Record<string, unknown> }[] } };
    }>(
      t,
      acme.key,
      `query ($id: ID!) { campaignRun(id: $id) {
        activities(first: 10) { edges { node { ...Row ... on ExecuteCampaignActivity { depth } } } }
      } } ${ROW}`,
      { id: runId },
    );
    const stored = campaignRun.activities.edges.map((edge) => edge.node);
    const simulated = simulateCampaign.activities;
    const withoutDepth = ({ depth: _depth, ...row }: Record<string, unknown>) => row;
    expect(simulated.map(withoutDepth)).toEqual(stored.map(withoutDepth));
    expect(simulated[0]).toMatchObject({
      type: 'EXECUTE_CAMPAIGN',
      qualified: true,
      executionDepth: 1,
      campaign: { name: 'Fragment parent' },
    });
    expect(simulated.map((row) => row.depth)).toEqual([1, 1, 0]);
    expect(stored[0]?.depth).toBe(1);
    expect(simulated[1]).toMatchObject({ type: 'CHANGE_SCORE', qualified: null, executionDepth: null });
  });
});
