import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../src/db/mikro-orm.config.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { MAX_SHAPED_TEXTS, query } from '../../src/db/sql/query.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.url);
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

/** The prepared statements of the connection `em`'s transaction runs on. */
const preparedOn = (em: EntityManager) =>
  query<{ name: string; statement: string }>(em, 'select name, statement from pg_prepared_statements');

describe('prepared statements', () => {
  it('stay usable when a run of one fails: the next run on the connection binds it again', async () => {
    await orm.em.fork().transactional(async (em) => {
      const sql = 'select 10 / ?::int as quotient';
      await expect(
        em.transactional((inner) => query(inner, sql, [0], { prepared: 'fixed' })),
      ).rejects.toThrow(/division by zero/);
      expect(await query(em, sql, [5], { prepared: 'fixed' })).toEqual([{ quotient: 2 }]);
      expect((await preparedOn(em)).map(({ statement }) => statement)).toContain(
        'select 10 / $1::int as quotient',
      );
    });
  });

  it('run outside a transaction as knex would read their text: numbered values, \\? a question mark', async () => {
    const em = orm.em.fork();
    const sql = "select ?::jsonb \\? 'a' as has, ?::int - 1 as previous";
    expect(await query(em, sql, ['{"a":1}', 1], { prepared: 'fixed' })).toEqual([{ has: true, previous: 0 }]);
    expect(await query(em, sql, ['{"b":1}', 2], { prepared: 'fixed' })).toEqual([
      { has: false, previous: 1 },
    ]);
    await expect(query(em, sql, ['{}'], { prepared: 'fixed' })).rejects.toThrow(/Expected 1 bindings, saw 2/);
    await expect(query(em, sql, ['{}', undefined], { prepared: 'fixed' })).rejects.toThrow(
      /Undefined binding/,
    );
    await expect(query(em, 'select ?? from lead', ['id'], { prepared: 'fixed' })).rejects.toThrow(
      /no identifier/,
    );
  });

  it('send a connection the same text for their name inside a transaction and outside', async () => {
    const single = await MikroORM.init({ ...ormConfig(database.url), pool: { min: 1, max: 1 } });
    try {
      const sql = "select ?::jsonb \\? 'k' as has, ?::int * 3 as thrice";
      const inside = () =>
        single.em.fork().transactional((em) => query(em, sql, ['{"k":1}', 1], { prepared: 'fixed' }));
      const outside = () => query(single.em.fork(), sql, ['{}', 2], { prepared: 'fixed' });
      expect(await inside()).toEqual([{ has: true, thrice: 3 }]);
      expect(await outside()).toEqual([{ has: false, thrice: 6 }]);
      expect(await inside()).toEqual([{ has: true, thrice: 3 }]);
      const prepared = await preparedOn(single.em.fork());
      expect(prepared.filter(({ statement }) => statement.includes('thrice'))).toEqual([
        {
          name: expect.stringMatching(/^campaign_engine_\d+$/),
          statement: "select $1::jsonb ? 'k' as has, $2::int * 3 as thrice",
        },
      ]);
    } finally {
      await single.close();
    }
  });

  it('keep nothing of a first run with the wrong values: the next run prepares the text', async () => {
    const em = orm.em.fork();
    const sql = 'select ?::int - ?::int as difference';
    await expect(query(em, sql, [1], { prepared: 'fixed' })).rejects.toThrow(/Expected 1 bindings, saw 2/);
    expect(await query(em, sql, [1, 2], { prepared: 'fixed' })).toEqual([{ difference: -1 }]);
  });

  it('give their connection back to the pool when they fail outside a transaction', async () => {
    const em = orm.em.fork();
    for (let run = 0; run < 25; run += 1) {
      await expect(query(em, 'select 10 / ?::int as quotient', [0], { prepared: 'fixed' })).rejects.toThrow(
        /division by zero/,
      );
    }
    expect(await query(em, 'select 10 / ?::int as quotient', [5], { prepared: 'fixed' })).toEqual([
      { quotient: 2 },
    ]);
  });

  it('refuse an array, an object or SQL as a value, which knex would spell into the text', async () => {
    const em = orm.em.fork();
    for (const value of [['a', 'b'], { a: 1 }, em.getKnex().raw('1')]) {
      await expect(query(em, 'select ? as value', [value], { prepared: 'fixed' })).rejects.toThrow(
        /only plain values/,
      );
    }
  });

  it('are named for at most MAX_SHAPED_TEXTS shapes; further shapes still run, unprepared, and fixed texts are named', async () => {
    await orm.em.fork().transactional(async (em) => {
      const sums: number[] = [];
      for (let index = 0; index <= MAX_SHAPED_TEXTS; index += 1) {
        const [row] = await query<{ sum: number }>(em, `select ?::int + ${index} as sum`, [1], {
          prepared: 'per-shape',
        });
        sums.push(row?.sum as number);
      }
      expect(sums).toEqual(Array.from({ length: MAX_SHAPED_TEXTS + 1 }, (_, index) => index + 1));
      expect(await query(em, 'select ?::int * 2 as product', [4], { prepared: 'fixed' })).toEqual([
        { product: 8 },
      ]);
      const statements = (await preparedOn(em)).map(({ statement }) => statement);
      const shapes = statements.filter((statement) => statement.includes('::int +'));
      expect(shapes).toHaveLength(MAX_SHAPED_TEXTS);
      expect(shapes.some((statement) => statement.includes(`+ ${MAX_SHAPED_TEXTS} `))).toBe(false);
      expect(statements).toContain('select $1::int * 2 as product');
    });
  });
});
