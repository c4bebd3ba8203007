import { Migration } from '@mikro-orm/migrations';

export class Migration20261130163220_run_audience_counts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "campaign_run" add column "leads_matched" int null, add column "leads_excluded_by_rule" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "campaign_run" drop column "leads_matched", drop column "leads_excluded_by_rule";`);
  }

}
