import { Migration } from '@mikro-orm/migrations';

export class Migration20261130212729_run_schedule extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "campaign_run" add column "schedule_id" bigint null;`);
    this.addSql(`create index "campaign_run_schedule_id_index" on "campaign_run" ("schedule_id");`);
    // The first runs are the only runs of today's recurrences that are known to be theirs.
    this.addSql(`update "campaign_run" r set "schedule_id" = s."id" from "campaign_schedule" s where s."first_run_id" = r."id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "campaign_run_schedule_id_index";`);
    this.addSql(`alter table "campaign_run" drop column "schedule_id";`);
  }

}
