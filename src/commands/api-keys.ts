import { ApiKey } from '../db/entities/api-key.entity.js';
import type { CommandContext } from './context.js';

/**
 * Revokes the key: from the commit on it authenticates nothing, and every server ends the streams
 * and WebSocket connections it holds open. Revoking a revoked key changes nothing (its `revokedAt`
 * stays the first one) but is announced again, which ends anything a lost announcement left open.
 */
export async function revokeApiKey(ctx: CommandContext, apiKey: ApiKey): Promise<ApiKey> {
  await ctx.em.nativeUpdate(ApiKey, { id: apiKey.id, revokedAt: null }, { revokedAt: new Date() });
  await ctx.em.refresh(apiKey);
  await ctx.announcer.apiKeyRevoked({ id: apiKey.id, workspaceId: apiKey.workspace.id });
  return apiKey;
}
