import { DriverException } from '@mikro-orm/core';
import pg from 'pg';

/** What may be shown of a database error: its kind, SQLSTATE, constraint and table. */
export interface DatabaseErrorSummary {
  name: string;
  code: string | undefined;
  constraint: string | undefined;
  table: string | undefined;
}

/**
 * The safe part of a database error, whether the ORM raised it or a statement of `src/db/sql` did
 * (pg's own error); null for any other error. Their messages carry the statement and its
 * parameters, or the value that did not fit (emails, field values, key hashes): never shown.
 */
export function databaseErrorSummary(error: unknown): DatabaseErrorSummary | null {
  if (!(error instanceof DriverException) && !(error instanceof pg.DatabaseError)) return null;
  const { code, constraint, table } = error as { code?: string; constraint?: string; table?: string };
  const name = error instanceof DriverException ? error.name : 'DatabaseError';
  return { name, code, constraint, table };
}

/** What is logged of an unexpected error: a database error only by its summary. */
export function loggable(error: unknown): unknown {
  return databaseErrorSummary(error) ?? error;
}
