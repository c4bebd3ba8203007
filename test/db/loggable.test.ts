import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggable } from '../../src/db/loggable.js';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { query } from '../../src/db/sql/query.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.url);
});
afterAll(async () => {
  await orm.close();
  await database.drop();
});

/** The error a statement fails with. */
async function failureOf(statement: Promise<unknown>): Promise<unknown> {
  return statement.then(
    () => expect.fail('the statement succeeded'),
    (error: unknown) => error,
  );
}

describe('loggable', () => {
  it('keeps only the kind and SQLSTATE of a failing statement of src/db/sql, not the values', async () => {
    const error = await failureOf(query(orm.em.fork(), 'select ?::bigint', ['secret@example.com']));
    expect(String((error as Error).message)).toContain('secret@example.com');
    const logged = loggable(error);
    expect(logged).toEqual({ name: 'DatabaseError', code: '22P02', constraint: undefined, table: undefined });
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it('keeps only the kind and SQLSTATE of a failing ORM statement', async () => {
    const error = await failureOf(
      orm.em.fork().getConnection().execute('select ?::bigint', ['secret-value']),
    );
    expect(JSON.stringify(loggable(error))).not.toContain('secret');
    expect(loggable(error)).toMatchObject({ code: '22P02' });
  });

  it('leaves other errors as they are', () => {
    const error = new TypeError('not a database error');
    expect(loggable(error)).toBe(error);
  });
});
