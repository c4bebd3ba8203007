import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createStaticList,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let acmeList: string;
let acmeProgram: string;
let globexList: string;

const DEFINITION = `definition {
  rule advancedLogic
  filters { position kind attribute operator values status smartList { name } staticList { name } program { name } }
  triggers { kind attribute source staticList { name } }
}`;
const CREATE = `mutation ($ws: ID!, $name: String!, $definition: SmartListInput!) {
  createSmartList(workspaceId: $ws, name: $name, definition: $definition) { id name ${DEFINITION} }
}`;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  acmeList = await createStaticList(t, acme, 'VIPs');
  globexList = await createStaticList(t, globex, 'VIPs');
  acmeProgram = await createProgram(t, acme, 'Webinar');
});
afterAll(() => t.close());

async function createSmartList(definition: Record<string, unknown>, key = acme.key, name = 'Audience') {
  return t.graphql<{ createSmartList: { id: string; definition: Record<string, unknown> } }>(
    CREATE,
    { ws: key === globex.key ? globex.id : acme.id, name, definition },
    key,
  );
}

describe('smart-list assets', () => {
  it('stores every filter kind and trigger, shown with its references resolved', async () => {
    const base = await createSmartList(
      { filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'CONTAINS', values: ['@acme.com'] }] },
      acme.key,
      'Base',
    );
    const baseId = base.data?.createSmartList.id;
    const response = await createSmartList({
      rule: 'ADVANCED',
      advancedLogic: '1 and (2 or not 3) and 4',
      filters: [
        { kind: 'ATTRIBUTE', attribute: 'score', operator: 'AT_LEAST', values: ['10'] },
        { kind: 'MEMBER_OF_LIST', staticListId: acmeList },
        { kind: 'MEMBER_OF_PROGRAM', programId: acmeProgram, status: 'Engaged' },
        { kind: 'MEMBER_OF_SMART_LIST', smartListId: baseId },
      ],
      triggers: [
        { kind: 'ADDED_TO_LIST', staticListId: acmeList },
        { kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.createSmartList.definition).toEqual({
      rule: 'ADVANCED',
      advancedLogic: '1 and (2 or not 3) and 4',
      filters: [
        {
          position: 1,
          kind: 'ATTRIBUTE',
          attribute: 'score',
          operator: 'AT_LEAST',
          values: ['10'],
          status: null,
          smartList: null,
          staticList: null,
          program: null,
        },
        {
          position: 2,
          kind: 'MEMBER_OF_LIST',
          attribute: null,
          operator: null,
          values: [],
          status: null,
          smartList: null,
          staticList: { name: 'VIPs' },
          program: null,
        },
        {
          position: 3,
          kind: 'MEMBER_OF_PROGRAM',
          attribute: null,
          operator: null,
          values: [],
          status: 'Engaged',
          smartList: null,
          staticList: null,
          program: { name: 'Webinar' },
        },
        {
          position: 4,
          kind: 'MEMBER_OF_SMART_LIST',
          attribute: null,
          operator: null,
          values: [],
          status: null,
          smartList: { name: 'Base' },
          staticList: null,
          program: null,
        },
      ],
      triggers: [
        { kind: 'ADDED_TO_LIST', attribute: null, source: null, staticList: { name: 'VIPs' } },
        { kind: 'CAMPAIGN_IS_REQUESTED', attribute: null, source: 'API', staticList: null },
      ],
    });
  });

  it.each([
    ['ADVANCED without logic', { rule: 'ADVANCED', filters: [] }],
    ['ATTRIBUTE without operator', { filters: [{ kind: 'ATTRIBUTE', attribute: 'email' }] }],
    ['MEMBER_OF_LIST without a list', { filters: [{ kind: 'MEMBER_OF_LIST' }] }],
    ['a list id that is not a list id', { filters: [{ kind: 'MEMBER_OF_LIST', staticListId: 'nonsense' }] }],
    [
      'a status the program does not have',
      { filters: [{ kind: 'MEMBER_OF_PROGRAM', programId: '$program', status: 'Nope' }] },
    ],
    ['DATA_VALUE_CHANGES without an attribute', { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES' }] }],
    [
      'a membership filter with an operator other than IS or IS_NOT',
      { filters: [{ kind: 'MEMBER_OF_LIST', staticListId: '$list', operator: 'CONTAINS' }] },
    ],
  ])('refuses %s as INVALID_SMART_LIST, writing nothing', async (_case, definition) => {
    const patched = JSON.parse(
      JSON.stringify(definition).replace('$program', acmeProgram).replace('$list', acmeList),
    );
    const response = await createSmartList(patched, acme.key, 'Refused');
    expect(errorCodes(response)).toEqual(['INVALID_SMART_LIST']);
    const names = await run<{ workspace: { smartLists: { name: string }[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { smartLists { name } } }',
      { id: acme.id },
    );
    expect(names.workspace.smartLists.map((smartList) => smartList.name)).not.toContain('Refused');
  });

  it('keeps a membership filter’s IS_NOT, which selects the leads that are not members', async () => {
    const [leadId] = await upsertLeads(t, acme, [{ email: 'outsider@acme.com' }]);
    const qualifiedThrough = async (operator: 'IS' | 'IS_NOT') => {
      const campaignId = await createCampaign(t, acme, {
        programId: acmeProgram,
        name: `Members ${operator}`,
        qualificationRule: { kind: 'EVERY_TIME' },
        smartList: { filters: [{ kind: 'MEMBER_OF_LIST', staticListId: acmeList, operator }] },
      });
      const { campaign, simulateCampaign } = await run<{
        campaign: { smartList: { filters: { operator: string | null }[] } };
        simulateCampaign: { qualified: boolean };
      }>(
        t,
        acme.key,
        `query ($campaignId: ID!, $leadId: ID!) {
          campaign(id: $campaignId) { smartList { filters { operator } } }
          simulateCampaign(campaignId: $campaignId, leadId: $leadId) { qualified }
        }`,
        { campaignId, leadId },
      );
      expect(campaign.smartList.filters).toEqual([{ operator }]);
      return simulateCampaign.qualified;
    };
    expect(await qualifiedThrough('IS_NOT')).toBe(true);
    expect(await qualifiedThrough('IS')).toBe(false);
  });

  it('refuses a reference to another workspace’s list, even for the admin key', async () => {
    for (const key of [acme.key, ADMIN_KEY]) {
      const response = await t.graphql(
        CREATE,
        {
          ws: acme.id,
          name: 'Cross',
          definition: { filters: [{ kind: 'MEMBER_OF_LIST', staticListId: globexList }] },
        },
        key,
      );
      expect(errorCodes(response)).toEqual(['INVALID_SMART_LIST']);
    }
  });

  it('refuses more than 100 filters as BAD_USER_INPUT', async () => {
    const filters = Array.from({ length: 101 }, () => ({
      kind: 'ATTRIBUTE',
      attribute: 'email',
      operator: 'IS_NOT_EMPTY',
    }));
    expect(errorCodes(await createSmartList({ filters }))).toEqual(['BAD_USER_INPUT']);
  });

  it('updates a definition and, once deleted, hides it while references show null', async () => {
    const target = await createSmartList({ filters: [] }, acme.key, 'Target');
    const targetId = target.data?.createSmartList.id as string;
    const referrer = await createSmartList(
      { filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: targetId }] },
      acme.key,
      'Referrer',
    );
    const referrerId = referrer.data?.createSmartList.id as string;

    const updated = await run<{ updateSmartList: { definition: { rule: string } } }>(
      t,
      acme.key,
      `mutation ($id: ID!) { updateSmartList(id: $id, definition: { rule: ANY, filters: [{ kind: ATTRIBUTE, attribute: "email", operator: IS_NOT_EMPTY }] }) { definition { rule } } }`,
      { id: targetId },
    );
    expect(updated.updateSmartList.definition.rule).toBe('ANY');

    expect(
      await run(t, acme.key, 'mutation ($id: ID!) { deleteSmartList(id: $id) }', { id: targetId }),
    ).toEqual({
      deleteSmartList: targetId,
    });
    const after = await run<{
      node: unknown;
      referrer: { definition: { filters: { smartList: unknown }[] } };
    }>(
      t,
      acme.key,
      'query ($id: ID!, $ref: ID!) { node(id: $id) { id } referrer: node(id: $ref) { ... on SmartList { definition { filters { smartList { name } } } } } }',
      { id: targetId, ref: referrerId },
    );
    expect(after.node).toBeNull();
    expect(after.referrer.definition.filters).toEqual([{ smartList: null }]);
    const again = await t.graphql(
      'mutation ($id: ID!) { deleteSmartList(id: $id) }',
      { id: targetId },
      acme.key,
    );
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
  });

  it('another workspace’s smart list cannot be updated or deleted', async () => {
    const theirs = await createSmartList({ filters: [] }, globex.key, 'Theirs');
    const id = theirs.data?.createSmartList.id as string;
    const update = await t.graphql(
      'mutation ($id: ID!) { updateSmartList(id: $id, definition: { filters: [] }) { id } }',
      { id },
      acme.key,
    );
    const remove = await t.graphql('mutation ($id: ID!) { deleteSmartList(id: $id) }', { id }, acme.key);
    expect([errorCodes(update), errorCodes(remove)]).toEqual([['NOT_FOUND'], ['NOT_FOUND']]);
  });
});
