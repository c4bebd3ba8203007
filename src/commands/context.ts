import type { EntityManager } from '@mikro-orm/postgresql';
import type { Announcer } from './announcer.js';

/** What a command runs with: the operation's own entity manager and where it announces. */
export interface CommandContext {
  em: EntityManager;
  announcer: Announcer;
}
