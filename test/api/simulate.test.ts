import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createScoredProgram,
  createStaticList,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let lead: string;
let parentTrue: string;
let parentFalse: string;
let picky: string;
let list: string;

const SIMULATE = `query ($campaign: ID!, $lead: ID!, $tokens: [TokenInput!]) {
  simulateCampaign(campaignId: $campaign, leadId: $lead, tokens: $tokens) {
    qualified
    explanation { position passed detail }
    activities { type depth qualified primaryAttributeValue attributes campaign { name } }
    leadAfter
  }
}`;

type Simulation = {
  qualified: boolean;
  explanation: { position: number; passed: boolean; detail: string }[];
  activities: {
    type: string;
    depth: number;
    qualified: boolean | null;
    attributes: Record<string, unknown>;
    campaign: { name: string };
  }[];
  leadAfter: Record<string, unknown>;
};

async function simulate(campaign: string, tokens?: unknown[]) {
  return (await run<{ simulateCampaign: Simulation }>(t, acme.key, SIMULATE, { campaign, lead, tokens }))
    .simulateCampaign;
}

/** A campaign of Acme that qualifies every time unless told. */
const createAcmeCampaign = (input: Record<string, unknown>) =>
  createCampaign(t, acme, { qualificationRule: { kind: 'EVERY_TIME' }, ...input });

/** Every table a run writes to, as row counts and the lead's stored state. */
async function snapshot() {
  const connection = t.orm.em.fork().getConnection();
  return connection.execute(`select
    (select count(*) from activity) as activities,
    (select count(*) from lead_campaign_history) as history,
    (select count(*) from static_list_member) as list_members,
    (select count(*) from program_member) as program_members,
    (select json_agg(fields order by id) from lead) as lead_fields`);
}

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
  list = await createStaticList(t, acme, 'Scored');
  [lead] = (await upsertLeads(t, acme, [{ email: 'ada@example.com', fields: { score: 5 } }])) as [string];

  // The seed's example (semantics T6): the child changes the score by {{my.score}}; its program says +0.
  const childProgram = await createScoredProgram(t, acme, 'Child program', '+0');
  const child = await createAcmeCampaign({
    programId: childProgram,
    name: 'Score child',
    executable: true,
    flow: [
      { action: { changeScore: { change: '{{my.score}}' } } },
      { action: { addToList: { listId: list } } },
    ],
  });
  const parentProgram = await createScoredProgram(t, acme, 'Parent program', '+10');
  const parent = (name: string, useParentTokenContext: boolean) =>
    createAcmeCampaign({
      programId: parentProgram,
      name,
      flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext } } }],
    });
  parentTrue = await parent('Parent TRUE', true);
  parentFalse = await parent('Parent FALSE', false);
  picky = await createAcmeCampaign({
    programId: parentProgram,
    name: 'Only big scores',
    smartList: {
      filters: [{ kind: 'ATTRIBUTE', attribute: 'score', operator: 'AT_LEAST', values: ['100'] }],
    },
    flow: [{ action: { changeScore: { change: '+1' } } }],
  });
});
afterAll(() => t.close());

describe('simulateCampaign', () => {
  it('semantics T6 with the parent token context TRUE the child uses the parent’s my.score: +10', async () => {
    const simulation = await simulate(parentTrue);
    expect(simulation.qualified).toBe(true);
    expect(
      simulation.activities.map(({ type, depth, qualified, campaign }) => ({
        type,
        depth,
        qualified,
        campaign: campaign.name,
      })),
    ).toEqual([
      { type: 'EXECUTE_CAMPAIGN', depth: 1, qualified: true, campaign: 'Parent TRUE' },
      { type: 'CHANGE_SCORE', depth: 1, qualified: null, campaign: 'Score child' },
      { type: 'ADD_TO_LIST', depth: 1, qualified: null, campaign: 'Score child' },
    ]);
    expect(simulation.activities[0]?.attributes).toMatchObject({ useParentTokenContext: true, depth: 1 });
    expect(simulation.activities[2]?.attributes).toEqual({ listId: list });
    expect(simulation.leadAfter).toEqual({ email: 'ada@example.com', score: 15 });
  });

  it('semantics T6 with FALSE the child uses its own my.score: +0, the score is unchanged', async () => {
    const simulation = await simulate(parentFalse);
    expect(simulation.activities[0]).toMatchObject({ type: 'EXECUTE_CAMPAIGN', qualified: true });
    expect(simulation.leadAfter).toMatchObject({ score: 5 });
  });

  it('semantics T7 API-passed tokens reach the child through TRUE and not through FALSE', async () => {
    const tokens = [{ name: '{{my.score}}', value: '+25', type: 'SCORE' }];
    expect((await simulate(parentTrue, tokens)).leadAfter).toMatchObject({ score: 30 });
    expect((await simulate(parentFalse, tokens)).leadAfter).toMatchObject({ score: 5 });
  });

  it('explains a lead that does not qualify, and runs nothing for it', async () => {
    const simulation = await simulate(picky);
    expect(simulation.qualified).toBe(false);
    expect(simulation.explanation).toEqual([{ position: 1, passed: false, detail: expect.any(String) }]);
    expect(simulation.activities).toEqual([]);
    expect(simulation.leadAfter).toEqual({ email: 'ada@example.com', score: 5 });
  });

  it('writes nothing', async () => {
    const before = await snapshot();
    await simulate(parentTrue);
    await simulate(parentTrue, [{ name: 'my.score', value: '+1', type: 'SCORE' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad tokens with INVALID_TOKEN and unknown or foreign objects with NOT_FOUND', async () => {
    const badToken = await t.graphql(
      SIMULATE,
      { campaign: parentTrue, lead, tokens: [{ name: 'score', value: '1' }] },
      acme.key,
    );
    expect(errorCodes(badToken)).toEqual(['INVALID_TOKEN']);
    const foreign = await t.graphql(SIMULATE, { campaign: parentTrue, lead }, globex.key);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });
});
