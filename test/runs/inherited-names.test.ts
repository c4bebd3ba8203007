import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
