import { Migration } from '@mikro-orm/migrations';

export class Migration20261130200342_run_result_counts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "run_result_count" ("run_id" bigint not null, "campaign_id" bigint not null, "kind" text check ("kind" in ('REACHED', 'BRANCH', 'QUALIFIED', 'NOT_QUALIFIED', 'ACTIVITY')) not null, "position" int not null, "key" text not null, "count" int not null, constraint "run_result_count_pkey" primary key ("run_id", "campaign_id", "kind", "position", "key"));`);
    this.addSql(`create index "run_result_count_campaign_id_index" on "run_result_count" ("campaign_id", "run_id");`);

    this.addSql(`alter table "run_result_count" add constraint "run_result_count_run_id_foreign" foreign key ("run_id") references "campaign_run" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "run_result_count" cascade;`);
  }

}
