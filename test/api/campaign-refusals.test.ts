import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { ADMIN_KEY, type TestApp } from '../helpers/app.js';
import {
  type CampaignApp,
  CREATE_CAMPAIGN,
  execute,
  startCampaignApp,
  UPDATE_CAMPAIGN,
} from '../helpers/campaign-app.js';
import { createProgram, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let api: CampaignApp;
let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;

beforeAll(async () => {
  api = await startCampaignApp();
  ({ t, acme, globex } = api);
});
afterAll(() => api.close());

describe('refused saves write nothing and answer a ProblemCode', () => {
  let before: number;
  beforeEach(async () => {
    before = await api.campaignCount();
  });

  it.each([
    [
      'semantics E8 a wait in an executable',
      'WAIT_IN_EXECUTABLE',
      { executable: true, flow: [{ action: { wait: { seconds: 60 } } }] },
    ],
    [
      'semantics E8 a wait inside a choice of an executable',
      'WAIT_IN_EXECUTABLE',
      {
        executable: true,
        flow: [
          {
            choices: [
              {
                when: { kind: 'ATTRIBUTE', attribute: 'score', operator: 'AT_LEAST', values: ['1'] },
                action: { wait: { seconds: 5 } },
              },
            ],
          },
        ],
      },
    ],
    [
      'semantics E8 a webhook in an executable',
      'WEBHOOK_IN_EXECUTABLE',
      { executable: true, flow: [{ action: { webhook: { url: 'https://example.com/hook' } } }] },
    ],
    [
      'semantics E8 triggers in an executable',
      'TRIGGER_IN_EXECUTABLE',
      { executable: true, smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] } },
    ],
    [
      'semantics E4 a smart list on an unknown field',
      'INVALID_SMART_LIST',
      {
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'Shoe Size', operator: 'IS', values: ['9'] }],
        },
      },
    ],
    [
      'semantics E4 malformed advanced logic',
      'INVALID_SMART_LIST',
      {
        smartList: {
          rule: 'ADVANCED',
          advancedLogic: '1 and (',
          filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS_NOT_EMPTY' }],
        },
      },
    ],
    [
      'semantics E4 a choice on an unknown field',
      'INVALID_SMART_LIST',
      {
        flow: [
          {
            choices: [{ when: { kind: 'ATTRIBUTE', attribute: 'Nope', operator: 'IS_EMPTY' }, action: null }],
          },
        ],
      },
    ],
    ['a wait of 0 seconds', 'BAD_USER_INPUT', { flow: [{ action: { wait: { seconds: 0 } } }] }],
    [
      'a webhook that is not http',
      'BAD_USER_INPUT',
      { flow: [{ action: { webhook: { url: 'ftp://example.com' } } }] },
    ],
    ['ONCE_EVERY without a unit', 'BAD_USER_INPUT', { qualificationRule: { kind: 'ONCE_EVERY', every: 2 } }],
    [
      'two actions in one FlowActionInput',
      'BAD_USER_INPUT',
      { flow: [{ action: { wait: { seconds: 5 }, changeScore: { change: '+1' } } }] },
    ],
  ])('%s: %s', async (_case, code, input) => {
    const response = await api.create({ name: 'Refused', ...input });
    expect(errorCodes(response)).toEqual([code]);
    expect(await api.campaignCount()).toBe(before);
  });

  it('semantics E7 a target that is not executable is EXECUTE_TARGET_NOT_EXECUTABLE', async () => {
    const batch = await api.createOk({ name: 'Plain batch' });
    before = await api.campaignCount();
    const response = await api.create({ name: 'Caller', flow: [execute(batch.id)] });
    expect(errorCodes(response)).toEqual(['EXECUTE_TARGET_NOT_EXECUTABLE']);
    expect(await api.campaignCount()).toBe(before);
  });

  it('semantics E7 another workspace’s target is CROSS_WORKSPACE_EXECUTE for the admin and unknown for a workspace key', async () => {
    const theirProgram = await createProgram(t, globex, 'Theirs');
    const theirs = (
      await run<{ createCampaign: { id: string } }>(t, globex.key, CREATE_CAMPAIGN, {
        input: { programId: theirProgram, name: 'Their child', executable: true },
      })
    ).createCampaign.id;
    before = await api.campaignCount();
    expect(errorCodes(await api.create({ name: 'Caller', flow: [execute(theirs)] }, ADMIN_KEY))).toEqual([
      'CROSS_WORKSPACE_EXECUTE',
    ]);
    expect(errorCodes(await api.create({ name: 'Caller', flow: [execute(theirs)] }, acme.key))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await api.campaignCount()).toBe(before);
  });

  it('semantics E6 a cycle is EXECUTION_CYCLE, a campaign executing itself included', async () => {
    const a = await api.executable('Cycle A');
    const b = await api.executable('Cycle B', [execute(a.id)]);
    before = await api.campaignCount();
    const closing = await t.graphql(
      UPDATE_CAMPAIGN,
      { id: a.id, input: { flow: [execute(b.id)] } },
      acme.key,
    );
    expect(errorCodes(closing)).toEqual(['EXECUTION_CYCLE']);
    const itself = await t.graphql(UPDATE_CAMPAIGN, { id: a.id, input: { flow: [execute(a.id)] } }, acme.key);
    expect(errorCodes(itself)).toEqual(['EXECUTION_CYCLE']);
    const stored = await t.orm.em.fork().findOneOrFail(Campaign, { name: 'Cycle A' });
    expect(stored.flow).toEqual([]);
  });

  it('semantics E5 and E11: three levels below the top are allowed, a fourth is refused wherever the edit is made', async () => {
    const c3 = await api.executable('Depth 3');
    const c2 = await api.executable('Depth 2', [execute(c3.id)]);
    const c1 = await api.executable('Depth 1', [execute(c2.id)]);
    const top = await api.createOk({ name: 'Top', flow: [execute(c1.id)] });
    expect(top.executes).toEqual([{ name: 'Depth 1' }]);

    const c4 = await api.executable('Depth 4');
    before = await api.campaignCount();
    const grandchildEdit = await t.graphql(
      UPDATE_CAMPAIGN,
      { id: c3.id, input: { flow: [execute(c4.id)] } },
      acme.key,
    );
    expect(errorCodes(grandchildEdit)).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
    const newTop = await api.create({ name: 'Too deep', flow: [execute(top.id)] });
    expect(errorCodes(newTop)).toEqual(['EXECUTE_TARGET_NOT_EXECUTABLE']);
    expect(await api.campaignCount()).toBe(before);

    const caller = await api.executable('Caller of 1', [execute(c1.id)]);
    const callerOfCaller = await api.create({ name: 'Caller of caller', flow: [execute(caller.id)] });
    expect(errorCodes(callerOfCaller)).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
  });
});

describe('concurrent saves (semantics E6, E11)', () => {
  it('take turns: two edits that together would close a cycle cannot both succeed', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const a = await api.executable(`Race A${attempt}`);
      const b = await api.executable(`Race B${attempt}`);
      const responses = await Promise.all([
        t.graphql(UPDATE_CAMPAIGN, { id: a.id, input: { flow: [execute(b.id)] } }, acme.key),
        t.graphql(UPDATE_CAMPAIGN, { id: b.id, input: { flow: [execute(a.id)] } }, acme.key),
      ]);
      expect(responses.flatMap(errorCodes)).toEqual(['EXECUTION_CYCLE']);
    }
  });
});

describe('input sizes', () => {
  const choice = { when: { kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS_NOT_EMPTY' }, action: null };
  const stepsOfChoices = (steps: number, choices: number) =>
    Array.from({ length: steps }, () => ({ choices: Array(choices).fill(choice) }));

  it('semantics L2: takes a flow of 100 choices in all and refuses 101, writing nothing', async () => {
    await api.createOk({ name: 'Full flow', flow: stepsOfChoices(5, 20) });
    const before = await api.campaignCount();
    const refused = await api.create({
      name: 'Too many choices',
      flow: [...stepsOfChoices(5, 20), ...stepsOfChoices(1, 1)],
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.message).toBe('A flow holds at most 100 choices in all');
    expect(await api.campaignCount()).toBe(before);
  });

  it('semantics L2: refuses Remove from Flow steps naming more than 100 campaigns in all', async () => {
    const removing = (count: number) => ({ removeFromFlow: { campaignIds: Array(count).fill('x') } });
    const refused = await api.create({
      name: 'Too many removed',
      flow: [{ action: removing(60) }, { choices: [{ ...choice, action: removing(41) }] }],
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.message).toBe(
      "A flow's Remove from Flow steps name at most 100 campaigns in all",
    );
  });

  it.each([
    [
      'more than 100 campaigns to remove from',
      { flow: [{ action: { removeFromFlow: { campaignIds: Array.from({ length: 101 }, () => 'x') } } }] },
    ],
    [
      'a 10 001-character moment',
      { flow: [{ action: { interestingMoment: { kind: 'Web', description: 'x'.repeat(10_001) } } }] },
    ],
    [
      'more than 100 filter values',
      {
        smartList: {
          filters: [
            {
              kind: 'ATTRIBUTE',
              attribute: 'email',
              operator: 'IS',
              values: Array.from({ length: 101 }, (_, i) => `${i}`),
            },
          ],
        },
      },
    ],
    [
      'a 1001-character advanced logic',
      { smartList: { rule: 'ADVANCED', advancedLogic: '1'.repeat(1001), filters: [] } },
    ],
  ])('refuses %s as BAD_USER_INPUT', async (_case, input) => {
    expect(errorCodes(await api.create({ name: 'Too big', ...input }))).toEqual(['BAD_USER_INPUT']);
  });
});
