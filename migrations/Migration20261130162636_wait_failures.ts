import { Migration } from '@mikro-orm/migrations';

export class Migration20261130162636_wait_failures extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "flow_wait" drop constraint if exists "flow_wait_status_check";`);

    this.addSql(`alter table "flow_wait" add column "error" text null;`);
    this.addSql(`alter table "flow_wait" add constraint "flow_wait_status_check" check("status" in ('PENDING', 'RESUMED', 'CANCELLED', 'FAILED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "flow_wait" drop constraint if exists "flow_wait_status_check";`);

    this.addSql(`alter table "flow_wait" drop column "error";`);

    this.addSql(`alter table "flow_wait" add constraint "flow_wait_status_check" check("status" in ('PENDING', 'RESUMED', 'CANCELLED'));`);
  }

}
