import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: { id: string; key: string };
let globex: { id: string; key: string };

const DEFINE = `mutation ($ws: ID!, $name: String!, $type: FieldType!) {
  defineLeadField(workspaceId: $ws, name: $name, type: $type) { name type }
}`;
const UPSERT = `mutation ($ws: ID!, $leads: [LeadInput!]!) {
  upsertLeads(workspaceId: $ws, leads: $leads) { id email fields score lists { name } programMemberships { status } }
}`;

type UpsertedLead = { id: string; email: string; fields: Record<string, unknown>; score: number };

async function upsert(leads: unknown[], key = acme.key, ws = acme.id) {
  return t.graphql<{ upsertLeads: UpsertedLead[] }>(UPSERT, { ws, leads }, key);
}

const leadCount = () => t.orm.em.fork().count(Lead, {});
const newLeadActivities = () => t.orm.em.fork().count(Activity, { type: 'NEW_LEAD' });

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  for (const [name, type] of [
    ['First Name', 'STRING'],
    ['Employees', 'INTEGER'],
    ['Revenue', 'FLOAT'],
    ['Customer', 'BOOLEAN'],
    ['Signed Up', 'DATETIME'],
    ['Engagement', 'SCORE'],
  ]) {
    await run(t, acme.key, DEFINE, { ws: acme.id, name, type });
  }
});
afterAll(() => t.close());

describe('lead fields', () => {
  it('lists the built-in fields first, then the defined ones in order', async () => {
    const { workspace } = await run<{ workspace: { leadFields: unknown[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leadFields { name type } } }',
      { id: acme.id },
    );
    expect(workspace.leadFields).toEqual([
      { name: 'email', type: 'STRING' },
      { name: 'score', type: 'SCORE' },
      { name: 'First Name', type: 'STRING' },
      { name: 'Employees', type: 'INTEGER' },
      { name: 'Revenue', type: 'FLOAT' },
      { name: 'Customer', type: 'BOOLEAN' },
      { name: 'Signed Up', type: 'DATETIME' },
      { name: 'Engagement', type: 'SCORE' },
    ]);
  });

  it.each([
    ['first name', 'an existing name in another case'],
    ['Email', 'a built-in name'],
    ['SCORE', 'a built-in score name'],
    ['{{x}}', 'token syntax'],
    ['9lives', 'a leading digit'],
    ['', 'an empty name'],
  ])('refuses %j (%s) as BAD_USER_INPUT', async (name) => {
    const response = await t.graphql(DEFINE, { ws: acme.id, name, type: 'STRING' }, acme.key);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('fields are per workspace', async () => {
    await run(t, globex.key, DEFINE, { ws: globex.id, name: 'First Name', type: 'INTEGER' });
    const response = await t.graphql(DEFINE, { ws: globex.id, name: 'Other', type: 'STRING' }, acme.key);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});

describe('upsertLeads', () => {
  it('inserts new leads with typed values and one NEW_LEAD activity each', async () => {
    const before = await newLeadActivities();
    const response = await upsert([
      {
        email: 'Ada@Example.com',
        fields: {
          'first name': 'Ada',
          Employees: 12,
          Revenue: 1.5,
          Customer: true,
          'Signed Up': '2026-01-02T03:04:05+01:00',
          Engagement: 7,
        },
      },
      { email: 'grace@example.com' },
    ]);
    expect(response.errors).toBeUndefined();
    const [ada, grace] = response.data?.upsertLeads ?? [];
    expect(ada).toMatchObject({
      email: 'Ada@Example.com',
      score: 0,
      fields: {
        email: 'Ada@Example.com',
        score: 0,
        'First Name': 'Ada',
        Employees: 12,
        Revenue: 1.5,
        Customer: true,
        'Signed Up': '2026-01-02T02:04:05.000Z',
        Engagement: 7,
      },
    });
    expect(grace?.fields).toEqual({
      email: 'grace@example.com',
      score: 0,
      'First Name': null,
      Employees: null,
      Revenue: null,
      Customer: null,
      'Signed Up': null,
      Engagement: 0,
    });
    expect(await newLeadActivities()).toBe(before + 2);
  });

  it('updates by email case-insensitively, changing only the given fields, with no new NEW_LEAD', async () => {
    const before = await newLeadActivities();
    const response = await upsert([{ email: 'ADA@example.COM', fields: { Employees: 13, Customer: null } }]);
    const [ada] = response.data?.upsertLeads ?? [];
    expect(ada?.email).toBe('Ada@Example.com');
    expect(ada?.fields).toMatchObject({ 'First Name': 'Ada', Employees: 13, Customer: null });
    expect(await newLeadActivities()).toBe(before);
    expect(await leadCount()).toBe(2);
  });

  it('returns the leads in input order', async () => {
    const response = await upsert([
      { email: 'grace@example.com' },
      { email: 'new@example.com' },
      { email: 'ada@example.com' },
    ]);
    expect(response.data?.upsertLeads.map((lead) => lead.email.toLowerCase())).toEqual([
      'grace@example.com',
      'new@example.com',
      'ada@example.com',
    ]);
  });

  it.each([
    ['a string for an INTEGER', { Employees: '12' }],
    ['a fraction for an INTEGER', { Employees: 1.5 }],
    ['a number for a STRING', { 'First Name': 5 }],
    ['a string for a BOOLEAN', { Customer: 'yes' }],
    ['a bad date', { 'Signed Up': 'yesterday' }],
    ['an unknown field', { Nickname: 'x' }],
    ['email in fields', { email: 'x@example.com' }],
    ['a non-object', ['a']],
  ])('refuses %s as BAD_USER_INPUT and writes no lead of the call', async (_case, fields) => {
    const leads = await leadCount();
    const activities = await newLeadActivities();
    const response = await upsert([{ email: 'fine@example.com' }, { email: 'bad@example.com', fields }]);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/^leads\[1\]/);
    expect([await leadCount(), await newLeadActivities()]).toEqual([leads, activities]);
  });

  it.each([
    ['an invalid email', [{ email: 'not-an-email' }]],
    ['the same email twice', [{ email: 'twice@example.com' }, { email: 'TWICE@example.com' }]],
    [
      'more than 1000 leads',
      Array.from({ length: 1001 }, (_, index) => ({ email: `l${index}@example.com` })),
    ],
  ])('refuses %s as BAD_USER_INPUT', async (_case, leads) => {
    const before = await leadCount();
    expect(errorCodes(await upsert(leads))).toEqual(['BAD_USER_INPUT']);
    expect(await leadCount()).toBe(before);
  });

  it('keeps workspaces apart: the same email is another lead elsewhere, and keys stay in their workspace', async () => {
    const response = await upsert(
      [{ email: 'ada@example.com', fields: { 'First Name': 3 } }],
      globex.key,
      globex.id,
    );
    expect(response.data?.upsertLeads[0]?.fields).toMatchObject({ 'First Name': 3 });
    expect(errorCodes(await upsert([{ email: 'x@example.com' }], acme.key, globex.id))).toEqual([
      'NOT_FOUND',
    ]);
    const lead = response.data?.upsertLeads[0]?.id;
    const seen = await t.graphql(
      'query ($id: ID!) { node(id: $id) { id } lead(id: $id) { email } }',
      { id: lead },
      acme.key,
    );
    expect(seen.data).toEqual({ node: null, lead: null });
    const own = await t.graphql('query ($id: ID!) { lead(id: $id) { email } }', { id: lead }, globex.key);
    expect(own.data).toEqual({ lead: { email: 'ada@example.com' } });
  });
});

describe('Workspace.leads', () => {
  it('pages in creation order with a stable cursor', async () => {
    const page = `query ($id: ID!, $after: String) {
      workspace(id: $id) { leads(first: 2, after: $after) { edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }
    }`;
    type Page = {
      workspace: {
        leads: {
          edges: { node: { email: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await run<Page>(t, acme.key, page, { id: acme.id });
    expect(first.workspace.leads.edges.map((edge) => edge.node.email)).toEqual([
      'Ada@Example.com',
      'grace@example.com',
    ]);
    expect(first.workspace.leads.pageInfo.hasNextPage).toBe(true);
    const second = await run<Page>(t, acme.key, page, {
      id: acme.id,
      after: first.workspace.leads.pageInfo.endCursor,
    });
    expect(second.workspace.leads.edges.map((edge) => edge.node.email)).toEqual(['new@example.com']);
    expect(second.workspace.leads.pageInfo.hasNextPage).toBe(false);
    const bad = await t.graphql(page, { id: acme.id, after: 'abc' }, acme.key);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('concurrent writes', () => {
  it('upserts of the same leads in opposite orders neither deadlock nor fail', async () => {
    const emails = Array.from({ length: 200 }, (_, index) => ({ email: `busy${index}@example.com` }));
    const responses = await Promise.all([
      upsert(emails),
      upsert([...emails].reverse()),
      upsert(emails),
      upsert([...emails].reverse()),
    ]);
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
  });

  it('defining the same field concurrently succeeds once; the others are told it exists', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.graphql(DEFINE, { ws: acme.id, name: 'Racing', type: 'STRING' }, acme.key),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(errorCodes).sort()).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
  });
});

describe('DATETIME values, whatever the server’s time zone', () => {
  const SIMULATE = `query ($campaign: ID!, $lead: ID!) {
    simulateCampaign(campaignId: $campaign, leadId: $lead) { leadAfter }
  }`;
  // The zone is set here, not by the runner, so that these tests always run where a time without a
  // zone would read differently from UTC (5 hours apart on this date).
  let runnersZone: string | undefined;
  beforeAll(() => {
    runnersZone = process.env.TZ;
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (runnersZone === undefined) delete process.env.TZ;
    else process.env.TZ = runnersZone;
  });

  it('the process reads a time without a zone in New York time', () => {
    expect(new Date('2024-03-03T10:00').toISOString()).toBe('2024-03-03T15:00:00.000Z');
  });

  it('a time without a zone is UTC: the value a flow’s Change Data Value stores for the same text', async () => {
    const response = await upsert([
      { email: 'zone@example.com', fields: { 'Signed Up': '2024-03-03T10:00' } },
    ]);
    const lead = response.data?.upsertLeads[0];
    expect(lead?.fields['Signed Up']).toBe('2024-03-03T10:00:00.000Z');
    const { createProgram } = await run<{ createProgram: { id: string } }>(
      t,
      acme.key,
      'mutation ($ws: ID!) { createProgram(workspaceId: $ws, name: "Zones") { id } }',
      { ws: acme.id },
    );
    const { createCampaign } = await run<{ createCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      {
        input: {
          programId: createProgram.id,
          name: 'Sign up again',
          qualificationRule: { kind: 'EVERY_TIME' },
          flow: [{ action: { changeDataValue: { attribute: 'Signed Up', value: '2024-03-03T10:00' } } }],
        },
      },
    );
    const simulated = await run<{ simulateCampaign: { leadAfter: Record<string, unknown> } }>(
      t,
      acme.key,
      SIMULATE,
      { campaign: createCampaign.id, lead: lead?.id },
    );
    expect(simulated.simulateCampaign.leadAfter['Signed Up']).toBe(lead?.fields['Signed Up']);
  });

  it.each(['1', 'March 3 2024'])('refuses %j, as a flow does, and writes nothing', async (text) => {
    const before = await leadCount();
    const response = await upsert([{ email: 'zone2@example.com', fields: { 'Signed Up': text } }]);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('leads[0]: Signed Up must be an ISO-8601 date-time');
    expect(await leadCount()).toBe(before);
  });
});
