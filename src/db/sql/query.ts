import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';

/**
 * Runs one statement with bound parameters in the entity manager's transaction (if any) and returns
 * its rows. The only way SQL text reaches the database outside the ORM: every statement of the
 * project lives in a module of this folder and goes through here.
 *
 * Through knex, not `em.getConnection().execute`: that inlines every parameter into the SQL text,
 * which for a chunk's JSON costs more than the statement itself, and puts the values into any
 * error message. Arrays are passed as JSON: knex would expand them into lists.
 *
 * `prepared`, for the statements the API runs on most requests: see Preparation. Outside a
 * transaction those go to a connection of knex's pool as they are (runPrepared).
 */
export async function query<Row = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
  { prepared }: { prepared?: Preparation } = {},
): Promise<Row[]> {
  ranStatements.add(em);
  if (prepared && !params.every(isPlainValue)) {
    throw new Error(
      'a prepared statement takes only plain values (no array, object or SQL): knex would spell them into its text',
    );
  }
  const knex = em.getKnex();
  const statement = prepared ? preparedStatement(knex, sql, params, prepared) : undefined;
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (statement && !transaction) return runPrepared<Row>(knex, statement, params);
  const raw = knex.raw(sql, params as Knex.RawBinding[]);
  const named = statement ? raw.options({ name: statement.name }) : raw;
  const result: { rows: Row[] } = await (transaction ? named.transacting(transaction) : named);
  return result.rows;
}

/**
 * A statement run as a named prepared statement: each connection parses it once, and PostgreSQL
 * plans it once when one plan suits every run (else per run, as unnamed ones are). `fixed`: a text
 * the code spells out (or one of a few it chooses between), always. `per-shape`: a text built from
 * what a request asks for (a filter's conditions), while fewer than MAX_SHAPED_TEXTS are: each
 * connection keeps every text it prepared for its life, so clients cycling through shapes must
 * not make one per shape. Past the cap, a new shape runs unprepared.
 */
export type Preparation = 'fixed' | 'per-shape';

export const MAX_SHAPED_TEXTS = 64;

/** A value knex binds as it is: text, a number, a boolean, null or a date (undefined is refused as it is bound). */
const isPlainValue = (value: unknown) =>
  value === null || value instanceof Date || (typeof value !== 'object' && typeof value !== 'function');

interface PreparedStatement {
  name: string;
  /** The text as knex sends it to PostgreSQL, its `?` numbered ($1, $2...). */
  text: string;
  parameters: number;
}

const preparedStatements = new Map<string, PreparedStatement>();
let shapedTexts = 0;

/**
 * How a prepared text goes on every connection; none for a shape past the cap. Its text is the one
 * knex sends for it in a transaction, numbered by knex itself: a connection that prepares a name
 * once in a transaction and once outside must be sent the same text both times.
 */
function preparedStatement(
  knex: Knex,
  sql: string,
  params: unknown[],
  preparation: Preparation,
): PreparedStatement | undefined {
  const known = preparedStatements.get(sql);
  if (known !== undefined) return known;
  // knex spells the value of a `??` into the text, which would then differ from run to run.
  if (sql.match(/\\?\?\??/g)?.includes('??')) {
    throw new Error('a prepared statement names no identifier by ??');
  }
  const shaped = preparation === 'per-shape';
  if (shaped && shapedTexts === MAX_SHAPED_TEXTS) return undefined;
  const { sql: text } = knex
    .raw(sql, params as Knex.RawBinding[])
    .toSQL()
    .toNative();
  if (shaped) shapedTexts += 1;
  const statement = {
    name: `campaign_engine_${preparedStatements.size + 1}`,
    text,
    parameters: params.length,
  };
  preparedStatements.set(sql, statement);
  return statement;
}

interface PooledClient {
  acquireConnection(): Promise<pg.ClientBase>;
  releaseConnection(connection: pg.ClientBase): Promise<void>;
}

/**
 * Runs a prepared statement outside any transaction on a connection of knex's pool, without knex's
 * query building: a hot read's text is known, so only its values travel, as many as the text's
 * parameters and none undefined. An error is PostgreSQL's own, without the copy of the statement
 * and its values knex puts in front.
 */
async function runPrepared<Row>(
  knex: Knex,
  { name, text, parameters }: PreparedStatement,
  values: unknown[],
): Promise<Row[]> {
  if (values.length !== parameters) {
    throw new Error(`Expected ${values.length} bindings, saw ${parameters}`);
  }
  if (values.includes(undefined)) throw new Error('Undefined binding(s) detected when compiling RAW');
  const pool = knex.client as PooledClient;
  const connection = await pool.acquireConnection();
  try {
    return (await connection.query<Row & pg.QueryResultRow>({ name, text, values })).rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}

/**
 * Entity managers that ran a statement here: what such a statement read is nowhere in their identity
 * map, so whoever keeps a context alive (a subscription) asks here whether it read anything.
 */
const ranStatements = new WeakSet<EntityManager>();

/** Whether `em` ran a statement here since the last `forgetStatements`. */
export function hasRunStatements(em: EntityManager): boolean {
  return ranStatements.has(em);
}

/** Starts `hasRunStatements` afresh for `em`, as its identity map is cleared. */
export function forgetStatements(em: EntityManager): void {
  ranStatements.delete(em);
}

/**
 * Refuses to run outside a transaction: for writes that are only atomic with what they belong to
 * (a run and its job, a wait and its job) when the caller's transaction holds them together.
 */
export function requireTransaction(em: EntityManager, what: string): void {
  if (!em.getTransactionContext()) throw new Error(`${what} must be written inside a transaction`);
}
