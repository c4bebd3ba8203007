import type { EntityManager } from '@mikro-orm/postgresql';
import { findApiKeyBySecret, sameSecret } from '../db/api-keys.js';
import type { Viewer } from '../schema/context.js';
import { userError } from '../schema/errors.js';

/** Turns a credential into a viewer. */
export interface Authenticator {
  /**
   * `null` when no credential was sent; throws UNAUTHENTICATED when one was sent and is not a key.
   * Accepts `Bearer <key>` (HTTP) or the bare key (WebSocket connectionParams).
   */
  viewerFor(em: EntityManager, credential: unknown): Promise<Viewer | null>;
}

const invalidKey = () => userError('UNAUTHENTICATED', 'The API key is not valid');

export function createAuthenticator(adminKeyHash: string): Authenticator {
  return {
    async viewerFor(em, credential) {
      if (credential === undefined || credential === null || credential === '') return null;
      if (typeof credential !== 'string') throw invalidKey();
      const key = credential.replace(/^bearer\s+/i, '').trim();
      if (!key) throw invalidKey();
      if (sameSecret(key, adminKeyHash)) return { kind: 'admin' };
      const apiKey = await findApiKeyBySecret(em, key);
      if (!apiKey) throw invalidKey();
      return { kind: 'workspace', workspaceId: apiKey.workspace.id, apiKeyId: apiKey.id };
    },
  };
}
