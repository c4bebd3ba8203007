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
  if (prepared && params.some(Array.isArray)) {
    throw new Error(
      'a prepared statement takes no array parameter: knex would spell the text out per length',
    );
  }
  const statement = prepared ? preparedStatement(sql, prepared) : undefined;
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (statement && !transaction) return runPrepared<Row>(em.getKnex(), statement, params);
  const raw = em.getKnex().raw(sql, params as Knex.RawBinding[]);
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

interface PreparedStatement {
  name: string;
  /** The text with PostgreSQL's numbered parameters in place of knex's `?`. */
  text: string;
  parameters: number;
}

const preparedStatements = new Map<string, PreparedStatement>();
let shapedTexts = 0;

/** How a prepared text goes on every connection; none for a shape past the cap. */
function preparedStatement(sql: string, preparation: Preparation): PreparedStatement | undefined {
  const known = preparedStatements.get(sql);
  if (known !== undefined) return known;
  if (preparation === 'per-shape') {
    if (shapedTexts === MAX_SHAPED_TEXTS) return undefined;
    shapedTexts += 1;
  }
  let parameters = 0;
  // As knex reads a raw text: `\?` is a question mark, `??` an identifier (which no prepared text
  // may hold: it would be spelled into the text), `?` a parameter.
  const text = sql.replace(/\\\?|\?\??/g, (found) => {
    if (found === '\\?') return '?';
    if (found === '??') throw new Error('a prepared statement names no identifier by ??');
    parameters += 1;
    return `$${parameters}`;
  });
  const statement = { name: `campaign_engine_${preparedStatements.size + 1}`, text, parameters };
  preparedStatements.set(sql, statement);
  return statement;
}

interface PooledClient {
  acquireConnection(): Promise<pg.ClientBase>;
  releaseConnection(connection: pg.ClientBase): Promise<void>;
}

/**
 * Runs a prepared statement outside any transaction on a connection of knex's pool, without knex's
 * query building: a hot read's text is known, so only its values travel. Checks the values as
 * knex would: as many as the text's parameters, none undefined.
 */
async function runPrepared<Row>(
  knex: Knex,
  { name, text, parameters }: PreparedStatement,
  values: unknown[],
): Promise<Row[]> {
  if (values.length !== parameters) {
    throw new Error(`Expected ${parameters} bindings, saw ${values.length}`);
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
