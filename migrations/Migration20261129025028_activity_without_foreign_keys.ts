import { Migration } from '@mikro-orm/migrations';

export class Migration20261129025028_activity_without_foreign_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "activity" drop constraint "activity_workspace_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_lead_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_campaign_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_run_id_foreign";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activity" add constraint "activity_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_run_id_foreign" foreign key ("run_id") references "campaign_run" ("id") on update cascade on delete set null;`);
  }

}
