import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { readActivityPage } from '../../src/db/sql/activity-feed.js';
import { query } from '../../src/db/sql/query.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** Activity ids of one, two, three and four digits: a text order would put 10 before 9. */
const IDS = ['8', '9', '10', '11', '99', '100', '1000'];

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.url);
  const em = orm.em.fork();
  await query(em, `insert into workspace (id, name, created_at) values (1, 'w', now())`);
  await query(
    em,
    `insert into lead (id, workspace_id, email, created_at, updated_at) values (1, 1, 'a@example.com', now(), now())`,
  );
  for (const id of [...IDS].reverse()) {
    await query(
      em,
      `insert into activity (id, workspace_id, lead_id, type, occurred_at, attributes) values (?, 1, 1, 'NEW_LEAD', now(), '{}')`,
      [id],
    );
  }
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

/** The prepared statements of the connection `em`'s transaction runs on. */
const preparedOn = (em: Orm['em']) =>
  query<{ name: string; statement: string }>(em, 'select name, statement from pg_prepared_statements');

describe('the activity page', () => {
  const read = (order: 'asc' | 'desc', limit: number, bounds: { after?: string; before?: string } = {}) =>
    readActivityPage(orm.em.fork(), [{ workspaceIds: ['1'], leadId: '1' }], { order, limit, ...bounds }).then(
      ({ events }) => events.map((event) => event.id),
    );

  it('is in id order both ways, across ids of different lengths', async () => {
    expect(await read('asc', 100)).toEqual(IDS);
    expect(await read('desc', 100)).toEqual([...IDS].reverse());
    expect(await read('asc', 3, { after: '9' })).toEqual(['10', '11', '99']);
    expect(await read('desc', 3, { before: '1000' })).toEqual(['100', '99', '11']);
  });

  // Before any other test reads leads: none of their statements is prepared yet.
  it('runs as a statement its connection keeps prepared, with the same rows each time', async () => {
    await orm.em.fork().transactional(async (em) => {
      const filters = [{ workspaceIds: ['1'], leadId: '1' }];
      const first = await readActivityPage(em, filters, { order: 'asc', limit: 100 }, { leads: true });
      const again = await readActivityPage(em, filters, { order: 'asc', limit: 100 }, { leads: true });
      expect(again).toEqual(first);
      expect(first.leads.map((lead) => lead.email)).toEqual(['a@example.com']);
      const prepared = await preparedOn(em);
      expect(prepared.filter(({ statement }) => statement.includes('json_agg(email)'))).toHaveLength(1);
    });
  });

  it('with nothing in it, names no lead and no workspace', async () => {
    const page = await readActivityPage(
      orm.em.fork(),
      [{ workspaceIds: ['1'], leadId: '1' }],
      { order: 'asc', limit: 100, after: '1000' },
      { leads: true, graphVersions: true },
    );
    expect(page).toEqual({ events: [], leads: [], graphVersions: new Map() });
  });

  it('names each lead and workspace of its rows once', async () => {
    const page = await readActivityPage(
      orm.em.fork(),
      [{ workspaceIds: ['1'] }],
      { order: 'desc', limit: 100 },
      { leads: true, graphVersions: true },
    );
    expect(page.leads).toEqual([{ id: '1', workspace: { id: '1' }, email: 'a@example.com', fields: {} }]);
    expect([...page.graphVersions.keys()]).toEqual(['1']);
  });
});
