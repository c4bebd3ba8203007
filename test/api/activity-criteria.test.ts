import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let child: string;

const create = (input: Record<string, unknown>) =>
  createCampaign(t, acme, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input });

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'History');
  await run(
    t,
    acme.key,
    'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Stage", type: STRING) { name } }',
    { ws: acme.id },
  );
  child = await create({
    name: 'Child',
    executable: true,
    flow: [{ action: { changeScore: { change: '+5' } } }],
  });
});
afterAll(() => t.close());

describe('semantics S5 criteria that do not fit are refused', () => {
  const refusal = async (activity: Record<string, unknown> | null, kind = 'HAD_ACTIVITY') => {
    const response = await t.graphql<unknown>(
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      { input: { programId: program, name: 'Refused', smartList: { filters: [{ kind, activity }] } } },
      acme.key,
    );
    return { codes: errorCodes(response), message: response.errors?.[0]?.message ?? '' };
  };

  it.each([
    [
      { type: 'CHANGE_SCORE', qualified: true },
      'INVALID_SMART_LIST',
      'qualified applies to EXECUTE_CAMPAIGN',
    ],
    [
      { type: 'EXECUTE_CAMPAIGN', attribute: 'Stage' },
      'INVALID_SMART_LIST',
      'attribute applies to CHANGE_DATA_VALUE',
    ],
    [
      { type: 'CHANGE_DATA_VALUE', attribute: 'Shoe Size' },
      'INVALID_SMART_LIST',
      'unknown field "Shoe Size"',
    ],
    [
      { type: 'CHANGE_DATA_VALUE', attribute: 'score', newValue: 'many' },
      'INVALID_SMART_LIST',
      'is not a SCORE value',
    ],
    [{ type: 'CHANGE_DATA_VALUE', newValue: '42' }, 'INVALID_SMART_LIST', 'newValue needs an attribute'],
    [
      { type: 'CHANGE_SCORE', withinDays: 0 },
      'BAD_USER_INPUT',
      'withinDays must be an integer from 1 to 3650',
    ],
    [{ type: 'CHANGE_SCORE', withinDays: 3651 }, 'BAD_USER_INPUT', 'withinDays must be'],
    [{ type: 'CHANGE_SCORE', minTimes: 0 }, 'BAD_USER_INPUT', 'minTimes must be an integer from 1 to 1000'],
    [{ type: 'CHANGE_SCORE', minTimes: 1001 }, 'BAD_USER_INPUT', 'minTimes must be'],
    [null, 'INVALID_SMART_LIST', 'HAD_ACTIVITY needs activity criteria'],
  ])('%j is %s', async (activity, code, message) => {
    const { codes, message: text } = await refusal(activity);
    expect(codes).toEqual([code]);
    expect(text).toContain(message);
  });

  it('a campaign id of another workspace is INVALID_SMART_LIST', async () => {
    const other = await createWorkspaceWithKey(t, 'Other');
    const otherProgram = await createProgram(t, other, 'Elsewhere');
    const foreign = await createCampaign(t, other, { programId: otherProgram, name: 'Foreign' });
    for (const activity of [
      { type: 'CHANGE_SCORE', campaignId: foreign },
      { type: 'EXECUTE_CAMPAIGN', executedCampaignId: foreign },
    ]) {
      const { codes, message } = await refusal(activity, 'NOT_HAD_ACTIVITY');
      expect(codes).toEqual(['INVALID_SMART_LIST']);
      expect(message).toContain('no Campaign with id');
    }
  });

  it('a choice condition with criteria that do not fit is refused too, and a good one reads back', async () => {
    const response = await t.graphql<unknown>(
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      {
        input: {
          programId: program,
          name: 'Bad choice',
          flow: [
            {
              choices: [
                {
                  when: { kind: 'NOT_HAD_ACTIVITY', activity: { type: 'WAIT', newValue: 'x' } },
                  action: null,
                },
              ],
            },
          ],
        },
      },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['INVALID_SMART_LIST']);
    const saved = await create({
      name: 'Reads back',
      smartList: {
        filters: [
          {
            kind: 'HAD_ACTIVITY',
            activity: {
              type: 'EXECUTE_CAMPAIGN',
              executedCampaignId: child,
              qualified: false,
              withinDays: 3,
            },
          },
        ],
      },
    });
    const { campaign } = await run<{
      campaign: { smartList: { filters: { kind: string; activity: unknown }[] } };
    }>(
      t,
      acme.key,
      `query ($id: ID!) { campaign(id: $id) { smartList { filters { kind activity {
        type campaignId executedCampaignId qualified attribute newValue withinDays minTimes } } } } }`,
      { id: saved },
    );
    expect(campaign.smartList.filters).toEqual([
      {
        kind: 'HAD_ACTIVITY',
        activity: {
          type: 'EXECUTE_CAMPAIGN',
          campaignId: null,
          executedCampaignId: child,
          qualified: false,
          attribute: null,
          newValue: null,
          withinDays: 3,
          minTimes: 1,
        },
      },
    ]);
  });
});
