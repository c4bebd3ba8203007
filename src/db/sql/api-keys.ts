import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';

/** The key a secret hash belongs to, as authentication needs it. */
export interface AuthenticatedKey {
  id: string;
  workspaceId: string;
}

/**
 * The unrevoked key with this secret hash, or null; and notes its use. `last_used_at` is written
 * at most once a minute per key, and never by a request that would wait for the key's row (another
 * request touching it, a revocation): most requests only read, and none queue behind another.
 */
export async function authenticateApiKey(
  em: EntityManager,
  secretHash: string,
): Promise<AuthenticatedKey | null> {
  const [row] = await query<{ id: string; workspace_id: string }>(
    em,
    `with found as (
       select id, workspace_id from api_key where secret_hash = ? and revoked_at is null
     ), touched as (
       update api_key set last_used_at = now()
       where id = (select id from api_key
                   where id = (select id from found)
                     and (last_used_at is null or last_used_at < now() - interval '1 minute')
                   for update skip locked)
     )
     select id::text, workspace_id::text from found`,
    [secretHash],
  );
  return row ? { id: row.id, workspaceId: row.workspace_id } : null;
}

/** Those of `keyIds` that still authenticate: they exist and are not revoked. */
export async function unrevokedApiKeyIds(em: EntityManager, keyIds: readonly string[]): Promise<Set<string>> {
  if (keyIds.length === 0) return new Set();
  const rows = await query<{ id: string }>(
    em,
    `select id::text from api_key
     where id in (select jsonb_array_elements_text(?::jsonb)::bigint) and revoked_at is null`,
    [JSON.stringify(keyIds)],
  );
  return new Set(rows.map((row) => row.id));
}
