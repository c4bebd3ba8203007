import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import type { TestApp } from '../helpers/app.js';
import {
  type CampaignApp,
  type CampaignView,
  execute,
  startCampaignApp,
  UPDATE_CAMPAIGN,
} from '../helpers/campaign-app.js';
import type { WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let api: CampaignApp;
let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let list: string;

beforeAll(async () => {
  api = await startCampaignApp();
  ({ t, acme, globex, list } = api);
});
afterAll(() => api.close());

describe('campaign types', () => {
  it('derives BATCH, TRIGGER and EXECUTABLE', async () => {
    const batch = await api.createOk({
      name: 'Batch',
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const trigger = await api.createOk({
      name: 'Trigger',
      smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] },
    });
    const child = await api.executable('Executable');
    expect([batch.type, trigger.type, child.type]).toEqual(['BATCH', 'TRIGGER', 'EXECUTABLE']);
    expect([batch.isExecutable, child.isExecutable]).toEqual([false, true]);
    expect(batch).toMatchObject({ status: 'INACTIVE', problems: [], smartList: { isValid: true } });
  });
});

describe('updates', () => {
  it('changes only the given fields and keeps step ids; losing triggers deactivates', async () => {
    const trigger = await api.createOk({
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
      UPDATE_CAMPAIGN,
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

describe('clone (semantics E10)', () => {
  const CLONE = `mutation ($id: ID!, $name: String!, $executable: Boolean) {
    cloneCampaign(id: $id, name: $name, executable: $executable) { name type isExecutable flow { action { __typename } } }
  }`;

  it('copies the flow; the clone is executable only when asked, even from an executable', async () => {
    const source = await api.executable('Source', [{ action: { changeScore: { change: '+3' } } }]);
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
    const trigger = await api.createOk({
      name: 'Has triggers',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    const waiting = await api.createOk({ name: 'Waits', flow: [{ action: { wait: { seconds: 60 } } }] });
    const before = await api.campaignCount();
    expect(errorCodes(await t.graphql(CLONE, { id: trigger.id, name: 'X' }, acme.key))).toEqual([
      'CLONE_WITH_TRIGGERS',
    ]);
    expect(
      errorCodes(await t.graphql(CLONE, { id: waiting.id, name: 'X', executable: true }, acme.key)),
    ).toEqual(['WAIT_IN_EXECUTABLE']);
    expect(await api.campaignCount()).toBe(before);
  });

  it('a source with triggers is refused for that before the clone’s program is looked up', async () => {
    const trigger = await api.createOk({
      name: 'Triggers, then a foreign program',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    const elsewhere = await t.graphql<{ createProgram: { id: string } }>(
      'mutation ($ws: ID!) { createProgram(workspaceId: $ws, name: "Theirs") { id } }',
      { ws: globex.id },
      globex.key,
    );
    const clone = `mutation ($id: ID!, $program: ID) { cloneCampaign(id: $id, name: "X", programId: $program) { id } }`;
    const variables = { id: trigger.id, program: elsewhere.data?.createProgram.id };
    expect(errorCodes(await t.graphql(clone, variables, acme.key))).toEqual(['CLONE_WITH_TRIGGERS']);
  });
});

describe('activation and deletion', () => {
  const ACTIVATE = 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }';
  const DEACTIVATE = 'mutation ($id: ID!) { deactivateCampaign(id: $id) { status } }';
  const DELETE = 'mutation ($id: ID!) { deleteCampaign(id: $id) }';

  it('activates trigger campaigns only: an executable is NOT_SCHEDULABLE, a batch BAD_USER_INPUT', async () => {
    const trigger = await api.createOk({
      name: 'T',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
    });
    expect(await run(t, acme.key, ACTIVATE, { id: trigger.id })).toEqual({
      activateCampaign: { status: 'ACTIVE' },
    });
    expect(await run(t, acme.key, DEACTIVATE, { id: trigger.id })).toEqual({
      deactivateCampaign: { status: 'INACTIVE' },
    });
    const child = await api.executable('E');
    expect(errorCodes(await t.graphql(ACTIVATE, { id: child.id }, acme.key))).toEqual(['NOT_SCHEDULABLE']);
    const batch = await api.createOk({ name: 'B' });
    expect(errorCodes(await t.graphql(ACTIVATE, { id: batch.id }, acme.key))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses to delete a campaign another flow names, then deletes it once unused', async () => {
    const child = await api.executable('Used child');
    const parent = await api.createOk({ name: 'User', flow: [execute(child.id)] });
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
    const gone = await run<{ node: { deletedAt: string | null } }>(
      t,
      acme.key,
      'query ($id: ID!) { node(id: $id) { ... on Campaign { deletedAt } } }',
      { id: child.id },
    );
    expect(gone.node.deletedAt).not.toBeNull();
  });

  it('another workspace’s campaign cannot be read or changed', async () => {
    const mine = await api.createOk({ name: 'Mine' });
    const query = 'query ($id: ID!) { campaign(id: $id) { name } }';
    expect((await t.graphql(query, { id: mine.id }, acme.key)).data).toEqual({ campaign: { name: 'Mine' } });
    expect((await t.graphql(query, { id: mine.id }, globex.key)).data).toEqual({ campaign: null });
    for (const query of [ACTIVATE, DEACTIVATE, DELETE]) {
      expect(errorCodes(await t.graphql(query, { id: mine.id }, globex.key))).toEqual(['NOT_FOUND']);
    }
    const update = await t.graphql(
      UPDATE_CAMPAIGN,
      { id: mine.id, input: { name: 'Theirs now' } },
      globex.key,
    );
    expect(errorCodes(update)).toEqual(['NOT_FOUND']);
  });
});

describe('problems (semantics E4 without a save)', () => {
  it('a deleted smart-list asset makes the campaign report INVALID_SMART_LIST and isValid false', async () => {
    const asset = (
      await run<{ createSmartList: { id: string } }>(
        t,
        acme.key,
        'mutation ($ws: ID!) { createSmartList(workspaceId: $ws, name: "Audience", definition: { filters: [] }) { id } }',
        { ws: acme.id },
      )
    ).createSmartList.id;
    const campaign = await api.createOk({
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
