import { Migration } from '@mikro-orm/migrations';

export class Migration20261129030503_flow_suspensions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "flow_wait" add column "kind" text check ("kind" in ('WAIT', 'WEBHOOK')) not null default 'WAIT', add column "request" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "flow_wait" drop column "kind", drop column "request";`);
  }

}
