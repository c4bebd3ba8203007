import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { MAX_PREPARED_TEXTS, query } from '../../src/db/sql/query.js';
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
  // First: the next test uses up the names.
  it('stay usable when a run of one fails: the next run on the connection binds it again', async () => {
    await orm.em.fork().transactional(async (em) => {
      const sql = 'select 10 / ?::int as quotient';
      await expect(em.transactional((inner) => query(inner, sql, [0], { prepared: true }))).rejects.toThrow(
        /division by zero/,
      );
      expect(await query(em, sql, [5], { prepared: true })).toEqual([{ quotient: 2 }]);
      expect((await preparedOn(em)).map(({ statement }) => statement)).toContain(
        'select 10 / $1::int as quotient',
      );
    });
  });

  it('are named for at most MAX_PREPARED_TEXTS texts; further texts still run, unprepared', async () => {
    await orm.em.fork().transactional(async (em) => {
      const sums: number[] = [];
      for (let index = 0; index <= MAX_PREPARED_TEXTS; index += 1) {
        const [row] = await query<{ sum: number }>(em, `select ?::int + ${index} as sum`, [1], {
          prepared: true,
        });
        sums.push(row?.sum as number);
      }
      expect(sums).toEqual(Array.from({ length: MAX_PREPARED_TEXTS + 1 }, (_, index) => index + 1));
      const named = (await preparedOn(em)).filter(({ statement }) => statement.includes('::int +'));
      // The test above named one text.
      expect(named).toHaveLength(MAX_PREPARED_TEXTS - 1);
      expect(named.some(({ statement }) => statement.includes(`+ ${MAX_PREPARED_TEXTS}`))).toBe(false);
    });
  });
});
