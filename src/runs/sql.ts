import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs a raw statement with bound parameters in the entity manager's transaction (if any) and
 * returns its rows. Through knex, not em.getConnection().execute: that inlines every parameter
 * into the SQL text, which for a chunk's JSON (hundreds of kilobytes) costs more than the
 * statement itself. Arrays are passed as JSON: knex would expand them into lists.
 */
export async function runSql<Row = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<Row[]> {
  const query = em.getKnex().raw(sql, params as Knex.RawBinding[]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const result: { rows: Row[] } = await (transaction ? query.transacting(transaction) : query);
  return result.rows;
}
