import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { hashSecret, sameHash } from '../db/api-keys.js';
import { authenticateApiKey } from '../db/sql/api-keys.js';
import type { Viewer } from '../schema/context.js';
import { userError } from '../schema/errors.js';
import { createKeyCache, type KeyCache } from './key-cache.js';

/** What a client sent to prove who it is: a key, or nothing. */
export type Credential = { key: string } | null;

/** Turns a credential into a viewer. */
export interface Authenticator {
  /**
   * `null` when no key was sent; throws UNAUTHENTICATED when the key is not one, or is revoked.
   * A workspace key found valid is trusted for KEY_CACHE_MS without another lookup; its use is
   * noted (its `lastUsedAt`) by the lookups only.
   */
  viewerFor(em: EntityManager, credential: Credential): Promise<Viewer | null>;
  /** Stops trusting the key without a lookup: its revocation committed here or was announced. */
  forget(apiKeyId: string): void;
}

const EXPECTED_HEADER = 'Send the API key as "Authorization: Bearer <key>"';

const invalidKey = () => userError('UNAUTHENTICATED', 'The API key is not valid');

/** The scheme and the key: the key is one token, no spaces, no commas (nor is any key made with them). */
const BEARER = /^bearer +([^\s,]+) *$/i;
const BARE_KEY = /^ *([^\s,]+) *$/;

/**
 * Every Authorization header of an HTTP request, each as sent. Node keeps only the first of
 * repeated Authorization headers in `req.headers`, so they are read from `headersDistinct`; a
 * request without Node's own (a `yoga.fetch`) has only the Fetch API's, which joins them with
 * commas.
 */
export function authorizationHeaders(req: IncomingMessage | undefined, request: Request): string[] {
  if (req) return req.headersDistinct.authorization ?? [];
  const joined = request.headers.get('authorization');
  return joined === null ? [] : [joined];
}

/**
 * The key of an HTTP request, from its Authorization headers: exactly one, `Bearer <key>`. No
 * header (or an empty one) is no key; a key sent twice (two headers, or two values joined by a
 * comma) is refused rather than one of them chosen, and so is a bare key or another scheme.
 */
export function credentialFromHeaders(values: readonly string[]): Credential {
  const sent = values.filter((value) => value.trim() !== '');
  if (sent.length === 0) return null;
  if (sent.length > 1 || sent[0]?.includes(',')) {
    throw userError('UNAUTHENTICATED', 'Send the API key once, in one "Authorization: Bearer <key>" header');
  }
  const key = BEARER.exec(sent[0] ?? '')?.[1];
  if (!key) throw userError('UNAUTHENTICATED', EXPECTED_HEADER);
  return { key };
}

/** The spellings of `authorization` among connectionParams' keys whose values were sent. */
function authorizationParams(params: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(params).filter((name) => {
    const value = params[name];
    return name.toLowerCase() === 'authorization' && value !== undefined && value !== null && value !== '';
  });
}

/**
 * The key of a WebSocket connection, from connectionParams' `authorization`, its name in any case
 * (`Authorization`, as HTTP and GraphiQL's Headers tab spell it, too): `Bearer <key>` or the bare
 * key. Absent or empty is no key; two spellings sent at once are refused as the key sent twice rather
 * than one of them chosen; anything else is refused.
 */
export function credentialFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): Credential {
  const names = authorizationParams(params ?? {});
  if (names.length === 0) return null;
  if (names.length > 1) {
    throw userError('UNAUTHENTICATED', `The API key was sent twice (${names.join(', ')}): send it once`);
  }
  const value = params?.[names[0] as string];
  if (typeof value !== 'string') throw invalidKey();
  const key = (BEARER.exec(value) ?? BARE_KEY.exec(value))?.[1];
  if (!key) throw invalidKey();
  return { key };
}

export function createAuthenticator(adminKeyHash: string, keys: KeyCache = createKeyCache()): Authenticator {
  return {
    async viewerFor(em, credential) {
      if (!credential) return null;
      const secretHash = hashSecret(credential.key);
      if (sameHash(secretHash, adminKeyHash)) return { kind: 'admin' };
      const apiKey = await keys.authenticate(secretHash, () => authenticateApiKey(em, secretHash));
      if (!apiKey) throw invalidKey();
      return { kind: 'workspace', workspaceId: apiKey.workspaceId, apiKeyId: apiKey.id };
    },
    forget: (apiKeyId) => keys.forget(apiKeyId),
  };
}

/**
 * Whether an HTTP request's Authorization header holds a valid key (its use noted, as a request's
 * is). A valid key is then trusted, so that the request itself does not look it up again. Rejects
 * only when the key could not be looked up.
 */
export async function hasValidKey(
  authenticator: Authenticator,
  em: EntityManager,
  request: IncomingMessage,
): Promise<boolean> {
  try {
    const credential = credentialFromHeaders(request.headersDistinct.authorization ?? []);
    return (await authenticator.viewerFor(em, credential)) !== null;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return false;
    throw error;
  }
}
