import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './mikro-orm.config.js';

export type Orm = MikroORM;

/** Connects the ORM to a database. Importing this module does no work. */
export function initOrm(databaseUrl: string, options?: { writeSnapshot?: boolean }): Promise<Orm> {
  return MikroORM.init(ormConfig(databaseUrl, options));
}
