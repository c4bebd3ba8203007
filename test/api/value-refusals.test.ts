import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { MyToken } from '../../src/db/entities/my-token.entity.js';
import { Workspace } from '../../src/db/entities/workspace.entity.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';
import { SCHEDULE } from '../helpers/seeded-app.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;

const UPSERT = `mutation ($ws: ID!, $leads: [LeadInput!]!) {
  upsertLeads(workspaceId: $ws, leads: $leads) { id }
}`;
const SET = `mutation ($owner: ID!, $tokens: [TokenInput!]!) {
  setTokens(ownerId: $owner, tokens: $tokens) { name }
}`;

const leadCount = () => t.orm.em.fork().count(Lead, {});
const tokenCount = () => t.orm.em.fork().count(MyToken, {});
const runCount = () => t.orm.em.fork().count(CampaignRun, {});

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  for (const [name, type] of [
    ['Employees', 'INTEGER'],
    ['Signed Up', 'DATETIME'],
    ['Nickname', 'STRING'],
  ]) {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!, $name: String!, $type: FieldType!) { defineLeadField(workspaceId: $ws, name: $name, type: $type) { name } }',
      { ws: acme.id, name, type },
    );
  }
  program = await createProgram(t, acme, 'Scoring');
});
afterAll(() => t.close());

describe('lead values out of range', () => {
  it.each([
    ['a score past 32 bits', { score: 2147483648 }],
    ['a score below 32 bits', { score: -2147483649 }],
    ['an INTEGER past 32 bits', { Employees: 99999999999 }],
    ['a DATETIME that does not exist', { 'Signed Up': '2027-02-30' }],
    ['a DATETIME in year 0', { 'Signed Up': '0000-01-01T00:00:00Z' }],
    ['a DATETIME past 23:59', { 'Signed Up': '2027-01-01T24:00:00Z' }],
    ['a string over 10,000 characters', { Nickname: 'x'.repeat(10_001) }],
  ])('refuses %s as BAD_USER_INPUT and writes nothing', async (_case, fields) => {
    const before = await leadCount();
    const response = await t.graphql(
      UPSERT,
      { ws: acme.id, leads: [{ email: 'range@example.com', fields }] },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await leadCount()).toBe(before);
  });

  it('accepts the ends of the ranges', async () => {
    const fields = {
      score: -2147483648,
      Employees: 2147483647,
      'Signed Up': '2024-02-29',
      Nickname: 'x'.repeat(10_000),
    };
    const response = await t.graphql(
      UPSERT,
      { ws: acme.id, leads: [{ email: 'ends@example.com', fields }] },
      acme.key,
    );
    expect(errorCodes(response)).toEqual([]);
  });
});

describe('token values out of range', () => {
  it.each([
    ['SCORE', '+99999999999999999999'],
    ['SCORE', '+2147483648'],
    ['DATE', '2027-13-01'],
    ['DATE', '2027-02-30'],
    ['NUMBER', '9'.repeat(400)],
  ])('refuses a %s token %j as INVALID_TOKEN and writes nothing', async (type, value) => {
    const before = await tokenCount();
    const response = await t.graphql(
      SET,
      { owner: program, tokens: [{ name: 'my.t', type, value }] },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['INVALID_TOKEN']);
    expect(await tokenCount()).toBe(before);
  });
});

describe('DateTime arguments', () => {
  it.each(['2027-02-30T00:00:00Z', '0000-06-01T00:00:00Z', '99999-01-01T00:00:00Z', 'February 3, 2027'])(
    'refuses runAt %j as BAD_USER_INPUT and schedules nothing',
    async (runAt) => {
      const campaign = await createCampaign(t, acme, { programId: program, name: `At ${runAt}` });
      const before = await runCount();
      const response = await t.graphql(SCHEDULE, { campaign, runAt }, acme.key);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await runCount()).toBe(before);
    },
  );

  it('refuses an impossible runAt written inline in the document as invalid, and schedules nothing', async () => {
    const campaign = await createCampaign(t, acme, { programId: program, name: 'Inline' });
    const before = await runCount();
    const response = await t.graphql(
      `mutation ($campaign: ID!) { scheduleCampaign(campaignId: $campaign, runAt: "2027-02-30T00:00:00Z") { id } }`,
      { campaign },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await runCount()).toBe(before);
  });
});

describe('text PostgreSQL cannot store', () => {
  const UNSTORABLE = [
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
  ];
  const workspaceCount = () => t.orm.em.fork().count(Workspace, {});

  it.each(UNSTORABLE)('createWorkspace refuses a name with %s as BAD_USER_INPUT', async (_case, name) => {
    const before = await workspaceCount();
    const response = await t.graphql(
      'mutation ($name: String!) { createWorkspace(name: $name) { id } }',
      { name },
      ADMIN_KEY,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await workspaceCount()).toBe(before);
  });

  it.each(UNSTORABLE)(
    'upsertLeads refuses a field value or field name with %s as BAD_USER_INPUT',
    async (_case, text) => {
      const before = await leadCount();
      for (const fields of [{ Nickname: text }, { [text]: 'x' }]) {
        const response = await t.graphql(
          UPSERT,
          { ws: acme.id, leads: [{ email: 'text@example.com', fields }] },
          acme.key,
        );
        expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      }
      expect(await leadCount()).toBe(before);
    },
  );

  it.each(UNSTORABLE)('setTokens refuses a value with %s as BAD_USER_INPUT', async (_case, value) => {
    const before = await tokenCount();
    const response = await t.graphql(SET, { owner: program, tokens: [{ name: 'my.t', value }] }, acme.key);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await tokenCount()).toBe(before);
  });

  it('text written inline in the document is refused the same way', async () => {
    const before = await workspaceCount();
    const response = await t.graphql('mutation { createWorkspace(name: "a\\u0000b") { id } }', {}, ADMIN_KEY);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await workspaceCount()).toBe(before);
  });

  it('a surrogate pair (an emoji) is stored as given', async () => {
    const response = await t.graphql(
      SET,
      { owner: program, tokens: [{ name: 'my.t', value: 'hi 😀' }] },
      acme.key,
    );
    expect(response.data).toEqual({ setTokens: [{ name: 'my.t' }] });
  });
});
