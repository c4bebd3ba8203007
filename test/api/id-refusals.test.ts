import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Program } from '../../src/db/entities/program.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { globalIdOf } from '../helpers/global-ids.js';
import { errorCodes } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let lead: string;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  [lead] = (await upsertLeads(t, acme, [{ email: 'ids@example.com' }])) as [string];
});
afterAll(() => t.close());

const NODE = 'query ($id: ID!) { node(id: $id) { id } }';
const PAST_64_BITS = '9999999999999999999';

describe('ids that name nothing', () => {
  it.each([
    ['a type that is not a node (ApiKey)', globalIdOf('ApiKey', '1')],
    ['a type that is not a node (Activity)', globalIdOf('Activity', '1')],
    ['a lower-case type name', globalIdOf('lead', '1')],
    ['a type that does not exist', globalIdOf('Nothing', '1')],
    ['a database id past 64 bits', globalIdOf('Lead', PAST_64_BITS)],
    ['a database id that is not a number', globalIdOf('Lead', 'x')],
  ])('node(id) with %s is null', async (_case, id) => {
    const response = await t.graphql(NODE, { id }, acme.key);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ node: null });
  });

  it('node(id) still finds a lead', async () => {
    expect((await t.graphql(NODE, { id: lead }, acme.key)).data).toEqual({ node: { id: lead } });
  });

  it.each([
    ['lead', 'query ($id: ID!) { lead(id: $id) { id } }'],
    ['campaignRun', 'query ($id: ID!) { campaignRun(id: $id) { id } }'],
    ['workspace', 'query ($id: ID!) { workspace(id: $id) { id } }'],
  ])('%s(id) with a database id past 64 bits is NOT_FOUND', async (field, query) => {
    const typename = { lead: 'Lead', campaignRun: 'CampaignRun', workspace: 'Workspace' }[field] as string;
    const response = await t.graphql(query, { id: globalIdOf(typename, PAST_64_BITS) }, acme.key);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('setTokens on an owner past 64 bits is NOT_FOUND', async () => {
    const response = await t.graphql(
      'mutation ($owner: ID!) { setTokens(ownerId: $owner, tokens: []) { name } }',
      { owner: globalIdOf('Program', PAST_64_BITS) },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it.each([
    [
      'an activity filter',
      'query { activities(filter: { leadId: "" }, first: 1) { edges { node { id } } } }',
      {},
      'filter.leadId',
    ],
    ['a lead', 'query ($id: ID!) { lead(id: $id) { id } }', { id: '' }, 'id'],
    ['node', NODE, { id: '' }, null],
    [
      'a list of ids',
      'mutation ($leads: [ID!]!) { requestCampaign(campaignId: "x", leadIds: $leads) { id } }',
      { leads: ['1', ' '] },
      'leadIds.1',
    ],
  ])(
    'an empty id in %s is BAD_USER_INPUT, not absent, naming where it is',
    async (_case, query, variables, path) => {
      const response = await t.graphql(query, variables, acme.key);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      // The node field's own refusal (the relay plugin's) names no path.
      if (path !== null) expect(response.errors?.[0]?.message).toBe(`${path}: an id may not be empty`);
    },
  );

  it('createProgram with an empty folder id is refused and creates nothing', async () => {
    const programCount = () => t.orm.em.fork().count(Program, {});
    const before = await programCount();
    const response = await t.graphql(
      'mutation ($ws: ID!) { createProgram(workspaceId: $ws, name: "Nested", folderId: "") { id } }',
      { ws: acme.id },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await programCount()).toBe(before);
  });
});
