import { Migration } from '@mikro-orm/migrations';

export class Migration20261128211342_job_workers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "job_worker" ("worker_id" varchar(255) not null, "heartbeat_at" timestamptz not null, constraint "job_worker_pkey" primary key ("worker_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_worker" cascade;`);
  }

}
