import { Migration } from '@mikro-orm/migrations';

export class Migration20261130170214_run_lead_triggers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "campaign_run" add column "lead_triggers" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "campaign_run" drop column "lead_triggers";`);
  }

}
