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
 * `prepared`: for a statement the API runs on most requests, of a text drawn from a small set of
 * shapes. Each connection then keeps it prepared, planned once rather than on every run
 * (planning the activity page cost PostgreSQL as much as running it).
 */
export async function query<Row = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
  { prepared = false }: { prepared?: boolean } = {},
): Promise<Row[]> {
  ranStatements.add(em);
  const raw = em.getKnex().raw(sql, params as Knex.RawBinding[]);
  const name = prepared ? preparedName(sql) : undefined;
  const statement = name === undefined ? raw : raw.options({ name });
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const result: { rows: Row[] } = await (transaction ? statement.transacting(transaction) : statement);
  return result.rows;
}

/**
 * The most statement texts kept prepared: each connection holds a plan for every one it ran, for its
 * life. Past this many, further texts run unprepared.
 */
export const MAX_PREPARED_TEXTS = 64;
const preparedNames = new Map<string, string>();

/** The name a prepared text goes by on every connection; none once the texts are all named. */
function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) {
    name = `campaign_engine_${preparedNames.size + 1}`;
    preparedNames.set(sql, name);
  }
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
