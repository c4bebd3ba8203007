import pg from 'pg';
import { vi } from 'vitest';

/** Statements sent to PostgreSQL, by any client of the pool (ORM and raw SQL alike), while `work` runs. */
export async function countingStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const sent = vi.spyOn(pg.Client.prototype, 'query');
  try {
    const result = await work();
    return { result, statements: sent.mock.calls.length };
  } finally {
    sent.mockRestore();
  }
}
