import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { userError } from './errors.js';

const LARGEST_DATABASE_ID = 9223372036854775807n;

/**
 * True for text that can be a row's id: a positive whole number within PostgreSQL's bigint. Only a
 * number of bigint's 19 digits is compared as a BigInt: the rows of a page name ids many times.
 */
export function isDatabaseId(id: string): boolean {
  if (/^[1-9][0-9]{0,17}$/.test(id)) return true;
  return /^[1-9][0-9]{18}$/.test(id) && BigInt(id) <= LARGEST_DATABASE_ID;
}

/** Encoded ids kept per type, at most this many each: the set is emptied when it fills. */
const KEPT_GLOBAL_IDS = 20_000;
const keptGlobalIds = new Map<string, Map<string, string>>();

/**
 * The global id of a row, as the relay plugin encodes it. A page names the same few campaigns,
 * leads and lists on every row, and base64 of a new string each time is a large part of its cost:
 * ids encoded lately are kept.
 */
export function globalId(typename: string, id: string): string {
  let kept = keptGlobalIds.get(typename);
  if (!kept) {
    kept = new Map();
    keptGlobalIds.set(typename, kept);
  }
  let encoded = kept.get(id);
  if (encoded === undefined) {
    if (kept.size >= KEPT_GLOBAL_IDS) kept.clear();
    encoded = encodeGlobalID(typename, id);
    kept.set(id, encoded);
  }
  return encoded;
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
