import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';
import { SCHEDULE, type SeededApp, startSeededApp } from '../helpers/seeded-app.js';

let seeded: SeededApp;
let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let child: string;

beforeAll(async () => {
  seeded = await startSeededApp();
  ({ t, acme, globex, child } = seeded);
});
afterAll(() => seeded.close());

describe('removeFromFlow', () => {
  it('semantics F6 and E9: cancels the pending waits of the campaign, and of its callers when it is executable', async () => {
    const waiting = await seeded.createAcmeCampaign({
      name: 'Waiting parent',
      flow: [
        { action: { executeCampaign: { campaignId: child, useParentTokenContext: false } } },
        { action: { wait: { seconds: 3600 } } },
      ],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
      campaign: waiting,
    });
    await seeded.finished(scheduled.scheduleCampaign.id);
    const leads = await run<{ workspace: { leads: { edges: { node: { id: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads(first: 2) { edges { node { id } } } } }',
      { id: acme.id },
    );
    const leadIds = leads.workspace.leads.edges.map((edge) => edge.node.id);
    const REMOVE =
      'mutation ($campaign: ID!, $leads: [ID!]!) { removeFromFlow(campaignId: $campaign, leadIds: $leads) }';
    const other = await seeded.createAcmeCampaign({ name: 'Unrelated' });
    expect(await run(t, acme.key, REMOVE, { campaign: other, leads: leadIds })).toEqual({
      removeFromFlow: 0,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: child, leads: leadIds.slice(0, 1) })).toEqual({
      removeFromFlow: 1,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: waiting, leads: leadIds })).toEqual({
      removeFromFlow: 1,
    });
    expect(await run(t, acme.key, REMOVE, { campaign: waiting, leads: leadIds })).toEqual({
      removeFromFlow: 0,
    });
    expect(errorCodes(await t.graphql(REMOVE, { campaign: waiting, leads: [] }, acme.key))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await t.graphql(REMOVE, { campaign: waiting, leads: leadIds }, globex.key))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

describe('waits', () => {
  it('semantics F9 a lead resumes after its Wait, even when the worker that scheduled it stopped in between', async () => {
    const [patient] = await upsertLeads(t, acme, [{ email: 'patient@example.com' }]);
    const campaign = await seeded.createAcmeCampaign({
      name: 'Wait a second',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['patient@example.com'] }],
      },
      flow: [{ action: { wait: { seconds: 2 } } }, { action: { changeScore: { change: '+7' } } }],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, { campaign });
    await seeded.finished(scheduled.scheduleCampaign.id);

    await seeded.restartWorker();

    const score = async () =>
      (
        await run<{ lead: { score: number } }>(t, acme.key, 'query ($id: ID!) { lead(id: $id) { score } }', {
          id: patient,
        })
      ).lead.score;
    expect(await score()).toBe(0);
    await expect.poll(score, { timeout: 20_000, interval: 200 }).toBe(7);
    const types = await run<{ lead: { activities: { edges: { node: { type: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { lead(id: $id) { activities { edges { node { type } } } } }',
      { id: patient },
    );
    expect(types.lead.activities.edges.map((edge) => edge.node.type)).toEqual([
      'NEW_LEAD',
      'WAIT',
      'CHANGE_SCORE',
    ]);
  });
});
