import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { readActivitiesById, readActivityPage } from '../../src/db/sql/activity-feed.js';
import { MAX_SHAPED_TEXTS, query } from '../../src/db/sql/query.js';
import type { ActivityFilter } from '../../src/domain/activity-filter.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Workspace 1's activities, by id: one, two, three and four digits (a text order would put 10
 * before 9), of leads 1 and 2 and of lead 3 (workspace 2's), with and without a campaign, a run
 * and a primary value, Execute Campaign rows qualified and not.
 */
const ROWS = [
  { id: '8', lead: 1, campaign: 100, run: 500, type: 'EXECUTE_CAMPAIGN', primary: 'E', qualified: true },
  { id: '9', lead: 2, campaign: null, run: null, type: 'NEW_LEAD', primary: null, qualified: null },
  { id: '10', lead: 1, campaign: 101, run: null, type: 'EXECUTE_CAMPAIGN', primary: null, qualified: false },
  { id: '11', lead: 3, campaign: null, run: 501, type: 'CHANGE_SCORE', primary: 'score', qualified: null },
  { id: '99', lead: 2, campaign: 100, run: 500, type: 'CHANGE_SCORE', primary: 'score', qualified: null },
  {
    id: '100',
    lead: 1,
    campaign: null,
    run: null,
    type: 'NEW_LEAD',
    primary: 'a@example.com',
    qualified: null,
  },
  { id: '1000', lead: 2, campaign: 102, run: 502, type: 'EXECUTE_CAMPAIGN', primary: 'E', qualified: true },
];
const IDS = ROWS.map((row) => row.id);

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.url);
  const em = orm.em.fork();
  await query(em, `insert into workspace (id, name, created_at) values (1, 'w', now()), (2, 'v', now())`);
  await query(
    em,
    `insert into lead (id, workspace_id, email, fields, created_at, updated_at) values
       (1, 1, 'a@example.com', '{"city": "Seoul"}', now(), now()), (2, 1, 'b@example.com', '{}', now(), now()),
       (3, 2, 'c@example.com', '{}', now(), now())`,
  );
  for (const row of [...ROWS].reverse()) {
    await query(
      em,
      `insert into activity (id, workspace_id, lead_id, campaign_id, run_id, type, primary_attribute_value, occurred_at, attributes)
       values (?, 1, ?, ?, ?, ?, ?, now(), ?::jsonb)`,
      [
        row.id,
        row.lead,
        row.campaign,
        row.run,
        row.type,
        row.primary,
        JSON.stringify(row.qualified === null ? {} : { qualified: row.qualified }),
      ],
    );
  }
  await query(
    em,
    `insert into activity (id, workspace_id, lead_id, type, occurred_at, attributes) values (5000, 2, 3, 'NEW_LEAD', now(), '{}')`,
  );
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

/** The prepared statements of the connection `em`'s transaction runs on. */
const preparedOn = (em: EntityManager) =>
  query<{ name: string; statement: string }>(em, 'select name, statement from pg_prepared_statements');

const WORKSPACE_1 = [{ workspaceIds: ['1'] }];

describe('the activity page', () => {
  const read = (order: 'asc' | 'desc', limit: number, bounds: { after?: string; before?: string } = {}) =>
    readActivityPage(orm.em.fork(), WORKSPACE_1, { order, limit, ...bounds }).then(({ events }) =>
      events.map((event) => event.id),
    );

  it('is in id order both ways, across ids of different lengths', async () => {
    expect(await read('asc', 100)).toEqual(IDS);
    expect(await read('desc', 100)).toEqual([...IDS].reverse());
    expect(await read('asc', 3, { after: '9' })).toEqual(['10', '11', '99']);
    expect(await read('desc', 3, { before: '1000' })).toEqual(['100', '99', '11']);
  });

  it('runs as a statement its connection keeps prepared, with the same rows each time', async () => {
    await orm.em.fork().transactional(async (em) => {
      const read = { order: 'asc', limit: 100 } as const;
      const first = await readActivityPage(em, WORKSPACE_1, read, { leads: true });
      const statement = (await preparedOn(em)).find(({ statement }) => statement.includes('lead_ids'));
      expect(statement).toBeDefined();
      const again = await readActivityPage(em, WORKSPACE_1, read, { leads: true });
      expect(again).toEqual(first);
      expect((await preparedOn(em)).filter((prepared) => prepared.name === statement?.name)).toEqual([
        statement,
      ]);
    });
  });

  it('has each row as reading it by id gives it, every column in its place', async () => {
    const em = orm.em.fork();
    const { events } = await readActivityPage(em, WORKSPACE_1, { order: 'asc', limit: 100 });
    const byId = await readActivitiesById(em, IDS);
    expect(events).toEqual(IDS.map((id) => byId.get(id)));
    expect(
      events.map(({ campaignId, runId, primaryAttributeValue, qualified }) => ({
        campaignId,
        runId,
        primaryAttributeValue,
        qualified,
      })),
    ).toEqual(
      ROWS.map((row) => ({
        campaignId: row.campaign === null ? null : String(row.campaign),
        runId: row.run === null ? null : String(row.run),
        primaryAttributeValue: row.primary,
        qualified: row.type === 'EXECUTE_CAMPAIGN' ? row.qualified : null,
      })),
    );
  });

  it('names each lead and workspace of its rows once, whoever owns the lead', async () => {
    const page = await readActivityPage(
      orm.em.fork(),
      WORKSPACE_1,
      { order: 'desc', limit: 100 },
      { leads: true, graphVersions: true },
    );
    expect([...page.leads].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1', workspace: { id: '1' }, email: 'a@example.com', fields: { city: 'Seoul' } },
      { id: '2', workspace: { id: '1' }, email: 'b@example.com', fields: {} },
      { id: '3', workspace: { id: '2' }, email: 'c@example.com', fields: {} },
    ]);
    expect([...page.graphVersions.keys()]).toEqual(['1']);
  });

  it('reads the rows of each shape of request, past the shapes whose statements are kept', async () => {
    const em = orm.em.fork();
    const shapes: { filter: ActivityFilter; order: 'asc' | 'desc' }[] = [];
    for (const leadId of [undefined, '1', '2'])
      for (const campaignId of [undefined, '100'])
        for (const runId of [undefined, '500'])
          for (const types of [undefined, ['EXECUTE_CAMPAIGN'], ['CHANGE_SCORE', 'NEW_LEAD']] as const)
            for (const qualified of [undefined, true])
              for (const order of ['asc', 'desc'] as const) {
                shapes.push({
                  filter: { workspaceIds: ['1'], leadId, campaignId, runId, types, qualified },
                  order,
                });
              }
    expect(shapes.length).toBeGreaterThan(MAX_SHAPED_TEXTS);
    for (const { filter, order } of shapes) {
      const { events } = await readActivityPage(em, [filter], { order, limit: 100 });
      const wanted = ROWS.filter(
        (row) =>
          (filter.leadId === undefined || String(row.lead) === filter.leadId) &&
          (filter.campaignId === undefined || String(row.campaign) === filter.campaignId) &&
          (filter.runId === undefined || String(row.run) === filter.runId) &&
          (filter.types === undefined || (filter.types as readonly string[]).includes(row.type)) &&
          (filter.qualified === undefined || row.qualified === filter.qualified),
      ).map((row) => row.id);
      expect(events.map((event) => event.id)).toEqual(order === 'asc' ? wanted : wanted.reverse());
    }
  });

  it('with nothing in it, names no lead and no workspace', async () => {
    const page = await readActivityPage(
      orm.em.fork(),
      WORKSPACE_1,
      { order: 'asc', limit: 100, after: '1000' },
      { leads: true, graphVersions: true },
    );
    expect(page).toEqual({ events: [], leads: [], graphVersions: new Map() });
  });
});
