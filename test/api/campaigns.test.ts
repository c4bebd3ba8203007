import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createProgram,
  createStaticList,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let program: string;
let list: string;

const CAMPAIGN_FIELDS = `id name type status isExecutable
  flow { position action { __typename } choices { action { __typename } } }
  executes { name } executedBy { name }
  problems { code stepPosition }
  smartList { isValid }
  qualificationRule { kind every unit }`;
const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;

type CampaignView = {
  id: string;
  name: string;
  type: string;
  status: string;
  isExecutable: boolean;
  executes: { name: string }[];
  executedBy: { name: string }[];
  problems: { code: string; stepPosition: number | null }[];
  smartList: { isValid: boolean };
};

async function create(input: Record<string, unknown>, key = acme.key) {
  return t.graphql<{ createCampaign: CampaignView }>(
    CREATE,
    { input: { programId: program, ...input } },
    key,
  );
}

async function createOk(input: Record<string, unknown>): Promise<CampaignView> {
  const response = await create(input);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createCampaign;
}

const executable = (name: string, flow: unknown[] = []) => createOk({ name, executable: true, flow });
const execute = (campaignId: string, useParentTokenContext = false) => ({
  action: { executeCampaign: { campaignId, useParentTokenContext } },
});
const campaignCount = () => t.orm.em.fork().count(Campaign, {});

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  program = await createProgram(t, acme, 'Scoring');
  list = await createStaticList(t, acme, 'VIPs');
});
afterAll(() => t.close());

describe('campaign types', () => {
  it('derives BATCH, TRIGGER and EXECUTABLE', async () => {
    const batch = await createOk({ name: 'Batch', flow: [{ action: { changeScore: { change: '+1' } } }] });
    const trigger = await createOk({
      name: 'Trigger',
      smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] },
    });
    const child = await executable('Executable');
    expect([batch.type, trigger.type, child.type]).toEqual(['BATCH', 'TRIGGER', 'EXECUTABLE']);
    expect([batch.isExecutable, child.isExecutable]).toEqual([false, true]);
    expect(batch).toMatchObject({ status: 'INACTIVE', problems: [], smartList: { isValid: true } });
  });
});

describe('refused saves write nothing and answer a ProblemCode', () => {
  let before: number;
  beforeEach(async () => {
    before = await campaignCount();
  });

  it.each([
    [
      'E8 a wait in an executable',
      'WAIT_IN_EXECUTABLE',
      { executable: true, flow: [{ action: { wait: { seconds: 60 } } }] },
    ],
    [
      'E8 a wait inside a choice of an executable',
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
      'E8 a webhook in an executable',
      'WEBHOOK_IN_EXECUTABLE',
      { executable: true, flow: [{ action: { webhook: { url: 'https://example.com/hook' } } }] },
    ],
    [
      'E8 triggers in an executable',
      'TRIGGER_IN_EXECUTABLE',
      { executable: true, smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] } },
    ],
    [
      'E4 a smart list on an unknown field',
      'INVALID_SMART_LIST',
      {
        smartList: {
          filters: [{ kind: 'ATTRIBUTE', attribute: 'Shoe Size', operator: 'IS', values: ['9'] }],
        },
      },
    ],
    [
      'E4 malformed advanced logic',
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
      'E4 a choice on an unknown field',
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
    const response = await create({ name: 'Refused', ...input });
    expect(errorCodes(response)).toEqual([code]);
    expect(await campaignCount()).toBe(before);
  });

  it('E7 a target that is not executable is EXECUTE_TARGET_NOT_EXECUTABLE', async () => {
    const batch = await createOk({ name: 'Plain batch' });
    before = await campaignCount();
    const response = await create({ name: 'Caller', flow: [execute(batch.id)] });
    expect(errorCodes(response)).toEqual(['EXECUTE_TARGET_NOT_EXECUTABLE']);
    expect(await campaignCount()).toBe(before);
  });

  it('E7 another workspace’s target is CROSS_WORKSPACE_EXECUTE for the admin and unknown for a workspace key', async () => {
    const theirProgram = await createProgram(t, globex, 'Theirs');
    const theirs = (
      await run<{ createCampaign: { id: string } }>(t, globex.key, CREATE, {
        input: { programId: theirProgram, name: 'Their child', executable: true },
      })
    ).createCampaign.id;
    before = await campaignCount();
    expect(errorCodes(await create({ name: 'Caller', flow: [execute(theirs)] }, ADMIN_KEY))).toEqual([
      'CROSS_WORKSPACE_EXECUTE',
    ]);
    expect(errorCodes(await create({ name: 'Caller', flow: [execute(theirs)] }, acme.key))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await campaignCount()).toBe(before);
  });

  it('E6 a cycle is EXECUTION_CYCLE, a campaign executing itself included', async () => {
    const a = await executable('Cycle A');
    const b = await executable('Cycle B', [execute(a.id)]);
    before = await campaignCount();
    const closing = await t.graphql(UPDATE, { id: a.id, input: { flow: [execute(b.id)] } }, acme.key);
    expect(errorCodes(closing)).toEqual(['EXECUTION_CYCLE']);
    const itself = await t.graphql(UPDATE, { id: a.id, input: { flow: [execute(a.id)] } }, acme.key);
    expect(errorCodes(itself)).toEqual(['EXECUTION_CYCLE']);
    const stored = await t.orm.em.fork().findOneOrFail(Campaign, { name: 'Cycle A' });
    expect(stored.flow).toEqual([]);
  });

  it('E5 and E11: three levels below the top are allowed, a fourth is refused wherever the edit is made', async () => {
    const c3 = await executable('Depth 3');
    const c2 = await executable('Depth 2', [execute(c3.id)]);
    const c1 = await executable('Depth 1', [execute(c2.id)]);
    const top = await createOk({ name: 'Top', flow: [execute(c1.id)] });
    expect(top.executes).toEqual([{ name: 'Depth 1' }]);

    const c4 = await executable('Depth 4');
    before = await campaignCount();
    const grandchildEdit = await t.graphql(
      UPDATE,
      { id: c3.id, input: { flow: [execute(c4.id)] } },
      acme.key,
    );
    expect(errorCodes(grandchildEdit)).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
    const newTop = await create({ name: 'Too deep', flow: [execute(top.id)] });
    expect(errorCodes(newTop)).toEqual(['EXECUTE_TARGET_NOT_EXECUTABLE']);
    expect(await campaignCount()).toBe(before);

    const caller = await executable('Caller of 1', [execute(c1.id)]);
    const callerOfCaller = await create({ name: 'Caller of caller', flow: [execute(caller.id)] });
    expect(errorCodes(callerOfCaller)).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
  });
});

describe('concurrent saves (E6, E11)', () => {
  it('take turns: two edits that together would close a cycle cannot both succeed', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const a = await executable(`Race A${attempt}`);
      const b = await executable(`Race B${attempt}`);
      const responses = await Promise.all([
        t.graphql(UPDATE, { id: a.id, input: { flow: [execute(b.id)] } }, acme.key),
        t.graphql(UPDATE, { id: b.id, input: { flow: [execute(a.id)] } }, acme.key),
      ]);
      expect(responses.flatMap(errorCodes)).toEqual(['EXECUTION_CYCLE']);
    }
  });
});

describe('updates', () => {
  it('changes only the given fields and keeps step ids; losing triggers deactivates', async () => {
    const trigger = await createOk({
      name: 'Listener',
      smartList: { filters: [], triggers: [{ kind: 'ADDED_TO_LIST', staticListId: list }] },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', {
      id: trigger.id,
    });
    const stepId = async () =>
      (await t.orm.em.fork().findOneOrFail(Campaign, { name: 'Listener' })).flow.map((step) => step.id);
    const before = await stepId();
    const { updateCampaign } = await run<{ updateCampaign: CampaignView & { qualificationRule: unknown } }>(
      t,
      acme.key,
      UPDATE,
      {
        id: trigger.id,
        input: {
          smartList: { filters: [] },
          flow: [{ action: { changeScore: { change: '+2' } } }, { action: null }],
          qualificationRule: { kind: 'ONCE_EVERY', every: 2, unit: 'DAYS' },
        },
      },
    );
    expect(updateCampaign).toMatchObject({
      name: 'Listener',
      type: 'BATCH',
      status: 'INACTIVE',
      qualificationRule: { kind: 'ONCE_EVERY', every: 2, unit: 'DAYS' },
    });
    const after = await stepId();
    expect(after[0]).toBe(before[0]);
    expect(after).toHaveLength(2);
  });
});

describe('clone (E10)', () => {
  const CLONE = `mutation ($id: ID!, $name: String!, $executable: Boolean) {
    cloneCampaign(id: $id, name: $name, executable: $executable) { name type isExecutable flow { action { __typename } } }
  }`;

  it('copies the flow; the clone is executable only when asked, even from an executable', async () => {
    const source = await executable('Source', [{ action: { changeScore: { change: '+3' } } }]);
    const plain = await run<{ cloneCampaign: unknown }>(t, acme.key, CLONE, {
      id: source.id,
      name: 'Plain clone',
    });
    expect(plain.cloneCampaign).toEqual({
      name: 'Plain clone',
      type: 'BATCH',
      isExecutable: false,
      flow: [{ action: { __typename: 'ChangeScore' } }],
    });
    const asExecutable = await run<{ cloneCampaign: { type: string } }>(t, acme.key, CLONE, {
      id: source.id,
      name: 'Executable clone',
      executable: true,
    });
    expect(asExecutable.cloneCampaign.type).toBe('EXECUTABLE');
  });

  it('refuses a source with triggers (CLONE_WITH_TRIGGERS) and an executable clone with a wait', async () => {
    const trigger = await createOk({
      name: 'Has triggers',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    const waiting = await createOk({ name: 'Waits', flow: [{ action: { wait: { seconds: 60 } } }] });
    const before = await campaignCount();
    expect(errorCodes(await t.graphql(CLONE, { id: trigger.id, name: 'X' }, acme.key))).toEqual([
      'CLONE_WITH_TRIGGERS',
    ]);
    expect(
      errorCodes(await t.graphql(CLONE, { id: waiting.id, name: 'X', executable: true }, acme.key)),
    ).toEqual(['WAIT_IN_EXECUTABLE']);
    expect(await campaignCount()).toBe(before);
  });
});

describe('activation and deletion', () => {
  const ACTIVATE = 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }';
  const DEACTIVATE = 'mutation ($id: ID!) { deactivateCampaign(id: $id) { status } }';
  const DELETE = 'mutation ($id: ID!) { deleteCampaign(id: $id) }';

  it('activates trigger campaigns only: an executable is NOT_SCHEDULABLE, a batch BAD_USER_INPUT', async () => {
    const trigger = await createOk({
      name: 'T',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    expect(await run(t, acme.key, ACTIVATE, { id: trigger.id })).toEqual({
      activateCampaign: { status: 'ACTIVE' },
    });
    expect(await run(t, acme.key, DEACTIVATE, { id: trigger.id })).toEqual({
      deactivateCampaign: { status: 'INACTIVE' },
    });
    const child = await executable('E');
    expect(errorCodes(await t.graphql(ACTIVATE, { id: child.id }, acme.key))).toEqual(['NOT_SCHEDULABLE']);
    const batch = await createOk({ name: 'B' });
    expect(errorCodes(await t.graphql(ACTIVATE, { id: batch.id }, acme.key))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses to delete a campaign another flow names, then deletes it once unused', async () => {
    const child = await executable('Used child');
    const parent = await createOk({ name: 'User', flow: [execute(child.id)] });
    const child2 = await run<{ node: { executedBy: { name: string }[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { node(id: $id) { ... on Campaign { executedBy { name } } } }',
      { id: child.id },
    );
    expect(child2.node.executedBy).toEqual([{ name: 'User' }]);
    expect(errorCodes(await t.graphql(DELETE, { id: child.id }, acme.key))).toEqual(['BAD_USER_INPUT']);
    expect(await run(t, acme.key, DELETE, { id: parent.id })).toEqual({ deleteCampaign: parent.id });
    expect(await run(t, acme.key, DELETE, { id: child.id })).toEqual({ deleteCampaign: child.id });
    const gone = await t.graphql('query ($id: ID!) { node(id: $id) { id } }', { id: child.id }, acme.key);
    expect(gone.data).toEqual({ node: null });
  });

  it('another workspace’s campaign cannot be read or changed', async () => {
    const mine = await createOk({ name: 'Mine' });
    const query = 'query ($id: ID!) { campaign(id: $id) { name } }';
    expect((await t.graphql(query, { id: mine.id }, acme.key)).data).toEqual({ campaign: { name: 'Mine' } });
    expect((await t.graphql(query, { id: mine.id }, globex.key)).data).toEqual({ campaign: null });
    for (const query of [ACTIVATE, DEACTIVATE, DELETE]) {
      expect(errorCodes(await t.graphql(query, { id: mine.id }, globex.key))).toEqual(['NOT_FOUND']);
    }
    const update = await t.graphql(UPDATE, { id: mine.id, input: { name: 'Theirs now' } }, globex.key);
    expect(errorCodes(update)).toEqual(['NOT_FOUND']);
  });
});

describe('problems (E4 without a save)', () => {
  it('a deleted smart-list asset makes the campaign report INVALID_SMART_LIST and isValid false', async () => {
    const asset = (
      await run<{ createSmartList: { id: string } }>(
        t,
        acme.key,
        'mutation ($ws: ID!) { createSmartList(workspaceId: $ws, name: "Audience", definition: { filters: [] }) { id } }',
        { ws: acme.id },
      )
    ).createSmartList.id;
    const campaign = await createOk({
      name: 'Uses asset',
      smartList: { filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: asset }] },
    });
    expect(campaign.problems).toEqual([]);
    await run(t, acme.key, 'mutation ($id: ID!) { deleteSmartList(id: $id) }', { id: asset });
    const after = await run<{ node: CampaignView }>(
      t,
      acme.key,
      `query ($id: ID!) { node(id: $id) { ... on Campaign { problems { code stepPosition } smartList { isValid } } } }`,
      { id: campaign.id },
    );
    expect(after.node).toEqual({
      problems: [{ code: 'INVALID_SMART_LIST', stepPosition: null }],
      smartList: { isValid: false },
    });
  });
});

describe('input sizes', () => {
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
    expect(errorCodes(await create({ name: 'Too big', ...input }))).toEqual(['BAD_USER_INPUT']);
  });
});
