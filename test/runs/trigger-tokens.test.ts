import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { createStaticList, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { SCHEDULE, type SeededApp, startSeededApp } from '../helpers/seeded-app.js';

let seeded: SeededApp;
let t: TestApp;
let acme: WorkspaceWithKey;

/** Every trigger token, as an Interesting Moment's description renders them (semantics T8). */
const TEMPLATE =
  'name={{trigger.name}};attribute={{trigger.attribute}};value={{trigger.value}};old={{trigger.oldValue}};new={{trigger.newValue}};list={{trigger.list}};source={{trigger.source}}';

const rendered = (tokens: Record<string, string>) =>
  ['name', 'attribute', 'value', 'old', 'new', 'list', 'source']
    .map((key) => `${key}=${tokens[key] ?? ''}`)
    .join(';');

const emailStartsWith = (prefix: string) => [
  { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: [prefix] },
];

/** An ACTIVE trigger campaign for leads whose email starts with `prefix`, noting its trigger tokens. */
async function listener(name: string, prefix: string, trigger: Record<string, unknown>): Promise<string> {
  const id = await seeded.createAcmeCampaign({
    name,
    smartList: { filters: emailStartsWith(prefix), triggers: [trigger] },
    flow: [{ action: { interestingMoment: { kind: 'Trigger', description: TEMPLATE } } }],
  });
  await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id });
  return id;
}

/** A batch campaign for the lead with this email, run now to completion. */
async function runFlow(email: string, flow: unknown[]): Promise<void> {
  const campaign = await seeded.createAcmeCampaign({
    name: `Flow for ${email} ${flow.length}`,
    smartList: { filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: [email] }] },
    flow,
  });
  const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
    campaign,
  });
  await seeded.finished(scheduleCampaign.id);
}

/** The descriptions the listener wrote for the lead, once there is one. */
async function renderedFor(leadId: string, campaignName: string): Promise<string[]> {
  const descriptions = async () => {
    const { lead } = await run<{
      lead: {
        activities: {
          edges: { node: { campaign: { name: string }; attributes: { description: string } } }[];
        };
      };
    }>(
      t,
      acme.key,
      `query ($id: ID!) { lead(id: $id) {
        activities(first: 100, filter: { types: [INTERESTING_MOMENT] }) { edges { node { campaign { name } attributes } } }
      } }`,
      { id: leadId },
    );
    return lead.activities.edges
      .filter((edge) => edge.node.campaign.name === campaignName)
      .map((edge) => edge.node.attributes.description);
  };
  await expect.poll(async () => (await descriptions()).length, { timeout: 20_000, interval: 100 }).toBe(1);
  return descriptions();
}

beforeAll(async () => {
  seeded = await startSeededApp();
  ({ t, acme } = seeded);
  await run(
    t,
    acme.key,
    'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Tier", type: STRING) { name } }',
    {
      ws: acme.id,
    },
  );
});
afterAll(() => seeded.close());

describe('semantics T8 trigger tokens, for every trigger kind', () => {
  it('Lead is Created: the name, and the new lead’s email as the value', async () => {
    await listener('On born', 'born-', { kind: 'LEAD_IS_CREATED' });
    const [lead] = (await upsertLeads(t, acme, [{ email: 'born-1@example.com' }])) as [string];
    expect(await renderedFor(lead, 'On born')).toEqual([
      rendered({ name: 'Lead is Created', value: 'born-1@example.com' }),
    ]);
  });

  it('Data Value Changes through the API: the attribute, the new value and the old one', async () => {
    const [lead] = (await upsertLeads(t, acme, [
      { email: 'api-tier@example.com', fields: { Tier: 'Free' } },
    ])) as [string];
    await listener('On API tier', 'api-tier', { kind: 'DATA_VALUE_CHANGES', attribute: 'Tier' });
    await upsertLeads(t, acme, [{ email: 'api-tier@example.com', fields: { Tier: 'Gold' } }]);
    expect(await renderedFor(lead, 'On API tier')).toEqual([
      rendered({ name: 'Data Value Changes', attribute: 'Tier', value: 'Gold', old: 'Free', new: 'Gold' }),
    ]);
  });

  it('Data Value Changes by a flow: the value before the flow and after its last change', async () => {
    const [lead] = (await upsertLeads(t, acme, [
      { email: 'flow-tier@example.com', fields: { Tier: 'Bronze' } },
    ])) as [string];
    await listener('On flow tier', 'flow-tier', { kind: 'DATA_VALUE_CHANGES', attribute: 'Tier' });
    await runFlow('flow-tier@example.com', [
      { action: { changeDataValue: { attribute: 'Tier', value: 'Silver' } } },
      { action: { changeDataValue: { attribute: 'Tier', value: 'Platinum' } } },
    ]);
    expect(await renderedFor(lead, 'On flow tier')).toEqual([
      rendered({
        name: 'Data Value Changes',
        attribute: 'Tier',
        value: 'Platinum',
        old: 'Bronze',
        new: 'Platinum',
      }),
    ]);
  });

  it('Score is Changed: the score’s name, its new value and its old one', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'scored@example.com', fields: { score: 4 } }])) as [
      string,
    ];
    await listener('On score', 'scored', { kind: 'SCORE_IS_CHANGED', attribute: 'score' });
    await runFlow('scored@example.com', [{ action: { changeScore: { change: '+3' } } }]);
    expect(await renderedFor(lead, 'On score')).toEqual([
      rendered({ name: 'Score is Changed', attribute: 'score', value: '7', old: '4', new: '7' }),
    ]);
  });

  it('Added to List: the list’s name', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'listed@example.com' }])) as [string];
    const list = await createStaticList(t, acme, 'Gold members');
    await listener('On list', 'listed', { kind: 'ADDED_TO_LIST', staticListId: list });
    await runFlow('listed@example.com', [{ action: { addToList: { listId: list } } }]);
    expect(await renderedFor(lead, 'On list')).toEqual([
      rendered({ name: 'Added to List', value: 'Gold members', list: 'Gold members' }),
    ]);
  });

  it('Campaign is Requested by a flow and through the API: the name and the source', async () => {
    const [lead] = (await upsertLeads(t, acme, [{ email: 'asked@example.com' }])) as [string];
    const requested = await listener('On request', 'asked', { kind: 'CAMPAIGN_IS_REQUESTED' });
    await runFlow('asked@example.com', [{ action: { requestCampaign: { campaignId: requested } } }]);
    expect(await renderedFor(lead, 'On request')).toEqual([
      rendered({ name: 'Campaign is Requested', source: 'FLOW_ACTION' }),
    ]);

    const [other] = (await upsertLeads(t, acme, [{ email: 'asked-api@example.com' }])) as [string];
    await run(
      t,
      acme.key,
      'mutation ($id: ID!, $leads: [ID!]!) { requestCampaign(campaignId: $id, leadIds: $leads) { id } }',
      {
        id: requested,
        leads: [other],
      },
    );
    expect(await renderedFor(other, 'On request')).toEqual([
      rendered({ name: 'Campaign is Requested', source: 'API' }),
    ]);
  });
});
