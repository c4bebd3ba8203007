import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Announcer } from '../commands/announcer.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import type { ActivityStreams } from '../streaming/activity-hub.js';

/** Who is asking: the admin key may do everything, a workspace key sees only its workspace. */
export type Viewer = { kind: 'admin' } | { kind: 'workspace'; workspaceId: string; apiKeyId: string };

/** Created once per HTTP request or per subscription; `em` is a fork owned by that operation. */
export interface GraphQLContext {
  em: EntityManager;
  viewer: Viewer | null;
  /**
   * The key the request authenticated with, as sent; null without one. The database holds at most
   * its hash, so what is sealed under it (semantics R7) only its holder can open.
   */
  presentedKey: string | null;
  log: Logger;
  /** What commands announce their committed changes through. */
  announcer: Announcer;
  /** Webhook targets the operator allows beyond public addresses (WEBHOOK_ALLOWED_HOSTS). */
  allowedWebhookTargets: AllowedTargets;
  /** Live activity and run streams (subscriptions). */
  streams: ActivityStreams;
  /** The request's Idempotency-Key header (semantics R7); null without one, and over WebSocket. */
  idempotencyKeyHeader: string | null;
}

/** Whether the viewer may see objects of the workspace. */
export function canSeeWorkspace(viewer: Viewer | null, workspaceId: string): boolean {
  if (!viewer) return false;
  return viewer.kind === 'admin' || viewer.workspaceId === workspaceId;
}
