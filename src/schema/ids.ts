import { decodeGlobalID } from '@pothos/plugin-relay';
import { userError } from './errors.js';

const LARGEST_DATABASE_ID = 9223372036854775807n;

/** True for text that can be a row's id: a positive whole number within PostgreSQL's bigint. */
export function isDatabaseId(id: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(id) && BigInt(id) <= LARGEST_DATABASE_ID;
}

/**
 * The database id inside a global id of the given type(s). NOT_FOUND when the id is malformed or of
 * another type: for the client, that object does not exist.
 */
export function databaseId(globalId: string, typename: string): string {
  return decodeOwnerId(globalId, [typename]).id;
}

/** Decodes a global id that may name one of several types (an owner that is a folder or a program). */
export function decodeOwnerId<T extends string>(
  globalId: string,
  typenames: readonly T[],
): { typename: T; id: string } {
  try {
    const decoded = decodeGlobalID(globalId);
    if (typenames.includes(decoded.typename as T) && isDatabaseId(decoded.id)) {
      return { typename: decoded.typename as T, id: decoded.id };
    }
  } catch {
    // Falls through to the same answer as an unknown id.
  }
  throw userError('NOT_FOUND', `No ${typenames.join(' or ')} with id ${globalId}`);
}
