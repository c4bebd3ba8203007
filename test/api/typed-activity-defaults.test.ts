import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

/*
 * The typed fields of stored activities are computed from their attributes when a row becomes a
 * view (src/schema/activity-fields.ts): each falls back to its default when the attribute is absent.
 */

const KINDS = [
  'EXECUTE_CAMPAIGN',
  'CHANGE_SCORE',
  'CHANGE_DATA_VALUE',
  'CAMPAIGN_IS_REQUESTED',
  'CHANGE_PROGRAM_STATUS',
  'WAIT',
  'CALL_WEBHOOK',
  'INTERESTING_MOMENT',
  'NEW_LEAD',
] as const;

const ACTIVITIES = `query ($filter: ActivityFilter) {
  activities(filter: $filter, first: 100) { edges { node {
    __typename attributes
    ... on ExecuteCampaignActivity { qualified depth reason useParentTokenContext }
    ... on ChangeScoreActivity { scoreName change oldValue newValue skipped skipReason }
    ... on ChangeDataValueActivity { attribute valueBefore valueAfter attemptedValue source skipped skipReason }
    ... on CampaignIsRequestedActivity { requestSource }
    ... on ChangeProgramStatusActivity { program { id } oldStatus newStatus skipped skipReason }
    ... on WaitActivity { seconds resumeAt skipped skipReason }
    ... on CallWebhookActivity { host method httpStatus succeeded failure skipped skipReason }
    ... on InterestingMomentActivity { kind description }
    ... on NewLeadActivity { email }
  } } }
}`;

let t: TestApp;
let acme: WorkspaceWithKey;
let lead: string;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  [lead] = (await upsertLeads(t, acme, [{ email: 'bare@example.com' }])) as [string];
});
afterAll(() => t.close());

async function written(attributes: Record<string, unknown>, primaryAttributeValue: string | null) {
  const em = t.orm.em.fork();
  const row = { workspace: databaseIdOf(acme.id), lead: databaseIdOf(lead), occurredAt: new Date() };
  for (const type of KINDS) em.create(Activity, { ...row, type, primaryAttributeValue, attributes });
  await em.flush();
  const data = await run<{ activities: { edges: { node: Record<string, unknown> }[] } }>(
    t,
    acme.key,
    ACTIVITIES,
    { filter: { leadId: lead, types: [...KINDS] } },
  );
  const nodes = data.activities.edges.map((edge) => edge.node);
  return nodes.slice(nodes.length - KINDS.length);
}

describe('typed activity fields (semantics A7)', () => {
  it('answer their defaults when a row’s attributes lack their keys', async () => {
    const unskipped = { skipped: false, skipReason: null };
    expect(await written({}, null)).toEqual(
      [
        { qualified: false, depth: 1, reason: null, useParentTokenContext: false },
        { scoreName: '', change: '', oldValue: 0, newValue: 0, ...unskipped },
        {
          attribute: '',
          valueBefore: null,
          valueAfter: null,
          attemptedValue: null,
          source: null,
          ...unskipped,
        },
        { requestSource: '' },
        { program: null, oldStatus: null, newStatus: '', ...unskipped },
        { seconds: 0, resumeAt: null, ...unskipped },
        { host: null, method: '', httpStatus: null, succeeded: false, failure: null, ...unskipped },
        { kind: '', description: '' },
        { email: '' },
      ].map((fields) => expect.objectContaining({ attributes: {}, ...fields })),
    );
  });

  it('give skipReason only on a skipped step, and NewLead’s email from the primary value', async () => {
    const attributes = { skipped: true, reason: 'UNKNOWN_FIELD', qualified: false };
    const nodes = await written(attributes, 'new@example.com');
    const byType = (typename: string) => nodes.find((node) => node.__typename === typename);
    for (const typename of [
      'ChangeScoreActivity',
      'ChangeDataValueActivity',
      'ChangeProgramStatusActivity',
      'WaitActivity',
      'CallWebhookActivity',
    ]) {
      expect(byType(typename)).toMatchObject({ attributes, skipped: true, skipReason: 'UNKNOWN_FIELD' });
    }
    expect(byType('ExecuteCampaignActivity')).toMatchObject({ qualified: false, reason: 'UNKNOWN_FIELD' });
    expect(byType('NewLeadActivity')).toMatchObject({ email: 'new@example.com' });
  });
});
