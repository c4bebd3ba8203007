import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun, type RunToken } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { LeadCampaignHistory } from '../../src/db/entities/lead-campaign-history.entity.js';
import { CHUNK_SIZE, planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createScoredProgram,
  createStaticList,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let childProgram: string;
let child: string;

/** A campaign of the parent program that qualifies every time unless told; resolves with its database id. */
async function createAcmeCampaign(input: Record<string, unknown>): Promise<string> {
  return databaseIdOf(
    await createCampaign(t, acme, {
      programId: program,
      qualificationRule: { kind: 'EVERY_TIME' },
      ...input,
    }),
  );
}

async function createLeads(count: number, prefix: string, fields: Record<string, unknown> = {}) {
  await upsertLeads(
    t,
    acme,
    Array.from({ length: count }, (_, index) => ({ email: `${prefix}${index}@example.com`, fields })),
  );
}

/** Creates a QUEUED batch run the way scheduleCampaign will. */
async function queueRun(campaignId: string, tokens: RunToken[] = []): Promise<string> {
  const em = t.orm.em.fork();
  const campaignRun = em.create(CampaignRun, {
    workspace: databaseIdOf(acme.id),
    campaign: campaignId,
    kind: 'BATCH',
    status: 'QUEUED',
    tokens,
  });
  await em.flush();
  return campaignRun.id;
}

/** Plans a run and applies every chunk, as the job queue will. */
async function runToCompletion(runId: string): Promise<CampaignRun> {
  const now = new Date();
  const seqs = await planRun(t.orm, runId, now);
  await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)));
  await completeIfDone(t.orm, runId, now);
  return t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId });
}

async function scoresOf(prefix: string): Promise<number[]> {
  const leads = await t.orm.em
    .fork()
    .find(Lead, { email: { $like: `${prefix}%` } }, { orderBy: { id: 'asc' } });
  return leads.map((lead) => Number(lead.fields.score ?? 0));
}

/** A new static list holding the lead with this email, put there by a run (with `more` steps after). */
async function enlist(email: string, name: string, more: Record<string, unknown>[] = []): Promise<string> {
  const list = await createStaticList(t, acme, name);
  const campaign = await createAcmeCampaign({
    name: `Enlist ${email}`,
    smartList: { filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: [email] }] },
    flow: [{ action: { addToList: { listId: list } } }, ...more],
  });
  await runToCompletion(await queueRun(campaign));
  return list;
}

const activityCount = (runId: string) => t.orm.em.fork().count(Activity, { run: runId });

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createScoredProgram(t, acme, 'Parent program', '+10');
  childProgram = await createScoredProgram(t, acme, 'Child program', '+0');
  child = await createCampaign(t, acme, {
    programId: childProgram,
    name: 'Score child',
    executable: true,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });
});
afterAll(() => t.close());

describe('batch runs', () => {
  it('T6 end to end: the seed’s example over a run’s audience, TRUE gives +10, FALSE +0', async () => {
    await createLeads(3, 'seed-');
    const parent = (useParentTokenContext: boolean, name: string) =>
      createAcmeCampaign({
        name,
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['seed-'] }],
        },
        flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext } } }],
      });
    const withTrue = await queueRun(await parent(true, 'Seed TRUE'));
    const done = await runToCompletion(withTrue);
    expect(done).toMatchObject({ status: 'COMPLETED', leadsTotal: 3, leadsProcessed: 3, leadsQualified: 3 });
    expect(await scoresOf('seed-')).toEqual([10, 10, 10]);
    const activities = await t.orm.em.fork().find(Activity, { run: withTrue }, { orderBy: { id: 'asc' } });
    expect(activities.map((activity) => [activity.type, activity.attributes.qualified ?? null])).toEqual([
      ['EXECUTE_CAMPAIGN', true],
      ['CHANGE_SCORE', null],
      ['EXECUTE_CAMPAIGN', true],
      ['CHANGE_SCORE', null],
      ['EXECUTE_CAMPAIGN', true],
      ['CHANGE_SCORE', null],
    ]);
    expect(await t.orm.em.fork().count(LeadCampaignHistory, { campaign: databaseIdOf(child) })).toBe(3);

    await runToCompletion(await queueRun(await parent(false, 'Seed FALSE')));
    expect(await scoresOf('seed-')).toEqual([10, 10, 10]);
  });

  it('T7 API-passed tokens reach the child through TRUE, not through FALSE', async () => {
    await createLeads(2, 'api-');
    const parent = (useParentTokenContext: boolean, name: string) =>
      createAcmeCampaign({
        name,
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['api-'] }],
        },
        flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext } } }],
      });
    const tokens: RunToken[] = [{ name: 'my.score', type: 'SCORE', value: '+25' }];
    await runToCompletion(await queueRun(await parent(true, 'API TRUE'), tokens));
    expect(await scoresOf('api-')).toEqual([25, 25]);
    await runToCompletion(await queueRun(await parent(false, 'API FALSE'), tokens));
    expect(await scoresOf('api-')).toEqual([25, 25]);
  });

  it('S4 and Q1: the audience is who passes the smart list and the rule when the run starts', async () => {
    await createLeads(4, 'once-');
    const once = await createAcmeCampaign({
      name: 'Once',
      qualificationRule: { kind: 'ONCE' },
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['once-'] }],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    expect(await runToCompletion(await queueRun(once))).toMatchObject({ status: 'COMPLETED', leadsTotal: 4 });
    const second = await runToCompletion(await queueRun(once));
    expect(second).toMatchObject({ status: 'COMPLETED', leadsTotal: 0, leadsProcessed: 0 });
    expect(await scoresOf('once-')).toEqual([1, 1, 1, 1]);
  });

  it('S4 an audience by list and program membership: members only', async () => {
    await createLeads(3, 'member-');
    const list = await enlist('member-0@example.com', 'Members', [
      { action: { changeProgramStatus: { programId: childProgram, status: 'Member' } } },
    ]);
    const byList = await createAcmeCampaign({
      name: 'By list',
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['member-'] },
          { kind: 'MEMBER_OF_LIST', staticListId: list },
        ],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const byProgram = await createAcmeCampaign({
      name: 'By program',
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['member-'] },
          { kind: 'MEMBER_OF_PROGRAM', programId: childProgram },
        ],
      },
      flow: [{ action: { changeScore: { change: '+10' } } }],
    });
    expect(await runToCompletion(await queueRun(byList))).toMatchObject({ leadsTotal: 1 });
    expect(await runToCompletion(await queueRun(byProgram))).toMatchObject({ leadsTotal: 1 });
    expect(await scoresOf('member-')).toEqual([11, 0, 0]);
  });

  it('E3 and Q1 inside a run: an executed child’s list filter and ONCE rule see the stored state', async () => {
    await createLeads(2, 'gate-');
    const list = await enlist('gate-0@example.com', 'Gate');
    const gate = await createAcmeCampaign({
      name: 'Gate',
      executable: true,
      qualificationRule: { kind: 'ONCE' },
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['gate-'] },
          { kind: 'MEMBER_OF_LIST', staticListId: list },
        ],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const parent = await createAcmeCampaign({
      name: 'Through the gate',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['gate-'] }],
      },
      flow: [
        {
          action: {
            executeCampaign: {
              campaignId: globalIdOf('Campaign', gate),
              useParentTokenContext: false,
            },
          },
        },
      ],
    });
    const outcomes = async (runId: string) =>
      (
        await t.orm.em
          .fork()
          .find(Activity, { run: runId, type: 'EXECUTE_CAMPAIGN' }, { orderBy: { id: 'asc' } })
      ).map((activity) => [activity.attributes.qualified, activity.attributes.reason ?? null]);
    const first = await runToCompletion(await queueRun(parent));
    expect(await outcomes(first.id)).toEqual([
      [true, null],
      [false, 'NOT_IN_SMART_LIST'],
    ]);
    const second = await runToCompletion(await queueRun(parent));
    expect(await outcomes(second.id)).toEqual([
      [false, 'QUALIFICATION_RULE'],
      [false, 'NOT_IN_SMART_LIST'],
    ]);
    expect(await scoresOf('gate-')).toEqual([1, 0]);
  });

  it('R4 a chunk is applied exactly once, however often and however concurrently it is processed', async () => {
    const count = CHUNK_SIZE * 2 + 200;
    await createLeads(count, 'bulk-');
    const campaign = await createAcmeCampaign({
      name: 'Bulk',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['bulk-'] }],
      },
      flow: [
        { action: { changeScore: { change: '+2' } } },
        { action: { interestingMoment: { kind: 'Web', description: 'Hi {{lead.email}}' } } },
      ],
    });
    const runId = await queueRun(campaign);
    const now = new Date();
    const seqs = await planRun(t.orm, runId, now);
    expect(seqs).toEqual([0, 1, 2]);
    expect(await planRun(t.orm, runId, now)).toEqual([0, 1, 2]);

    const first = await Promise.all([...seqs, ...seqs].map((seq) => processChunk(t.orm, runId, seq, now)));
    expect(first.filter(Boolean)).toHaveLength(3);
    expect(await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)))).toEqual([
      false,
      false,
      false,
    ]);
    await completeIfDone(t.orm, runId, now);

    expect(await activityCount(runId)).toBe(count * 2);
    expect(new Set(await scoresOf('bulk-'))).toEqual(new Set([2]));
    expect(await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId })).toMatchObject({
      status: 'COMPLETED',
      leadsTotal: count,
      leadsProcessed: count,
    });
    expect(await planRun(t.orm, runId, now)).toEqual([]);
  });

  it('R3 two concurrent runs on the same leads lose no update: +5 and +5 give +10', async () => {
    await createLeads(50, 'race-');
    const campaign = await createAcmeCampaign({
      name: 'Plus five',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['race-'] }],
      },
      flow: [{ action: { changeScore: { change: '+5' } } }],
    });
    const [a, b] = [await queueRun(campaign), await queueRun(campaign)];
    const now = new Date();
    const [seqsA, seqsB] = [await planRun(t.orm, a, now), await planRun(t.orm, b, now)];
    await Promise.all([
      ...seqsA.map((seq) => processChunk(t.orm, a, seq, now)),
      ...seqsB.map((seq) => processChunk(t.orm, b, seq, now)),
    ]);
    expect(new Set(await scoresOf('race-'))).toEqual(new Set([10]));
  });

  it('R5 a cancelled run processes no more chunks; what was done stays', async () => {
    await createLeads(CHUNK_SIZE + 10, 'cancel-');
    const campaign = await createAcmeCampaign({
      name: 'Cancelled',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['cancel-'] }],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const runId = await queueRun(campaign);
    const now = new Date();
    const [firstChunk, secondChunk] = await planRun(t.orm, runId, now);
    expect(await processChunk(t.orm, runId, firstChunk as number, now)).toBe(true);
    await t.orm.em.fork().nativeUpdate(CampaignRun, { id: runId }, { status: 'CANCELLED' });
    expect(await processChunk(t.orm, runId, secondChunk as number, now)).toBe(false);
    const scores = await scoresOf('cancel-');
    expect(scores.filter((score) => score === 1)).toHaveLength(CHUNK_SIZE);
    expect(scores.filter((score) => score === 0)).toHaveLength(10);
  });

  it('each chunk reads the definitions committed when it starts: edits between chunks reach the next one', async () => {
    await createLeads(CHUNK_SIZE * 2 + 10, 'edit-');
    const edits = await createScoredProgram(t, acme, 'Edits program', '+1');
    const edited = await createCampaign(t, acme, {
      programId: edits,
      name: 'Edited mid-run',
      qualificationRule: { kind: 'EVERY_TIME' },
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['edit-'] }],
      },
      flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
    });
    const runId = await queueRun(databaseIdOf(edited));
    const now = new Date();
    const [first, second, third] = (await planRun(t.orm, runId, now)) as [number, number, number];
    expect(await processChunk(t.orm, runId, first, now)).toBe(true);
    await run(
      t,
      acme.key,
      'mutation ($id: ID!) { setTokens(ownerId: $id, tokens: [{ name: "my.score", value: "+7", type: SCORE }]) { name } }',
      { id: edits },
    );
    expect(await processChunk(t.orm, runId, second, now)).toBe(true);
    await run(
      t,
      acme.key,
      'mutation ($id: ID!) { updateCampaign(id: $id, input: { flow: [{ action: { changeScore: { change: "+100" } } }] }) { id } }',
      { id: edited },
    );
    expect(await processChunk(t.orm, runId, third, now)).toBe(true);
    const scores = await scoresOf('edit-');
    expect([1, 7, 100].map((score) => scores.filter((value) => value === score).length)).toEqual([
      CHUNK_SIZE,
      CHUNK_SIZE,
      10,
    ]);
  });

  it('A1 activity attributes keep tabs, newlines, backslashes and quotes as written', async () => {
    await createLeads(1, 'escape-');
    const description = 'tab\there\nnew line \\N back\\slash "quoted" \r end';
    const campaign = await createAcmeCampaign({
      name: 'Escapes',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['escape-'] }],
      },
      flow: [{ action: { interestingMoment: { kind: 'Web', description } } }],
    });
    const runId = (await runToCompletion(await queueRun(campaign))).id;
    const [activity] = await t.orm.em.fork().find(Activity, { run: runId });
    expect(activity?.attributes.description).toBe(description);
  });

  it('F9 a Wait suspends the lead durably: a PENDING wait at the next step, and a WAIT activity', async () => {
    await createLeads(1, 'wait-');
    const campaign = await createAcmeCampaign({
      name: 'Waits',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['wait-'] }],
      },
      flow: [{ action: { wait: { seconds: 3600 } } }, { action: { changeScore: { change: '+1' } } }],
    });
    const runId = await runToCompletion(await queueRun(campaign));
    const waits = await t.orm.em.fork().find(FlowWait, { run: runId.id });
    expect(waits.map((wait) => [wait.status, wait.resumeStep, wait.campaign.id])).toEqual([
      ['PENDING', 1, campaign],
    ]);
    const activities = await t.orm.em.fork().find(Activity, { run: runId.id });
    expect(activities.map((activity) => activity.type)).toEqual(['WAIT']);
    expect(await scoresOf('wait-')).toEqual([0]);
  });
});
