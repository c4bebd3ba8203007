import type { EntityManager } from '@mikro-orm/postgresql';
import type { AllowedTargets } from '../domain/network-targets.js';
import type { Announcer } from './announcer.js';

/**
 * What a command runs with: the operation's own entity manager, where it announces, and the
 * webhook targets the operator allows beyond public addresses.
 */
export interface CommandContext {
  em: EntityManager;
  announcer: Announcer;
  allowedWebhookTargets: AllowedTargets;
}
