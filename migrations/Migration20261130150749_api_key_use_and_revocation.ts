import { Migration } from '@mikro-orm/migrations';

export class Migration20261130150749_api_key_use_and_revocation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_key" add column "last_used_at" timestamptz null, add column "revoked_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_key" drop column "last_used_at", drop column "revoked_at";`);
  }

}
