import { DriverException } from '@mikro-orm/core';

/**
 * What is logged of an unexpected error. A database error's message carries the statement and its
 * parameters (emails, field values, key hashes): only its kind, SQLSTATE, constraint and table are
 * kept.
 */
export function loggable(error: unknown): unknown {
  if (error instanceof DriverException) {
    const { name, code, constraint, table } = error as DriverException & {
      constraint?: string;
      table?: string;
    };
    return { name, code, constraint, table };
  }
  return error;
}
