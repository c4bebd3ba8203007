import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import type { RunToken } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { LeadCampaignHistory } from '../../src/db/entities/lead-campaign-history.entity.js';
import type { TestApp } from '../helpers/app.js';
import { type BatchApp, startBatchApp } from '../helpers/batch-app.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';

let batch: BatchApp;
let t: TestApp;
let childProgram: string;
let child: string;

beforeAll(async () => {
  batch = await startBatchApp();
  ({ t, childProgram, child } = batch);
});
afterAll(() => batch.close());

describe('batch runs', () => {
  it('semantics T6 end to end: the seed’s example over a run’s audience, TRUE gives +10, FALSE +0', async () => {
    await batch.createLeads(3, 'seed-');
    const parent = (useParentTokenContext: boolean, name: string) =>
      batch.createAcmeCampaign({
        name,
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['seed-'] }],
        },
        flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext } } }],
      });
    const withTrue = await batch.queueRun(await parent(true, 'Seed TRUE'));
    const done = await batch.runToCompletion(withTrue);
    expect(done).toMatchObject({ status: 'COMPLETED', leadsTotal: 3, leadsProcessed: 3, leadsQualified: 3 });
    expect(await batch.scoresOf('seed-')).toEqual([10, 10, 10]);
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

    await batch.runToCompletion(await batch.queueRun(await parent(false, 'Seed FALSE')));
    expect(await batch.scoresOf('seed-')).toEqual([10, 10, 10]);
  });

  it('semantics T7 API-passed tokens reach the child through TRUE, not through FALSE', async () => {
    await batch.createLeads(2, 'api-');
    const parent = (useParentTokenContext: boolean, name: string) =>
      batch.createAcmeCampaign({
        name,
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['api-'] }],
        },
        flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext } } }],
      });
    const tokens: RunToken[] = [{ name: 'my.score', type: 'SCORE', value: '+25' }];
    await batch.runToCompletion(await batch.queueRun(await parent(true, 'API TRUE'), tokens));
    expect(await batch.scoresOf('api-')).toEqual([25, 25]);
    await batch.runToCompletion(await batch.queueRun(await parent(false, 'API FALSE'), tokens));
    expect(await batch.scoresOf('api-')).toEqual([25, 25]);
  });

  it('semantics S4 and Q1: the audience is who passes the smart list and the rule when the run starts', async () => {
    await batch.createLeads(4, 'once-');
    const once = await batch.createAcmeCampaign({
      name: 'Once',
      qualificationRule: { kind: 'ONCE' },
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['once-'] }],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    expect(await batch.runToCompletion(await batch.queueRun(once))).toMatchObject({
      status: 'COMPLETED',
      leadsTotal: 4,
    });
    const second = await batch.runToCompletion(await batch.queueRun(once));
    expect(second).toMatchObject({ status: 'COMPLETED', leadsTotal: 0, leadsProcessed: 0 });
    expect(await batch.scoresOf('once-')).toEqual([1, 1, 1, 1]);
  });

  it('semantics S4 an audience by list and program membership: members only', async () => {
    await batch.createLeads(3, 'member-');
    const list = await batch.enlist('member-0@example.com', 'Members', [
      { action: { changeProgramStatus: { programId: childProgram, status: 'Member' } } },
    ]);
    const byList = await batch.createAcmeCampaign({
      name: 'By list',
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['member-'] },
          { kind: 'MEMBER_OF_LIST', staticListId: list },
        ],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const byProgram = await batch.createAcmeCampaign({
      name: 'By program',
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['member-'] },
          { kind: 'MEMBER_OF_PROGRAM', programId: childProgram },
        ],
      },
      flow: [{ action: { changeScore: { change: '+10' } } }],
    });
    expect(await batch.runToCompletion(await batch.queueRun(byList))).toMatchObject({ leadsTotal: 1 });
    expect(await batch.runToCompletion(await batch.queueRun(byProgram))).toMatchObject({ leadsTotal: 1 });
    expect(await batch.scoresOf('member-')).toEqual([11, 0, 0]);
  });

  it('semantics E3 and Q1 inside a run: an executed child’s list filter and ONCE rule see the stored state', async () => {
    await batch.createLeads(2, 'gate-');
    const list = await batch.enlist('gate-0@example.com', 'Gate');
    const gate = await batch.createAcmeCampaign({
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
    const parent = await batch.createAcmeCampaign({
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
    const first = await batch.runToCompletion(await batch.queueRun(parent));
    expect(await outcomes(first.id)).toEqual([
      [true, null],
      [false, 'NOT_IN_SMART_LIST'],
    ]);
    const second = await batch.runToCompletion(await batch.queueRun(parent));
    expect(await outcomes(second.id)).toEqual([
      [false, 'QUALIFICATION_RULE'],
      [false, 'NOT_IN_SMART_LIST'],
    ]);
    expect(await batch.scoresOf('gate-')).toEqual([1, 0]);
  });

  it('semantics A1 activity attributes keep tabs, newlines, backslashes and quotes as written', async () => {
    await batch.createLeads(1, 'escape-');
    const description = 'tab\there\nnew line \\N back\\slash "quoted" \r end';
    const campaign = await batch.createAcmeCampaign({
      name: 'Escapes',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['escape-'] }],
      },
      flow: [{ action: { interestingMoment: { kind: 'Web', description } } }],
    });
    const runId = (await batch.runToCompletion(await batch.queueRun(campaign))).id;
    const [activity] = await t.orm.em.fork().find(Activity, { run: runId });
    expect(activity?.attributes.description).toBe(description);
  });

  it('semantics F9 a Wait suspends the lead durably: a PENDING wait at the next step, and a WAIT activity', async () => {
    await batch.createLeads(1, 'wait-');
    const campaign = await batch.createAcmeCampaign({
      name: 'Waits',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['wait-'] }],
      },
      flow: [{ action: { wait: { seconds: 3600 } } }, { action: { changeScore: { change: '+1' } } }],
    });
    const runId = await batch.runToCompletion(await batch.queueRun(campaign));
    const waits = await t.orm.em.fork().find(FlowWait, { run: runId.id });
    expect(waits.map((wait) => [wait.status, wait.resumeStep, wait.campaign.id])).toEqual([
      ['PENDING', 1, campaign],
    ]);
    const activities = await t.orm.em.fork().find(Activity, { run: runId.id });
    expect(activities.map((activity) => activity.type)).toEqual(['WAIT']);
    expect(await batch.scoresOf('wait-')).toEqual([0]);
  });
});
