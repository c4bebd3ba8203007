import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { LeadField } from '../../src/db/entities/lead-field.entity.js';
import { type BatchApp, startBatchApp } from '../helpers/batch-app.js';
import { upsertLeads } from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

let batch: BatchApp;

const DEFINE = `mutation ($ws: ID!, $name: String!) {
  defineLeadField(workspaceId: $ws, name: $name, type: STRING) { name }
}`;
const SIMULATE = `query ($campaign: ID!, $lead: ID!) {
  simulateCampaign(campaignId: $campaign, leadId: $lead) { qualified }
}`;

beforeAll(async () => {
  batch = await startBatchApp();
});
afterAll(() => batch.close());

describe('names every JavaScript object inherits', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'ValueOf', '__proto__'])(
    'refuses a field named %j and defines nothing',
    async (name) => {
      const before = await batch.t.orm.em.fork().count(LeadField, {});
      const response = await batch.t.graphql(DEFINE, { ws: batch.acme.id, name }, batch.acme.key);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await batch.t.orm.em.fork().count(LeadField, {})).toBe(before);
    },
  );

  it('a field named constructor (defined before the rule) reads only the lead’s own value: simulate and runs agree', async () => {
    const em = batch.t.orm.em.fork();
    em.create(LeadField, { workspace: databaseIdOf(batch.acme.id), name: 'constructor', type: 'STRING' });
    await em.flush();
    const [withValue, without] = await upsertLeads(batch.t, batch.acme, [
      { email: 'proto-set@example.com', fields: { constructor: 'yes' } },
      { email: 'proto-unset@example.com' },
    ]);
    const campaign = await batch.createAcmeCampaign({
      name: 'Has constructor',
      smartList: {
        filters: [
          { kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['proto-'] },
          { kind: 'ATTRIBUTE', attribute: 'constructor', operator: 'IS_NOT_EMPTY' },
        ],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const simulated = async (lead: string | undefined) =>
      (
        await run<{ simulateCampaign: { qualified: boolean } }>(batch.t, batch.acme.key, SIMULATE, {
          campaign: globalIdOf('Campaign', campaign),
          lead,
        })
      ).simulateCampaign.qualified;
    expect([await simulated(withValue), await simulated(without)]).toEqual([true, false]);

    const done = await batch.runToCompletion(await batch.queueRun(campaign));
    expect(done).toMatchObject({ status: 'COMPLETED', leadsTotal: 1 });
    expect(await batch.scoresOf('proto-')).toEqual([1, 0]);

    const { lead } = await run<{ lead: { fields: Record<string, unknown> } }>(
      batch.t,
      batch.acme.key,
      'query ($id: ID!) { lead(id: $id) { fields } }',
      { id: without },
    );
    expect(lead.fields.constructor).toBeNull();
  });
});

describe('score range', () => {
  it('=2147483647 then +1 keeps 2147483647, skips the add with OUT_OF_RANGE, and reads still work', async () => {
    const [lead] = await upsertLeads(batch.t, batch.acme, [{ email: 'range-0@example.com' }]);
    const campaign = await batch.createAcmeCampaign({
      name: 'To the top and past it',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['range-0@example.com'] }],
      },
      flow: [
        { action: { changeScore: { change: '=2147483647' } } },
        { action: { changeScore: { change: '+1' } } },
      ],
    });
    const runId = await batch.queueRun(campaign);
    expect(await batch.runToCompletion(runId)).toMatchObject({ status: 'COMPLETED' });
    expect(await batch.scoresOf('range-')).toEqual([2147483647]);
    const activities = await batch.t.orm.em.fork().find(Activity, { run: runId }, { orderBy: { id: 'asc' } });
    expect(activities.map((activity) => activity.attributes)).toMatchObject([
      { newValue: 2147483647 },
      { skipped: true, reason: 'OUT_OF_RANGE', oldValue: 2147483647, newValue: 2147483647 },
    ]);
    const read = await batch.t.graphql<{ lead: { score: number } }>(
      'query ($id: ID!) { lead(id: $id) { score } }',
      { id: lead },
      batch.acme.key,
    );
    expect(read.data).toEqual({ lead: { score: 2147483647 } });
    const list = await batch.t.graphql(
      'query ($id: ID!) { workspace(id: $id) { leads(first: 100) { edges { node { score fields } } } } }',
      { id: batch.acme.id },
      batch.acme.key,
    );
    expect(list.errors).toBeUndefined();
  });
});

describe('references that name nothing usable', () => {
  const PROBLEMS = 'query ($id: ID!) { campaign(id: $id) { problems { code stepPosition } } }';
  const problemsOf = async (campaign: string) =>
    (
      await run<{ campaign: { problems: { code: string; stepPosition: number | null }[] } }>(
        batch.t,
        batch.acme.key,
        PROBLEMS,
        { id: globalIdOf('Campaign', campaign) },
      )
    ).campaign.problems;

  it('a Data Value Changes trigger on an unknown field is an INVALID_SMART_LIST problem', async () => {
    const listener = await batch.createAcmeCampaign({
      name: 'Listens to a missing field',
      smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute: 'Shoe Size' }] },
    });
    expect(await problemsOf(listener)).toEqual([{ code: 'INVALID_SMART_LIST', stepPosition: null }]);
  });

  it('a Request Campaign step aimed at a batch campaign is a NOT_REQUESTABLE problem', async () => {
    const target = await batch.createAcmeCampaign({ name: 'A batch target' });
    const caller = await batch.createAcmeCampaign({
      name: 'Requests a batch campaign',
      flow: [{ action: { requestCampaign: { campaignId: globalIdOf('Campaign', target) } } }],
    });
    expect(await problemsOf(caller)).toEqual([{ code: 'NOT_REQUESTABLE', stepPosition: 1 }]);
  });
});
