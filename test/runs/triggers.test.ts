import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TRIGGER_DEPTH } from '../../src/domain/triggers.js';
import type { TestApp } from '../helpers/app.js';
import { upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { SCHEDULE, type SeededApp, startSeededApp } from '../helpers/seeded-app.js';

let seeded: SeededApp;
let t: TestApp;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  seeded = await startSeededApp();
  ({ t, acme } = seeded);
});
afterAll(() => seeded.close());

describe('triggers (semantics S3)', () => {
  const activate = (id: string) =>
    run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id });
  const deactivate = (id: string) =>
    run(t, acme.key, 'mutation ($id: ID!) { deactivateCampaign(id: $id) { status } }', { id });
  const scoreOf = async (email: string) =>
    (
      await run<{ workspace: { leads: { edges: { node: { email: string; score: number } }[] } } }>(
        t,
        acme.key,
        'query ($id: ID!) { workspace(id: $id) { leads(first: 100) { edges { node { email score } } } } }',
        { id: acme.id },
      )
    ).workspace.leads.edges.find((edge) => edge.node.email === email)?.node.score;

  it('Lead is Created starts a TRIGGERED run for each new lead, not for updated ones', async () => {
    const listener = await seeded.createAcmeCampaign({
      name: 'Welcome',
      smartList: { filters: [], triggers: [{ kind: 'LEAD_IS_CREATED' }] },
      flow: [{ action: { changeScore: { change: '+9' } } }],
    });
    await activate(listener);
    const newcomer = [{ email: 'newcomer@example.com' }];
    await upsertLeads(t, acme, newcomer);
    await expect.poll(() => scoreOf('newcomer@example.com'), { timeout: 20_000, interval: 100 }).toBe(9);
    await upsertLeads(t, acme, newcomer);
    await deactivate(listener);
    const runs = await run<{ campaign: { runs: { edges: { node: { kind: string; status: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaign(id: $id) { runs { edges { node { kind status } } } } }',
      { id: listener },
    );
    expect(runs.campaign.runs.edges.map((edge) => edge.node)).toEqual([
      { kind: 'TRIGGERED', status: 'COMPLETED' },
    ]);
  });

  it('Data Value Changes written by a flow starts the active listeners for that attribute only', async () => {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Tier", type: STRING) { name } }',
      {
        ws: acme.id,
      },
    );
    await upsertLeads(t, acme, [{ email: 'tiered@example.com' }]);
    const listen = async (attribute: string, change: string) => {
      const id = await seeded.createAcmeCampaign({
        name: `On ${attribute}`,
        smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute }] },
        flow: [{ action: { changeScore: { change } } }],
      });
      await activate(id);
      return id;
    };
    const onTier = await listen('tier', '+2');
    const onOther = await listen('First Name', '+100');
    const setter = await seeded.createAcmeCampaign({
      name: 'Set tier',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['tiered@example.com'] }],
      },
      flow: [{ action: { changeDataValue: { attribute: 'Tier', value: 'Gold' } } }],
    });
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(t, acme.key, SCHEDULE, {
      campaign: setter,
    });
    await seeded.finished(scheduled.scheduleCampaign.id);
    await expect.poll(() => scoreOf('tiered@example.com'), { timeout: 20_000, interval: 100 }).toBe(2);
    await deactivate(onTier);
    await deactivate(onOther);
    expect(await scoreOf('tiered@example.com')).toBe(2);
  });

  it('a trigger loop stops: past MAX_TRIGGER_DEPTH the next run is CANCELLED with the reason', async () => {
    await upsertLeads(t, acme, [{ email: 'looped@example.com' }]);
    const onlyLooped = [
      { kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['looped@example.com'] },
    ];
    const loop = await seeded.createAcmeCampaign({
      name: 'Score loop',
      smartList: { filters: onlyLooped, triggers: [{ kind: 'SCORE_IS_CHANGED', attribute: 'score' }] },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await activate(loop);
    const starter = await seeded.createAcmeCampaign({
      name: 'Loop starter',
      smartList: { filters: onlyLooped },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    await run(t, acme.key, SCHEDULE, { campaign: starter });
    const runsOf = async () =>
      (
        await run<{ campaign: { runs: { edges: { node: { status: string; error: string | null } }[] } } }>(
          t,
          acme.key,
          'query ($id: ID!) { campaign(id: $id) { runs(first: 50) { edges { node { status error } } } } }',
          { id: loop },
        )
      ).campaign.runs.edges.map((edge) => edge.node);
    await expect
      .poll(async () => (await runsOf()).some((node) => node.status === 'CANCELLED'), {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(true);
    await deactivate(loop);
    const runs = await runsOf();
    expect(runs.filter((node) => node.status === 'COMPLETED')).toHaveLength(MAX_TRIGGER_DEPTH);
    expect(runs.filter((node) => node.status === 'CANCELLED')).toEqual([
      { status: 'CANCELLED', error: expect.stringContaining('trigger loop') },
    ]);
    expect(runs).toHaveLength(MAX_TRIGGER_DEPTH + 1);
    expect(await scoreOf('looped@example.com')).toBe(1 + MAX_TRIGGER_DEPTH);
  });

  it('Data Value Changes from upsertLeads: a changed value starts the listeners and is recorded, an equal one is not', async () => {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "Plan", type: STRING) { name } }',
      { ws: acme.id },
    );
    const upsert = (plan: string) =>
      upsertLeads(t, acme, [{ email: 'planned@example.com', fields: { Plan: plan } }]);
    const [lead] = await upsert('Free');
    const listener = await seeded.createAcmeCampaign({
      name: 'On plan',
      smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute: 'Plan' }] },
      flow: [{ action: { changeScore: { change: '+5' } } }],
    });
    await activate(listener);
    await upsert('Pro');
    await expect.poll(() => scoreOf('planned@example.com'), { timeout: 20_000, interval: 100 }).toBe(5);
    await upsert('Pro');
    await deactivate(listener);
    const { lead: stored } = await run<{
      lead: { activities: { edges: { node: { type: string; attributes: Record<string, unknown> } }[] } };
    }>(
      t,
      acme.key,
      'query ($id: ID!) { lead(id: $id) { activities(first: 50) { edges { node { type attributes } } } } }',
      { id: lead },
    );
    expect(
      stored.activities.edges.map((edge) => edge.node).filter((node) => node.type !== 'CHANGE_SCORE'),
    ).toEqual([
      { type: 'NEW_LEAD', attributes: {} },
      {
        type: 'CHANGE_DATA_VALUE',
        attributes: { attribute: 'Plan', oldValue: 'Free', newValue: 'Pro', source: 'API' },
      },
    ]);
    const runs = await run<{ campaign: { runs: { edges: { node: { kind: string } }[] } } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaign(id: $id) { runs { edges { node { kind } } } } }',
      { id: listener },
    );
    expect(runs.campaign.runs.edges).toHaveLength(1);
  });
});
