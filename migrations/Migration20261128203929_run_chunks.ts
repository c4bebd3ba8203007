import { Migration } from '@mikro-orm/migrations';

export class Migration20261128203929_run_chunks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "run_chunk" ("run_id" bigint not null, "seq" int not null, "lead_ids" jsonb not null, "completed_at" timestamptz null, constraint "run_chunk_pkey" primary key ("run_id", "seq"));`);

    this.addSql(`alter table "run_chunk" add constraint "run_chunk_run_id_foreign" foreign key ("run_id") references "campaign_run" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "run_chunk" cascade;`);
  }

}
