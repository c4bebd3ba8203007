import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

/** The database id inside a Relay global id, as the API hands them out. */
export function databaseIdOf(globalId: string): string {
  return decodeGlobalID(globalId).id;
}

/** The Relay global id the API gives the row `databaseId` of type `typename`. */
export function globalIdOf(typename: string, databaseId: string): string {
  return encodeGlobalID(typename, databaseId);
}
