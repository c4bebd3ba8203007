import { Migration } from '@mikro-orm/migrations';

export class Migration20261130194752_activity_history_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "activity_lead_type_occurred_at_index" on "activity" ("lead_id", "type", "occurred_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "activity_lead_type_occurred_at_index";`);
  }

}
