import { Migration } from '@mikro-orm/migrations';

/**
 * Activity ids increase in commit order (semantics A2). Before any row of an INSERT or COPY into
 * "activity" draws an id, the statement takes a transaction-scoped advisory lock, so one transaction
 * at a time draws ids and it keeps the lock until its rows are visible. The lock key is arbitrary but
 * fixed; nothing else in the application uses it.
 */
export class Migration20261128194005_activity_commit_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function activity_commit_order_lock() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7245001);
  return null;
end
$$;`);
    this.addSql(`create trigger activity_commit_order before insert on "activity"
for each statement execute function activity_commit_order_lock();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger activity_commit_order on "activity";');
    this.addSql('drop function activity_commit_order_lock();');
  }
}
