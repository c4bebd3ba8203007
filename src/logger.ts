import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import { databaseErrorSummary } from './db/loggable.js';

export type { Logger };

/** The database error an error is or was caused by (a GraphQL error wraps its original). */
function databaseCause(error: unknown, depth = 0): ReturnType<typeof databaseErrorSummary> {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const found = databaseErrorSummary(error);
  if (found) return found;
  const { cause, originalError } = error as { cause?: unknown; originalError?: unknown };
  return databaseCause(originalError, depth + 1) ?? databaseCause(cause, depth + 1);
}

/**
 * An error as a log line may carry it: one that is or wraps a database error is logged by the
 * database error's kind and SQLSTATE only, since its message and fields hold the statement's
 * values (emails, field values, key hashes).
 */
function safeErrorFields(error: unknown): unknown {
  const database = databaseCause(error);
  if (database) return { type: (error as Error).name ?? 'Error', database };
  return error instanceof Error ? pino.stdSerializers.err(error) : error;
}

/** Redacted wherever they might appear in a logged object. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'connectionParams.*',
  '*.password',
  '*.secret',
  '*.secretHash',
  '*.secret_hash',
  'params',
  'parameters',
  'sql',
  '*.params',
  '*.parameters',
  '*.sql',
];

/**
 * JSON logs on stdout (or `destination`). Credentials are redacted wherever they might appear, and
 * errors are serialized without the values of a failing statement.
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: safeErrorFields, error: safeErrorFields },
    },
    destination,
  );
}
