import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: { id: string; key: string };
let globex: { id: string; key: string };
let root: string;
let child: string;
let program: string;

const SET = `mutation ($owner: ID!, $tokens: [TokenInput!]!) {
  setTokens(ownerId: $owner, tokens: $tokens) { name type value definedBy { id } }
}`;
const EFFECTIVE = `query ($id: ID!) { node(id: $id) { ... on Program {
  tokens { name value }
  effectiveTokens { name type value definedBy { id __typename } }
} } }`;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  const folder =
    'mutation ($ws: ID!, $name: String!, $parent: ID) { createFolder(workspaceId: $ws, name: $name, parentId: $parent) { id } }';
  root = (await run<{ createFolder: { id: string } }>(t, acme.key, folder, { ws: acme.id, name: 'Root' }))
    .createFolder.id;
  child = (
    await run<{ createFolder: { id: string } }>(t, acme.key, folder, {
      ws: acme.id,
      name: 'Child',
      parent: root,
    })
  ).createFolder.id;
  program = (
    await run<{ createProgram: { id: string } }>(
      t,
      acme.key,
      'mutation ($ws: ID!, $folder: ID) { createProgram(workspaceId: $ws, name: "Scoring", folderId: $folder) { id } }',
      { ws: acme.id, folder: child },
    )
  ).createProgram.id;
});
afterAll(() => t.close());

describe('setTokens', () => {
  it('normalizes names, keeps types and says who defines each token', async () => {
    const { setTokens } = await run<{ setTokens: unknown[] }>(t, acme.key, SET, {
      owner: program,
      tokens: [
        { name: '{{my.score}}', value: '+10', type: 'SCORE' },
        { name: 'my.Greeting', value: 'Hello' },
      ],
    });
    expect(setTokens).toEqual([
      { name: 'my.Greeting', type: 'TEXT', value: 'Hello', definedBy: { id: program } },
      { name: 'my.score', type: 'SCORE', value: '+10', definedBy: { id: program } },
    ]);
  });

  it('replaces the whole set', async () => {
    await run(t, acme.key, SET, {
      owner: program,
      tokens: [{ name: 'my.score', value: '+5', type: 'SCORE' }],
    });
    const result = await run<{ node: { tokens: unknown[] } }>(t, acme.key, EFFECTIVE, { id: program });
    expect(result.node.tokens).toEqual([{ name: 'my.score', value: '+5' }]);
  });

  it('semantics T2 effective tokens: the folder chain then the program, the nearest definition winning', async () => {
    await run(t, acme.key, SET, {
      owner: root,
      tokens: [
        { name: 'my.region', value: 'EMEA' },
        { name: 'my.score', value: '+1', type: 'SCORE' },
        { name: 'my.owner', value: 'root' },
      ],
    });
    await run(t, acme.key, SET, { owner: child, tokens: [{ name: 'my.owner', value: 'child' }] });
    const result = await run<{ node: { effectiveTokens: unknown[] } }>(t, acme.key, EFFECTIVE, {
      id: program,
    });
    expect(result.node.effectiveTokens).toEqual([
      { name: 'my.owner', type: 'TEXT', value: 'child', definedBy: { id: child, __typename: 'Folder' } },
      { name: 'my.region', type: 'TEXT', value: 'EMEA', definedBy: { id: root, __typename: 'Folder' } },
      { name: 'my.score', type: 'SCORE', value: '+5', definedBy: { id: program, __typename: 'Program' } },
    ]);
  });

  it.each([
    ['a name without my.', [{ name: 'score', value: '1' }]],
    ['another kind', [{ name: '{{lead.score}}', value: '1' }]],
    ['an empty name', [{ name: 'my.', value: '1' }]],
    ['a name over 50 characters', [{ name: `my.${'x'.repeat(51)}`, value: '1' }]],
    [
      'the same name twice',
      [
        { name: 'my.a', value: '1' },
        { name: '{{MY.A}}', value: '2' },
      ],
    ],
    ['a NUMBER that is not a number', [{ name: 'my.n', value: 'ten', type: 'NUMBER' }]],
    ['a SCORE that is not a change', [{ name: 'my.s', value: '+x', type: 'SCORE' }]],
    ['a DATE that is not a date', [{ name: 'my.d', value: 'tomorrow', type: 'DATE' }]],
  ])('refuses %s as INVALID_TOKEN and keeps the previous tokens', async (_case, tokens) => {
    const response = await t.graphql(SET, { owner: program, tokens }, acme.key);
    expect(errorCodes(response)).toEqual(['INVALID_TOKEN']);
    const result = await run<{ node: { tokens: unknown[] } }>(t, acme.key, EFFECTIVE, { id: program });
    expect(result.node.tokens).toEqual([{ name: 'my.score', value: '+5' }]);
  });

  it('accepts every score grammar and a 50-character name', async () => {
    const tokens = ['+3', '-3', '=3', '=-3', '3'].map((value, index) => ({
      name: `my.s${index}`,
      value,
      type: 'SCORE',
    }));
    tokens.push({ name: `my.${'x'.repeat(50)}`, value: '2026-11-28', type: 'DATE' });
    const { setTokens } = await run<{ setTokens: unknown[] }>(t, acme.key, SET, { owner: child, tokens });
    expect(setTokens).toHaveLength(6);
  });

  it('concurrent replacements take turns: one set wins whole, none fails', async () => {
    const responses = await Promise.all(
      ['my.Rival', 'my.rival', 'MY.RIVAL', '{{my.rival}}'].map((name, index) =>
        t.graphql(SET, { owner: root, tokens: [{ name, value: String(index) }] }, acme.key),
      ),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    const { node } = await run<{ node: { tokens: { name: string }[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { node(id: $id) { ... on Folder { tokens { name } } } }',
      { id: root },
    );
    expect(node.tokens).toHaveLength(1);
  });

  it('refuses names that differ only in case or spacing as the same name given twice', async () => {
    const response = await t.graphql(
      SET,
      {
        owner: root,
        tokens: [
          { name: 'my.first name', value: 'a' },
          { name: 'my.First  Name', value: 'b' },
        ],
      },
      acme.key,
    );
    expect(errorCodes(response)).toEqual(['INVALID_TOKEN']);
  });

  it('refuses more than 100 tokens as BAD_USER_INPUT', async () => {
    const tokens = Array.from({ length: 101 }, (_, index) => ({ name: `my.t${index}`, value: 'x' }));
    expect(errorCodes(await t.graphql(SET, { owner: root, tokens }, acme.key))).toEqual(['BAD_USER_INPUT']);
  });

  it('another workspace’s folder is NOT_FOUND, and so is an owner that is not a folder or program', async () => {
    const response = await t.graphql(SET, { owner: root, tokens: [] }, globex.key);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    const wrongType = await t.graphql(SET, { owner: acme.id, tokens: [] }, acme.key);
    expect(errorCodes(wrongType)).toEqual(['NOT_FOUND']);
  });
});

describe('semantics F2 a SCORE token setTokens accepts is one Change Score applies', () => {
  let scoring: string;
  let campaign: string;
  let lead: string;

  beforeAll(async () => {
    scoring = (
      await run<{ createProgram: { id: string } }>(
        t,
        acme.key,
        'mutation ($ws: ID!) { createProgram(workspaceId: $ws, name: "Token scoring") { id } }',
        { ws: acme.id },
      )
    ).createProgram.id;
    campaign = (
      await run<{ createCampaign: { id: string } }>(
        t,
        acme.key,
        'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
        {
          input: {
            programId: scoring,
            name: 'Score by token',
            qualificationRule: { kind: 'EVERY_TIME' },
            flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
          },
        },
      )
    ).createCampaign.id;
    lead = (
      await run<{ upsertLeads: { id: string }[] }>(
        t,
        acme.key,
        'mutation ($ws: ID!) { upsertLeads(workspaceId: $ws, leads: [{ email: "scored@example.com", fields: { score: 10 } }]) { id } }',
        { ws: acme.id },
      )
    ).upsertLeads[0]?.id as string;
  });

  it.each([
    ['+5', 15],
    ['-5', 5],
    ['=5', 5],
    ['=-5', -5],
    ['5', 15],
    [' +5 ', 15],
  ])('%j is accepted and changes a score of 10 to %i', async (value, score) => {
    await run(t, acme.key, SET, { owner: scoring, tokens: [{ name: 'my.score', value, type: 'SCORE' }] });
    const { simulateCampaign } = await run<{
      simulateCampaign: {
        activities: { attributes: Record<string, unknown> }[];
        leadAfter: { score: number };
      };
    }>(
      t,
      acme.key,
      'query ($campaign: ID!, $lead: ID!) { simulateCampaign(campaignId: $campaign, leadId: $lead) { activities { attributes } leadAfter } }',
      { campaign, lead },
    );
    expect(simulateCampaign.activities[0]?.attributes).not.toHaveProperty('skipped');
    expect(simulateCampaign.leadAfter.score).toBe(score);
  });

  it.each(['+ 5', '= 5', '= -5', '99999999999999999999'])(
    '%j, which Change Score cannot apply, is refused as INVALID_TOKEN',
    async (value) => {
      const tokens = [{ name: 'my.score', value, type: 'SCORE' }];
      expect(errorCodes(await t.graphql(SET, { owner: scoring, tokens }, acme.key))).toEqual([
        'INVALID_TOKEN',
      ]);
    },
  );
});
