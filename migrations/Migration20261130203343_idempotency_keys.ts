import { Migration } from '@mikro-orm/migrations';

export class Migration20261130203343_idempotency_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_key" ("owner" varchar(255) not null, "key_hash" varchar(255) not null, "request_hash" varchar(255) not null, "result" jsonb null, "claimed_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("owner", "key_hash"));`);
    this.addSql(`create index "idempotency_key_claimed_at_index" on "idempotency_key" ("claimed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
