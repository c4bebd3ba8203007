import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { subscribeWs, untilDelivered, wsClient } from '../helpers/streams.js';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
});
afterAll(() => t.close());

const UPSERT = `mutation ($ws: ID!, $leads: [LeadInput!]!) {
  upsertLeads(workspaceId: $ws, leads: $leads) { id }
}`;
// The whole workspace's: a filter naming a lead or a run loads its entity, which alone renews the caches.
const WORKSPACE_ACTIVITIES = `subscription {
  activityAdded(after: "0") { type lead { fields } }
}`;

type Event = { type: string; lead: { fields: Record<string, unknown> } };

describe('the events of one subscription', () => {
  it('each show the lead as it is when the event is sent, not as an earlier event read it', async () => {
    const acme = await createWorkspaceWithKey(t, 'Acme');
    await t.graphql(
      'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "First Name", type: STRING) { id } }',
      { ws: acme.id },
      acme.key,
    );
    const upsert = async (firstName: string) => {
      const response = await t.graphql(
        UPSERT,
        { ws: acme.id, leads: [{ email: 'ada@example.com', fields: { 'First Name': firstName } }] },
        acme.key,
      );
      expect(response.errors).toBeUndefined();
    };
    await upsert('Ada');
    const client = wsClient({ url }, acme.key);
    const stream = subscribeWs<{ activityAdded: Event }>(client, WORKSPACE_ACTIVITIES);
    await untilDelivered(stream, 1);
    await upsert('Grace');
    await untilDelivered(stream, 2);
    stream.stop();
    await client.dispose();
    expect(
      stream.results.map(({ data }) => [
        data?.activityAdded.type,
        data?.activityAdded.lead.fields['First Name'],
      ]),
    ).toEqual([
      ['NEW_LEAD', 'Ada'],
      ['CHANGE_DATA_VALUE', 'Grace'],
    ]);
  });
});
