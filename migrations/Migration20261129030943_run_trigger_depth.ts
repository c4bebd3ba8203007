import { Migration } from '@mikro-orm/migrations';

export class Migration20261129030943_run_trigger_depth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "campaign_run" add column "trigger_depth" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "campaign_run" drop column "trigger_depth";`);
  }

}
