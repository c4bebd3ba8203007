import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs one statement with bound parameters in the entity manager's transaction (if any) and returns
 * its rows. The only way SQL text reaches the database outside the ORM: every statement of the
 * project lives in a module of this folder and goes through here.
 *
 * Through knex, not `em.getConnection().execute`: that inlines every parameter into the SQL text,
 * which for a chunk's JSON costs more than the statement itself, and puts the values into any
 * error message. Arrays are passed as JSON: knex would expand them into lists.
 *
 * `prepared`, for the statements the API runs on most requests: see Preparation.
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
  const raw = em.getKnex().raw(sql, params as Knex.RawBinding[]);
  const name = prepared ? preparedName(sql, prepared) : undefined;
  const statement = name === undefined ? raw : raw.options({ name });
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const result: { rows: Row[] } = await (transaction ? statement.transacting(transaction) : statement);
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
const preparedNames = new Map<string, string>();
let shapedTexts = 0;

/** The name a prepared text goes by on every connection; none for a shape past the cap. */
function preparedName(sql: string, preparation: Preparation): string | undefined {
  const named = preparedNames.get(sql);
  if (named !== undefined) return named;
  if (preparation === 'per-shape') {
    if (shapedTexts === MAX_SHAPED_TEXTS) return undefined;
    shapedTexts += 1;
  }
  const name = `campaign_engine_${preparedNames.size + 1}`;
  preparedNames.set(sql, name);
  return name;
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
