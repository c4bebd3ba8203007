import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { type AllowedTargets, parseAllowedTargets } from '../../src/domain/network-targets.js';
import { resumeWait } from '../../src/runs/resume-wait.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { finishRunInline, lastActivityId, scheduleNow } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createProgram,
  createStaticList,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';
import { subscribeWs, untilDelivered, untilStreams, wsClient } from '../helpers/streams.js';

const LOCAL = parseAllowedTargets('127.0.0.1').targets as AllowedTargets;

/** Every typed activity's own fields, as a feed client would spread them in one selection. */
const TYPED_FIELDS = `
  __typename id type primaryAttributeValue attributes campaign { name }
  ... on ChangeDataValueActivity { attribute valueBefore valueAfter attemptedValue source skipped skipReason }
  ... on ChangeScoreActivity { scoreName change oldValue newValue skipped skipReason }
  ... on RequestCampaignActivity { requestedCampaign { id name deletedAt } }
  ... on CampaignIsRequestedActivity { requestSource }
  ... on RemoveFromFlowActivity { campaigns { id name } stoppedCampaigns { id name } }
  ... on AddToListActivity { list { id name } }
  ... on RemoveFromListActivity { list { id name } }
  ... on ChangeProgramStatusActivity { program { id name } oldStatus newStatus skipped skipReason }
  ... on WaitActivity { seconds resumeAt skipped skipReason }
  ... on CallWebhookActivity { host method httpStatus succeeded failure skipped skipReason }
  ... on InterestingMomentActivity { kind description }
  ... on NewLeadActivity { email }
`;

const ACTIVITIES = `query ($filter: ActivityFilter) {
  activities(filter: $filter, first: 100) { edges { node { ${TYPED_FIELDS} } } }
}`;

type Node = Record<string, unknown> & { __typename: string; type: string; id: string };

let t: TestApp;
let acme: WorkspaceWithKey;
let hooks: Server;
let program: string;
let list: string;
let target: string;
let other: string;
let main: string;
let ada: string;
let nodes: Node[];

async function activities(filter: Record<string, unknown>): Promise<Node[]> {
  const data = await run<{ activities: { edges: { node: Node }[] } }>(t, acme.key, ACTIVITIES, { filter });
  return data.activities.edges.map((edge) => edge.node);
}

const byType = (type: string) => nodes.filter((node) => node.type === type);

const GLOBAL_ID_TYPES: Record<string, string> = {
  requestedCampaignId: 'Campaign',
  campaignIds: 'Campaign',
  stoppedCampaignIds: 'Campaign',
  listId: 'StaticList',
  programId: 'Program',
};

/** Stored attributes as clients have always read them: the ids they hold as global ids. */
function globalIds(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => {
      const typename = GLOBAL_ID_TYPES[key];
      if (!typename) return [key, value];
      const globalOf = (id: unknown) => globalIdOf(typename, String(id));
      return [key, Array.isArray(value) ? value.map(globalOf) : globalOf(value)];
    }),
  );
}

beforeAll(async () => {
  hooks = createServer((_request, response) => response.writeHead(202).end());
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  t = await startTestApp(undefined, { allowedWebhookTargets: LOCAL });
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Webinar');
  list = await createStaticList(t, acme, 'VIPs');
  const define =
    'mutation ($ws: ID!, $name: String!, $type: FieldType!) { defineLeadField(workspaceId: $ws, name: $name, type: $type) { id } }';
  await run(t, acme.key, define, { ws: acme.id, name: 'city', type: 'STRING' });
  await run(t, acme.key, define, { ws: acme.id, name: 'visits', type: 'INTEGER' });
  [ada] = (await upsertLeads(t, acme, [{ email: 'ada@example.com' }])) as [string];
  await upsertLeads(t, acme, [{ email: 'ada@example.com', fields: { city: 'Paris' } }]);
  const create = (input: Record<string, unknown>) =>
    createCampaign(t, acme, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input });
  target = await create({
    name: 'Target',
    smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] },
  });
  await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id: target });
  other = await create({ name: 'Other' });
  main = await create({
    name: 'Main',
    smartList: {
      filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['ada@example.com'] }],
    },
    flow: [
      { action: { changeDataValue: { attribute: 'city', value: 'London' } } },
      { action: { changeDataValue: { attribute: 'visits', value: '{{lead.email}}' } } },
      { action: { changeScore: { change: '+5' } } },
      { action: { addToList: { listId: list } } },
      { action: { removeFromList: { listId: list } } },
      { action: { changeProgramStatus: { programId: program, status: 'Member' } } },
      { action: { interestingMoment: { kind: 'Milestone', description: 'Hello {{lead.email}}' } } },
      { action: { requestCampaign: { campaignId: target } } },
      { action: { removeFromFlow: { campaignIds: [other] } } },
      { action: { webhook: { url: `${hookUrl}/hook?secret=s3cret`, method: 'PUT' } } },
      { action: { wait: { seconds: 60 } } },
    ],
  });
  // No job runner: the test applies the run's jobs itself, the webhook's call to the local listener.
  const mainRun = databaseIdOf(await scheduleNow(t, acme.key, main));
  await finishRunInline(t, mainRun);
  const em = t.orm.em.fork();
  const [webhookWait] = await em.find(FlowWait, { run: mainRun });
  await resumeWait(t.orm, webhookWait?.id as string, new Date(), { allowedTargets: LOCAL });
  const requested = await em.findOneOrFail(CampaignRun, { campaign: databaseIdOf(target) });
  await finishRunInline(t, requested.id);
  nodes = await activities({ leadId: ada });
});
afterAll(async () => {
  hooks.closeAllConnections();
  await new Promise((resolve) => hooks.close(resolve));
  await t.close();
});

describe('typed activities (semantics A7)', () => {
  it('come back as one object type per kind, with the kind’s details as typed fields', async () => {
    const applied = { skipped: false, skipReason: null };
    const { resumeAt } = await t.orm.em.fork().findOneOrFail(FlowWait, { kind: 'WAIT' });
    const change = (attribute: string, before: unknown, after: unknown, source: string | null) => ({
      attribute,
      valueBefore: before,
      valueAfter: after,
      attemptedValue: null,
      source,
      ...applied,
    });
    const expected: [string, Record<string, unknown>][] = [
      ['NewLeadActivity', { email: 'ada@example.com', campaign: null }],
      ['ChangeDataValueActivity', change('city', null, 'Paris', 'API')],
      ['ChangeDataValueActivity', { campaign: { name: 'Main' }, ...change('city', 'Paris', 'London', null) }],
      [
        'ChangeDataValueActivity',
        { attribute: 'visits', valueAfter: null, attemptedValue: 'ada@example.com', skipped: true },
      ],
      ['ChangeScoreActivity', { scoreName: 'score', oldValue: 0, newValue: 5, ...applied }],
      ['AddToListActivity', {}],
      ['RemoveFromListActivity', {}],
      ['ChangeProgramStatusActivity', { oldStatus: null, newStatus: 'Member', ...applied }],
      ['InterestingMomentActivity', { kind: 'Milestone', description: 'Hello ada@example.com' }],
      ['RequestCampaignActivity', {}],
      ['RemoveFromFlowActivity', {}],
      [
        'CallWebhookActivity',
        { host: expect.stringMatching(/^127\.0\.0\.1:\d+$/), method: 'PUT', httpStatus: 202, ...applied },
      ],
      ['WaitActivity', { seconds: 60, resumeAt: resumeAt?.toISOString(), ...applied }],
      ['CampaignIsRequestedActivity', { campaign: { name: 'Target' }, requestSource: 'FLOW_ACTION' }],
    ];
    expect(nodes).toEqual(
      expected.map(([__typename, fields]) => expect.objectContaining({ __typename, ...fields })),
    );
    expect(nodes[3]).toMatchObject({ skipReason: 'TYPE_MISMATCH' });
    expect(nodes[11]).toMatchObject({ succeeded: true, failure: null });
  });

  it('reference campaigns, lists and programs as objects a client can traverse', () => {
    const campaign = (id: string, name: string) => ({ id, name });
    expect(byType('REQUEST_CAMPAIGN')[0]?.requestedCampaign).toEqual({
      ...campaign(target, 'Target'),
      deletedAt: null,
    });
    expect(byType('REMOVE_FROM_FLOW')[0]).toMatchObject({
      campaigns: [campaign(other, 'Other')],
      stoppedCampaigns: [],
    });
    expect(byType('ADD_TO_LIST')[0]?.list).toEqual({ id: list, name: 'VIPs' });
    expect(byType('REMOVE_FROM_LIST')[0]?.list).toEqual({ id: list, name: 'VIPs' });
    expect(byType('CHANGE_PROGRAM_STATUS')[0]?.program).toEqual({ id: program, name: 'Webinar' });
  });

  it('keep attributes as they were, ids as global ids', async () => {
    const stored = await t.orm.em
      .fork()
      .find(Activity, { lead: databaseIdOf(ada) }, { orderBy: { id: 'asc' } });
    expect(nodes.map((node) => node.attributes)).toEqual(stored.map((row) => row.attributes).map(globalIds));
    expect(byType('REQUEST_CAMPAIGN')[0]?.attributes).toEqual({ requestedCampaignId: target });
    expect(byType('ADD_TO_LIST')[0]?.attributes).toEqual({ listId: list });
    expect(byType('CALL_WEBHOOK')[0]?.attributes).toEqual({
      url: expect.stringMatching(/\/hook\?secret=s3cret$/),
      method: 'PUT',
      status: 202,
      ok: true,
      error: null,
    });
  });

  it('leave GenericActivity in the schema for fragments, returned for no kind', async () => {
    const type = '{ __type(name: "GenericActivity") { interfaces { name } } }';
    const data = await run<{ __type: { interfaces: { name: string }[] } }>(t, acme.key, type);
    expect(data.__type.interfaces.map((item) => item.name).sort()).toEqual(['Activity', 'FlowActivity']);
    const generic = await run<{ activities: { edges: { node: { __typename: string } }[] } }>(
      t,
      acme.key,
      '{ activities(first: 100) { edges { node { __typename ... on GenericActivity { id attributes } } } } }',
    );
    expect(generic.activities.edges.map((edge) => edge.node.__typename)).not.toContain('GenericActivity');
  });

  it('answer null, not an error, for a reference to nothing or to no row id', async () => {
    const [lost] = (await upsertLeads(t, acme, [{ email: 'lost@example.com' }])) as [string];
    const em = t.orm.em.fork();
    const row = { workspace: databaseIdOf(acme.id), lead: databaseIdOf(lost), occurredAt: new Date() };
    em.create(Activity, { ...row, type: 'REQUEST_CAMPAIGN', attributes: { requestedCampaignId: '999999' } });
    em.create(Activity, { ...row, type: 'ADD_TO_LIST', attributes: { listId: 'not-an-id' } });
    em.create(Activity, { ...row, type: 'REMOVE_FROM_FLOW', attributes: { campaignIds: ['999999'] } });
    await em.flush();
    const found = await activities({
      leadId: lost,
      types: ['REQUEST_CAMPAIGN', 'ADD_TO_LIST', 'REMOVE_FROM_FLOW'],
    });
    expect(found.map((node) => [node.requestedCampaign, node.list, node.campaigns])).toEqual([
      [null, undefined, undefined],
      [undefined, null, undefined],
      [undefined, undefined, []],
    ]);
  });

  it('still resolve a campaign deleted since, marked by deletedAt (semantics I3)', async () => {
    await run(t, acme.key, 'mutation ($id: ID!) { updateCampaign(id: $id, input: { flow: [] }) { id } }', {
      id: main,
    });
    await run(t, acme.key, 'mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: target });
    const [requested] = await activities({ leadId: ada, types: ['REQUEST_CAMPAIGN'] });
    expect(requested?.requestedCampaign).toEqual({
      id: target,
      name: 'Target',
      deletedAt: expect.any(String),
    });
    const [entered] = await activities({ leadId: ada, types: ['CAMPAIGN_IS_REQUESTED'] });
    expect(entered?.campaign).toEqual({ name: 'Target' });
  });
});

describe('activityAdded', () => {
  it('delivers the same typed objects as the query', async () => {
    const url = await t.app.start();
    const client = wsClient({ url }, acme.key);
    const stream = subscribeWs<{ activityAdded: Node }>(
      client,
      `subscription ($after: ID) { activityAdded(after: $after, filter: { types: [NEW_LEAD, CHANGE_DATA_VALUE] }) { ${TYPED_FIELDS} } }`,
      { after: await lastActivityId(t) },
    );
    try {
      await untilStreams(t.app, 1);
      await upsertLeads(t, acme, [
        { email: 'grace@example.com' },
        { email: 'ada@example.com', fields: { city: 'Oslo' } },
      ]);
      await untilDelivered(stream, 2);
      const delivered = stream.results.map((result) => result.data?.activityAdded);
      expect(delivered).toEqual([
        expect.objectContaining({ __typename: 'NewLeadActivity', email: 'grace@example.com' }),
        expect.objectContaining({
          __typename: 'ChangeDataValueActivity',
          attribute: 'city',
          valueBefore: 'London',
          valueAfter: 'Oslo',
          source: 'API',
          attributes: { attribute: 'city', oldValue: 'London', newValue: 'Oslo', source: 'API' },
        }),
      ]);
    } finally {
      stream.stop();
      await client.dispose();
    }
  });
});

describe('a page of typed activities', () => {
  it('reads only what the operation asks for: the leads and snapshot only when it selects them', async () => {
    const counted = async (node: string, fragments = '') => {
      const query = `query ($filter: ActivityFilter) { activities(filter: $filter) { edges { node { ${node} } } } } ${fragments}`;
      return (await countingStatements(() => run(t, acme.key, query, { filter: { leadId: ada } })))
        .statements;
    };
    expect(await counted('id type')).toBe(1);
    // The leads and the graph version of the snapshot are read with the page.
    expect(await counted('...Who', 'fragment Who on Activity { lead { email } }')).toBe(1);
    expect(await counted('... on AddToListActivity { list { name } }')).toBe(1);
    expect(await counted('run { id status }')).toBe(2);
    const stored = await t.orm.em
      .fork()
      .find(Activity, { lead: databaseIdOf(ada) }, { orderBy: { id: 'asc' } });
    const page = await run<{ activities: { edges: { node: { run: { id: string } | null } }[] } }>(
      t,
      acme.key,
      'query ($filter: ActivityFilter) { activities(filter: $filter) { edges { node { run { id } } } } }',
      { filter: { leadId: ada } },
    );
    const runOf = (activity: Activity) => (activity.run ? globalIdOf('CampaignRun', activity.run.id) : null);
    expect(page.activities.edges.map(({ node }) => node.run?.id ?? null)).toEqual(stored.map(runOf));
    expect(stored.filter((activity) => activity.run).length).toBeGreaterThan(0);
  });

  it('shows another workspace’s key nothing of the objects its activities name', async () => {
    const globex = await createWorkspaceWithKey(t, 'Globex');
    const [own] = await activities({ leadId: ada, types: ['ADD_TO_LIST'] });
    expect(own).toMatchObject({ list: { id: list, name: 'VIPs' } });
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) {
      id ... on Lead { email } ... on StaticList { name } ... on Program { name } ... on Campaign { name }
    } }`;
    const ids = [ada, list, program, other];
    const seen = await run<{ nodes: unknown[] }>(t, acme.key, NODES, { ids });
    expect(seen.nodes).toEqual([
      { id: ada, email: 'ada@example.com' },
      { id: list, name: 'VIPs' },
      { id: program, name: 'Webinar' },
      { id: other, name: 'Other' },
    ]);
    const unseen = await run<{ nodes: unknown[] }>(t, globex.key, NODES, { ids });
    expect(unseen.nodes).toEqual([null, null, null, null]);
    const lead = await run(t, globex.key, 'query ($id: ID!) { lead(id: $id) { email } }', { id: ada });
    expect(lead).toEqual({ lead: null });
    const data = await run<{ activities: { edges: unknown[] } }>(t, globex.key, ACTIVITIES, {
      filter: { leadId: ada },
    });
    expect(data.activities.edges).toEqual([]);
  });

  it('resolves the objects of a page across workspaces (the admin’s) by id, without their snapshots', async () => {
    const [beta] = (await upsertLeads(t, await createWorkspaceWithKey(t, 'Beta'), [
      { email: 'b@example.com' },
    ])) as [string];
    const PAGE = `query ($types: [ActivityType!]) { activities(first: 100, filter: { types: $types }) { edges { node {
      lead { id } campaign { name } ... on RequestCampaignActivity { requestedCampaign { name } }
    } } } }`;
    const data = await run<{ activities: { edges: { node: Record<string, unknown> }[] } }>(
      t,
      ADMIN_KEY,
      PAGE,
      {
        types: ['NEW_LEAD', 'REQUEST_CAMPAIGN'],
      },
    );
    const nodes = data.activities.edges.map(({ node }) => node);
    expect(nodes).toContainEqual({
      lead: { id: ada },
      campaign: { name: 'Main' },
      requestedCampaign: { name: 'Target' },
    });
    expect(nodes).toContainEqual({ lead: { id: beta }, campaign: null });
  });
});
