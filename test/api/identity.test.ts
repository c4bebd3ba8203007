import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { globalIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let folder: string;
let program: string;
let globexProgram: string;
let lead: string;

type Token = { id: string; name: string; value: string };

const SET_TOKENS = `mutation ($owner: ID!, $tokens: [TokenInput!]!) {
  setTokens(ownerId: $owner, tokens: $tokens) { id name value }
}`;
const TOKENS = `query ($program: ID!, $folder: ID!) {
  program: node(id: $program) { ... on Program { tokens { id name value } effectiveTokens { id name value } } }
  folder: node(id: $folder) { ... on Folder { tokens { id name value } } }
}`;
const NODE = `query ($id: ID!) { node(id: $id) {
  __typename id
  ... on Token { name value definedBy { id } }
  ... on LeadField { name type }
  ... on Campaign { name deletedAt }
} }`;
const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';

const setTokens = async (owner: string, tokens: { name: string; value: string }[]) =>
  (await run<{ setTokens: Token[] }>(t, acme.key, SET_TOKENS, { owner, tokens })).setTokens;

const readTokens = () =>
  run<{
    program: { tokens: Token[]; effectiveTokens: Token[] };
    folder: { tokens: Token[] };
  }>(t, acme.key, TOKENS, { program, folder });

const node = async (id: string, key = acme.key) =>
  (await run<{ node: Record<string, unknown> | null }>(t, key, NODE, { id })).node;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  folder = (
    await run<{ createFolder: { id: string } }>(
      t,
      acme.key,
      'mutation ($ws: ID!) { createFolder(workspaceId: $ws, name: "Root") { id } }',
      { ws: acme.id },
    )
  ).createFolder.id;
  const createProgram =
    'mutation ($ws: ID!, $folder: ID) { createProgram(workspaceId: $ws, name: "P", folderId: $folder) { id } }';
  program = (
    await run<{ createProgram: { id: string } }>(t, acme.key, createProgram, { ws: acme.id, folder })
  ).createProgram.id;
  globexProgram = (
    await run<{ createProgram: { id: string } }>(t, globex.key, createProgram, { ws: globex.id })
  ).createProgram.id;
  [lead] = (await upsertLeads(t, acme, [{ email: 'identity@example.com' }])) as [string];
});
afterAll(() => t.close());

describe('semantics I1: token ids', () => {
  it('are the same in setTokens, in every read and after setTokens sets the token again', async () => {
    const [region, score] = await setTokens(program, [
      { name: 'my.region', value: 'EMEA' },
      { name: 'my.score', value: '+1' },
    ]);
    const [inherited] = await setTokens(folder, [{ name: 'my.owner', value: 'root' }]);
    const read = await readTokens();
    expect(read.program.tokens.map((token) => token.id)).toEqual([region?.id, score?.id]);
    expect(read.program.effectiveTokens.map((token) => token.id)).toEqual([
      inherited?.id,
      region?.id,
      score?.id,
    ]);
    expect(read.folder.tokens).toEqual([inherited]);
    expect(new Set([region?.id, score?.id, inherited?.id]).size).toBe(3);

    const again = await setTokens(program, [{ name: '{{my.Score}}', value: '+5' }]);
    expect(again).toEqual([{ id: score?.id, name: 'my.Score', value: '+5' }]);
    expect(await node(score?.id as string)).toEqual({
      __typename: 'Token',
      id: score?.id,
      name: 'my.Score',
      value: '+5',
      definedBy: { id: program },
    });
  });

  it('a token set on another owner under the same name has another id', async () => {
    const [onProgram] = await setTokens(program, [{ name: 'my.shared', value: 'program' }]);
    const [onFolder] = await setTokens(folder, [{ name: 'my.shared', value: 'folder' }]);
    expect(onProgram?.id).not.toEqual(onFolder?.id);
    expect(await node(onFolder?.id as string)).toMatchObject({ value: 'folder', definedBy: { id: folder } });
  });

  it('a token no longer set names nothing', async () => {
    const [gone] = await setTokens(folder, [{ name: 'my.temporary', value: 'x' }]);
    await setTokens(folder, []);
    expect(await node(gone?.id as string)).toBeNull();
  });

  it('a run’s tokens have ids of their own, which node(id) resolves', async () => {
    const campaign = await createCampaign(t, acme, { programId: program, name: 'Runs tokens' });
    const schedule = `mutation ($campaign: ID!, $at: DateTime!) {
      scheduleCampaign(campaignId: $campaign, runAt: $at, tokens: [{ name: "my.score", value: "+9" }]) {
        id tokens { id }
      }
    }`;
    const runAt = new Date(Date.now() + 86_400_000).toISOString();
    const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string; tokens: { id: string }[] } }>(
      t,
      acme.key,
      schedule,
      { campaign, at: runAt },
    );
    const [token] = scheduleCampaign.tokens;
    expect(await node(token?.id as string)).toMatchObject({
      __typename: 'Token',
      value: '+9',
      definedBy: { id: scheduleCampaign.id },
    });
    expect(await node(token?.id as string, globex.key)).toBeNull();
  });

  it('another workspace’s key gets null for a token', async () => {
    const [token] = await setTokens(program, [{ name: 'my.secret', value: 'acme only' }]);
    expect(await node(token?.id as string, globex.key)).toBeNull();
    expect(await node(token?.id as string, ADMIN_KEY)).toMatchObject({ value: 'acme only' });
  });
});

describe('semantics I2: lead field ids', () => {
  const DEFINE =
    'mutation ($ws: ID!, $name: String!) { defineLeadField(workspaceId: $ws, name: $name, type: STRING) { id name type } }';
  const FIELDS = 'query ($ws: ID!) { workspace(id: $ws) { leadFields { id name } } }';

  it('are the same in defineLeadField and in every read; built-in fields have one too', async () => {
    const { defineLeadField } = await run<{ defineLeadField: { id: string } }>(t, acme.key, DEFINE, {
      ws: acme.id,
      name: 'Company',
    });
    const first = await run<{ workspace: { leadFields: { id: string; name: string }[] } }>(
      t,
      acme.key,
      FIELDS,
      {
        ws: acme.id,
      },
    );
    const second = await run<typeof first>(t, acme.key, FIELDS, { ws: acme.id });
    expect(second).toEqual(first);
    expect(first.workspace.leadFields.map((field) => field.name)).toEqual(['email', 'score', 'Company']);
    expect(first.workspace.leadFields[2]?.id).toBe(defineLeadField.id);
    expect(new Set(first.workspace.leadFields.map((field) => field.id)).size).toBe(3);
    for (const field of first.workspace.leadFields) {
      expect(await node(field.id)).toMatchObject({ __typename: 'LeadField', id: field.id, name: field.name });
    }
  });

  it('differ between workspaces, and another workspace’s key gets null', async () => {
    const { defineLeadField: mine } = await run<{ defineLeadField: { id: string } }>(t, globex.key, DEFINE, {
      ws: globex.id,
      name: 'Company',
    });
    const acmeFields = await run<{ workspace: { leadFields: { id: string; name: string }[] } }>(
      t,
      acme.key,
      FIELDS,
      { ws: acme.id },
    );
    const acmeCompany = acmeFields.workspace.leadFields.find((field) => field.name === 'Company');
    expect(acmeCompany?.id).not.toBe(mine.id);
    expect(await node(mine.id, acme.key)).toBeNull();
    expect(await node(mine.id, globex.key)).toMatchObject({ name: 'Company', type: 'STRING' });
  });
});

describe('nodes(ids)', () => {
  it('resolves every kind of node in the order asked, null where an id names nothing the key may see', async () => {
    const [token] = await setTokens(program, [{ name: 'my.batch', value: '1' }]);
    const fields = await run<{ workspace: { leadFields: { id: string }[] } }>(
      t,
      acme.key,
      'query ($ws: ID!) { workspace(id: $ws) { leadFields { id } } }',
      { ws: acme.id },
    );
    const field = fields.workspace.leadFields[0]?.id as string;
    const nowhere = [
      globalIdOf('ApiKey', '1'),
      globalIdOf('Lead', '999999'),
      globalIdOf('Token', `Program:${'9'.repeat(20)}:batch`),
      globalIdOf('Token', 'Campaign:1:batch'),
      globalIdOf('LeadField', 'email'),
      globalIdOf('LeadField', '999999:email'),
    ];
    const nothing = [globexProgram, ...nowhere];
    const ids = [lead, token?.id, program, field, lead, ...nothing];
    const { nodes } = await run<{ nodes: unknown[] }>(t, acme.key, NODES, { ids });
    expect(nodes).toEqual([
      { __typename: 'Lead', id: lead },
      { __typename: 'Token', id: token?.id },
      { __typename: 'Program', id: program },
      { __typename: 'LeadField', id: field },
      { __typename: 'Lead', id: lead },
      ...nothing.map(() => null),
    ]);
    for (const id of nowhere) expect(await node(id, ADMIN_KEY)).toBeNull();
  });

  it('another workspace’s key gets null in the place of each of them', async () => {
    const [token] = await setTokens(program, [{ name: 'my.batch', value: '1' }]);
    const { nodes } = await run<{ nodes: unknown[] }>(t, globex.key, NODES, {
      ids: [lead, token?.id, program, globexProgram],
    });
    expect(nodes).toEqual([null, null, null, { __typename: 'Program', id: globexProgram }]);
  });

  it('takes up to 100 ids; more, or a malformed one, is BAD_USER_INPUT', async () => {
    const hundred = await t.graphql(NODES, { ids: Array(100).fill(lead) }, acme.key);
    expect(hundred.errors).toBeUndefined();
    expect((hundred.data as { nodes: unknown[] }).nodes).toHaveLength(100);
    const tooMany = await t.graphql(NODES, { ids: Array(101).fill(lead) }, acme.key);
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.data).toBeNull();
    for (const malformed of ['%%%', '']) {
      const response = await t.graphql(NODES, { ids: [lead, malformed] }, acme.key);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('semantics I3: deleted campaigns', () => {
  const LISTINGS = `query ($ws: ID!, $program: ID!) {
    workspace(id: $ws) { campaigns(first: 100) { edges { node { id } } } }
    program: node(id: $program) { ... on Program { campaigns { id } } }
  }`;
  type Listings = {
    workspace: { campaigns: { edges: { node: { id: string } }[] } };
    program: { campaigns: { id: string }[] };
  };

  it('are refetched by id with their deletedAt by keys that may see them, and listed nowhere', async () => {
    const kept = await createCampaign(t, acme, { programId: program, name: 'Kept' });
    const deleted = await createCampaign(t, acme, { programId: program, name: 'Deleted' });
    const runAt = new Date(Date.now() + 86_400_000).toISOString();
    const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($id: ID!, $at: DateTime!) { scheduleCampaign(campaignId: $id, runAt: $at) { id } }',
      { id: deleted, at: runAt },
    );
    const before = Date.now();
    await run(t, acme.key, 'mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: deleted });

    const byId = await run<{ campaign: { deletedAt: string | null }; live: { deletedAt: string | null } }>(
      t,
      acme.key,
      'query ($id: ID!, $kept: ID!) { campaign(id: $id) { deletedAt } live: campaign(id: $kept) { deletedAt } }',
      { id: deleted, kept },
    );
    expect(byId.live.deletedAt).toBeNull();
    const deletedAt = Date.parse(byId.campaign.deletedAt as string);
    expect(deletedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(await node(deleted)).toEqual({
      __typename: 'Campaign',
      id: deleted,
      name: 'Deleted',
      deletedAt: byId.campaign.deletedAt,
    });
    expect(await node(deleted, ADMIN_KEY)).toMatchObject({ deletedAt: byId.campaign.deletedAt });
    const { nodes } = await run<{ nodes: unknown[] }>(t, acme.key, NODES, { ids: [deleted, kept] });
    expect(nodes).toEqual([
      { __typename: 'Campaign', id: deleted },
      { __typename: 'Campaign', id: kept },
    ]);
    const throughRun = await run<{ campaignRun: { campaign: { id: string; deletedAt: string } } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaignRun(id: $id) { campaign { id deletedAt } } }',
      { id: scheduleCampaign.id },
    );
    expect(throughRun.campaignRun.campaign).toEqual({ id: deleted, deletedAt: byId.campaign.deletedAt });

    const listings = await run<Listings>(t, acme.key, LISTINGS, { ws: acme.id, program });
    const listed = [
      ...listings.workspace.campaigns.edges.map((edge) => edge.node.id),
      ...listings.program.campaigns.map((campaign) => campaign.id),
    ];
    expect(listed).toContain(kept);
    expect(listed).not.toContain(deleted);
  });

  it('stay invisible to another workspace’s key and refuse changes', async () => {
    const deleted = await createCampaign(t, acme, { programId: program, name: 'Gone' });
    await run(t, acme.key, 'mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: deleted });
    expect(await node(deleted, globex.key)).toBeNull();
    const other = await run<{ campaign: unknown; nodes: unknown[] }>(
      t,
      globex.key,
      'query ($id: ID!) { campaign(id: $id) { id } nodes(ids: [$id]) { id } }',
      { id: deleted },
    );
    expect(other).toEqual({ campaign: null, nodes: [null] });
    const activate = await t.graphql(
      'mutation ($id: ID!) { activateCampaign(id: $id) { id } }',
      { id: deleted },
      acme.key,
    );
    expect(errorCodes(activate)).toEqual(['NOT_FOUND']);
    const again = await t.graphql(
      'mutation ($id: ID!) { deleteCampaign(id: $id) }',
      { id: deleted },
      acme.key,
    );
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
  });
});
