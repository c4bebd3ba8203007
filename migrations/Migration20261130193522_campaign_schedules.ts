import { Migration } from '@mikro-orm/migrations';

export class Migration20261130193522_campaign_schedules extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "campaign_schedule" ("id" bigserial primary key, "workspace_id" bigint not null, "campaign_id" bigint not null, "every" text check ("every" in ('DAY', 'WEEK', 'MONTH')) not null, "interval" int not null, "weekdays_only" boolean not null, "end_at" timestamptz null, "time_zone" text not null, "anchor_at" timestamptz not null, "first_run_id" bigint not null, "tokens" jsonb not null default '[]', "next_step" int null, "next_at" timestamptz null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "campaign_schedule" add constraint "campaign_schedule_campaign_id_unique" unique ("campaign_id");`);

    this.addSql(`alter table "campaign_schedule" add constraint "campaign_schedule_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "campaign_schedule" add constraint "campaign_schedule_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`);
    this.addSql(`alter table "campaign_schedule" add constraint "campaign_schedule_first_run_id_foreign" foreign key ("first_run_id") references "campaign_run" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "campaign_schedule" cascade;`);
  }

}
