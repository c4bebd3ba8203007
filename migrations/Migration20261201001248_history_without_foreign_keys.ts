import { Migration } from '@mikro-orm/migrations';

export class Migration20261201001248_history_without_foreign_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "lead_campaign_history" drop constraint "lead_campaign_history_lead_id_foreign";`);
    this.addSql(`alter table "lead_campaign_history" drop constraint "lead_campaign_history_campaign_id_foreign";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "lead_campaign_history" add constraint "lead_campaign_history_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "lead_campaign_history" add constraint "lead_campaign_history_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`);
  }

}
