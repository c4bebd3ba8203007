import { DomainError } from './errors.js';

/** How long a key's first result is kept for its retries (semantics R7). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

/** The longest idempotency key accepted, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Printable ASCII, space included: what an HTTP header carries without encoding. */
const PRINTABLE = /^[\x20-\x7e]+$/;

function requireValidKey(key: string, where: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !PRINTABLE.test(key)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${where} must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`,
    );
  }
  return key;
}

/**
 * The idempotency key of one mutation field (semantics R7): the `Idempotency-Key` header or the
 * `idempotencyKey` argument, which must agree when both are given; null when neither is.
 */
export function idempotencyKeyOf(header: string | null, argument: string | null | undefined): string | null {
  const fromHeader = header === null ? null : requireValidKey(header, 'The Idempotency-Key header');
  const fromArgument =
    argument === null || argument === undefined ? null : requireValidKey(argument, 'idempotencyKey');
  if (fromHeader !== null && fromArgument !== null && fromHeader !== fromArgument) {
    throw new DomainError('BAD_USER_INPUT', 'The Idempotency-Key header and idempotencyKey differ');
  }
  return fromHeader ?? fromArgument;
}

/**
 * Two arguments in one canonical text: keys sorted, absent and null values dropped (GraphQL gives an
 * omitted nullable argument either way), dates as ISO text.
 */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== null && field !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, field]) => [name, canonical(field)]),
    );
  }
  return value;
}

/** What a retry must repeat exactly to get the first result: the mutation and its arguments. */
export function canonicalRequest(mutation: string, args: Record<string, unknown>): string {
  return JSON.stringify([mutation, canonical(args)]);
}

/** The refusal of a key used before for another mutation or other arguments. */
export function keyReusedError(): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    'This idempotency key was used in the last 24 hours for another mutation or other arguments: use a new key',
  );
}
