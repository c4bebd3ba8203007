import { Migration } from '@mikro-orm/migrations';

/**
 * Built concurrently: activity is the largest table, and a plain build would block its writes
 * until done. Postgres builds concurrently only outside a transaction, hence no transaction here
 * (nor a master one: the config runs each migration on its own). A failed concurrent build leaves
 * an invalid index, which `if not exists` would keep: drop it before migrating again.
 */
export class Migration20261130194752_activity_history_index extends Migration {

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    this.addSql(`create index concurrently if not exists "activity_lead_type_occurred_at_index" on "activity" ("lead_id", "type", "occurred_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index concurrently if exists "activity_lead_type_occurred_at_index";`);
  }

}
