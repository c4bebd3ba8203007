import { Migration } from '@mikro-orm/migrations';

export class Migration20261128193956_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "workspace" ("id" bigserial primary key, "name" text not null, "created_at" timestamptz not null);`);

    this.addSql(`create table "static_list" ("id" bigserial primary key, "workspace_id" bigint not null, "name" text not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "static_list_workspace_id_index" on "static_list" ("workspace_id");`);

    this.addSql(`create table "smart_list" ("id" bigserial primary key, "workspace_id" bigint not null, "name" text not null, "definition" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null);`);
    this.addSql(`create index "smart_list_workspace_id_index" on "smart_list" ("workspace_id");`);

    this.addSql(`create table "lead_field" ("id" bigserial primary key, "workspace_id" bigint not null, "name" text not null, "type" text check ("type" in ('STRING', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DATETIME', 'SCORE')) not null, "created_at" timestamptz not null);`);
    this.addSql(`create unique index "lead_field_workspace_name_unique" on "lead_field" ("workspace_id", lower("name"));`);

    this.addSql(`create table "lead" ("id" bigserial primary key, "workspace_id" bigint not null, "email" text not null, "fields" jsonb not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "lead_workspace_id_index" on "lead" ("workspace_id", "id");`);
    this.addSql(`create unique index "lead_workspace_email_unique" on "lead" ("workspace_id", lower("email"));`);

    this.addSql(`create table "static_list_member" ("list_id" bigint not null, "lead_id" bigint not null, "added_at" timestamptz not null, constraint "static_list_member_pkey" primary key ("list_id", "lead_id"));`);
    this.addSql(`create index "static_list_member_lead_id_index" on "static_list_member" ("lead_id");`);

    this.addSql(`create table "folder" ("id" bigserial primary key, "workspace_id" bigint not null, "parent_id" bigint null, "name" text not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "folder_workspace_id_index" on "folder" ("workspace_id");`);
    this.addSql(`create index "folder_parent_id_index" on "folder" ("parent_id");`);

    this.addSql(`create table "program" ("id" bigserial primary key, "workspace_id" bigint not null, "folder_id" bigint null, "name" text not null, "statuses" text[] not null default '{}', "created_at" timestamptz not null);`);
    this.addSql(`create index "program_workspace_id_index" on "program" ("workspace_id");`);
    this.addSql(`create index "program_folder_id_index" on "program" ("folder_id");`);

    this.addSql(`create table "program_member" ("program_id" bigint not null, "lead_id" bigint not null, "status" text not null, "updated_at" timestamptz not null, constraint "program_member_pkey" primary key ("program_id", "lead_id"));`);
    this.addSql(`create index "program_member_lead_id_index" on "program_member" ("lead_id");`);

    this.addSql(`create table "my_token" ("id" bigserial primary key, "workspace_id" bigint not null, "folder_id" bigint null, "program_id" bigint null, "name" varchar(53) not null, "type" text check ("type" in ('TEXT', 'NUMBER', 'SCORE', 'DATE')) not null, "value" text not null, constraint my_token_one_owner check ((folder_id is null) <> (program_id is null)));`);
    this.addSql(`create index "my_token_workspace_id_index" on "my_token" ("workspace_id");`);
    this.addSql(`alter table "my_token" add constraint "my_token_folder_name_unique" unique ("folder_id", "name");`);
    this.addSql(`alter table "my_token" add constraint "my_token_program_name_unique" unique ("program_id", "name");`);

    this.addSql(`create table "campaign" ("id" bigserial primary key, "workspace_id" bigint not null, "program_id" bigint not null, "name" text not null, "description" text null, "is_executable" boolean not null default false, "status" text check ("status" in ('INACTIVE', 'ACTIVE')) not null default 'INACTIVE', "smart_list" jsonb not null, "flow" jsonb not null, "qualification_rule" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null);`);
    this.addSql(`create index "campaign_program_id_index" on "campaign" ("program_id");`);
    this.addSql(`create index "campaign_workspace_id_index" on "campaign" ("workspace_id", "id");`);

    this.addSql(`create table "lead_campaign_history" ("lead_id" bigint not null, "campaign_id" bigint not null, "run_count" int not null, "first_run_at" timestamptz not null, "last_run_at" timestamptz not null, constraint "lead_campaign_history_pkey" primary key ("lead_id", "campaign_id"));`);
    this.addSql(`create index "lead_campaign_history_campaign_id_index" on "lead_campaign_history" ("campaign_id");`);

    this.addSql(`create table "campaign_run" ("id" bigserial primary key, "workspace_id" bigint not null, "campaign_id" bigint not null, "kind" text check ("kind" in ('BATCH', 'REQUESTED', 'TRIGGERED')) not null, "status" text check ("status" in ('SCHEDULED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')) not null, "scheduled_for" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, "leads_total" int null, "leads_processed" int not null default 0, "leads_qualified" int not null default 0, "tokens" jsonb not null default '[]', "lead_ids" jsonb null, "trigger" jsonb null, "error" text null, "created_at" timestamptz not null);`);
    this.addSql(`create index "campaign_run_campaign_id_index" on "campaign_run" ("campaign_id", "id");`);
    this.addSql(`create index "campaign_run_workspace_id_index" on "campaign_run" ("workspace_id", "id");`);

    this.addSql(`create table "flow_wait" ("id" bigserial primary key, "workspace_id" bigint not null, "run_id" bigint not null, "campaign_id" bigint not null, "lead_id" bigint not null, "resume_step" int not null, "resume_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'RESUMED', 'CANCELLED')) not null default 'PENDING', "created_at" timestamptz not null);`);
    this.addSql(`create index "flow_wait_run_id_index" on "flow_wait" ("run_id");`);
    this.addSql(`create index "flow_wait_lead_campaign_index" on "flow_wait" ("lead_id", "campaign_id");`);
    this.addSql(`create index "flow_wait_resume_at_index" on "flow_wait" ("resume_at");`);

    this.addSql(`create table "api_key" ("id" bigserial primary key, "workspace_id" bigint not null, "name" text not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "api_key_workspace_id_index" on "api_key" ("workspace_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "activity" ("id" bigserial primary key, "workspace_id" bigint not null, "lead_id" bigint not null, "campaign_id" bigint null, "run_id" bigint null, "type" text check ("type" in ('EXECUTE_CAMPAIGN', 'CHANGE_SCORE', 'CHANGE_DATA_VALUE', 'REQUEST_CAMPAIGN', 'CAMPAIGN_IS_REQUESTED', 'REMOVE_FROM_FLOW', 'ADD_TO_LIST', 'REMOVE_FROM_LIST', 'CHANGE_PROGRAM_STATUS', 'WAIT', 'CALL_WEBHOOK', 'INTERESTING_MOMENT', 'NEW_LEAD')) not null, "occurred_at" timestamptz not null, "primary_attribute_value" text null, "attributes" jsonb not null default '{}');`);
    this.addSql(`create index "activity_workspace_id_index" on "activity" ("workspace_id", "id");`);
    this.addSql(`create index "activity_lead_id_index" on "activity" ("lead_id", "id");`);
    this.addSql(`create index "activity_campaign_id_index" on "activity" ("campaign_id", "id");`);
    this.addSql(`create index "activity_run_id_index" on "activity" ("run_id", "id");`);

    this.addSql(`alter table "static_list" add constraint "static_list_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);

    this.addSql(`alter table "smart_list" add constraint "smart_list_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);

    this.addSql(`alter table "lead_field" add constraint "lead_field_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);

    this.addSql(`alter table "lead" add constraint "lead_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);

    this.addSql(`alter table "static_list_member" add constraint "static_list_member_list_id_foreign" foreign key ("list_id") references "static_list" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "static_list_member" add constraint "static_list_member_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "folder" add constraint "folder_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "folder" add constraint "folder_parent_id_foreign" foreign key ("parent_id") references "folder" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "program" add constraint "program_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "program" add constraint "program_folder_id_foreign" foreign key ("folder_id") references "folder" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "program_member" add constraint "program_member_program_id_foreign" foreign key ("program_id") references "program" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "program_member" add constraint "program_member_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "my_token" add constraint "my_token_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "my_token" add constraint "my_token_folder_id_foreign" foreign key ("folder_id") references "folder" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "my_token" add constraint "my_token_program_id_foreign" foreign key ("program_id") references "program" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "campaign" add constraint "campaign_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "campaign" add constraint "campaign_program_id_foreign" foreign key ("program_id") references "program" ("id") on update cascade;`);

    this.addSql(`alter table "lead_campaign_history" add constraint "lead_campaign_history_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "lead_campaign_history" add constraint "lead_campaign_history_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`);

    this.addSql(`alter table "campaign_run" add constraint "campaign_run_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "campaign_run" add constraint "campaign_run_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`);

    this.addSql(`alter table "flow_wait" add constraint "flow_wait_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "flow_wait" add constraint "flow_wait_run_id_foreign" foreign key ("run_id") references "campaign_run" ("id") on update cascade;`);
    this.addSql(`alter table "flow_wait" add constraint "flow_wait_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`);
    this.addSql(`alter table "flow_wait" add constraint "flow_wait_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);

    this.addSql(`alter table "activity" add constraint "activity_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_run_id_foreign" foreign key ("run_id") references "campaign_run" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "static_list" drop constraint "static_list_workspace_id_foreign";`);

    this.addSql(`alter table "smart_list" drop constraint "smart_list_workspace_id_foreign";`);

    this.addSql(`alter table "lead_field" drop constraint "lead_field_workspace_id_foreign";`);

    this.addSql(`alter table "lead" drop constraint "lead_workspace_id_foreign";`);

    this.addSql(`alter table "folder" drop constraint "folder_workspace_id_foreign";`);

    this.addSql(`alter table "program" drop constraint "program_workspace_id_foreign";`);

    this.addSql(`alter table "my_token" drop constraint "my_token_workspace_id_foreign";`);

    this.addSql(`alter table "campaign" drop constraint "campaign_workspace_id_foreign";`);

    this.addSql(`alter table "campaign_run" drop constraint "campaign_run_workspace_id_foreign";`);

    this.addSql(`alter table "flow_wait" drop constraint "flow_wait_workspace_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_workspace_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_workspace_id_foreign";`);

    this.addSql(`alter table "static_list_member" drop constraint "static_list_member_list_id_foreign";`);

    this.addSql(`alter table "static_list_member" drop constraint "static_list_member_lead_id_foreign";`);

    this.addSql(`alter table "program_member" drop constraint "program_member_lead_id_foreign";`);

    this.addSql(`alter table "lead_campaign_history" drop constraint "lead_campaign_history_lead_id_foreign";`);

    this.addSql(`alter table "flow_wait" drop constraint "flow_wait_lead_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_lead_id_foreign";`);

    this.addSql(`alter table "folder" drop constraint "folder_parent_id_foreign";`);

    this.addSql(`alter table "program" drop constraint "program_folder_id_foreign";`);

    this.addSql(`alter table "my_token" drop constraint "my_token_folder_id_foreign";`);

    this.addSql(`alter table "program_member" drop constraint "program_member_program_id_foreign";`);

    this.addSql(`alter table "my_token" drop constraint "my_token_program_id_foreign";`);

    this.addSql(`alter table "campaign" drop constraint "campaign_program_id_foreign";`);

    this.addSql(`alter table "lead_campaign_history" drop constraint "lead_campaign_history_campaign_id_foreign";`);

    this.addSql(`alter table "campaign_run" drop constraint "campaign_run_campaign_id_foreign";`);

    this.addSql(`alter table "flow_wait" drop constraint "flow_wait_campaign_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_campaign_id_foreign";`);

    this.addSql(`alter table "flow_wait" drop constraint "flow_wait_run_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_run_id_foreign";`);

    this.addSql(`drop table if exists "workspace" cascade;`);

    this.addSql(`drop table if exists "static_list" cascade;`);

    this.addSql(`drop table if exists "smart_list" cascade;`);

    this.addSql(`drop table if exists "lead_field" cascade;`);

    this.addSql(`drop table if exists "lead" cascade;`);

    this.addSql(`drop table if exists "static_list_member" cascade;`);

    this.addSql(`drop table if exists "folder" cascade;`);

    this.addSql(`drop table if exists "program" cascade;`);

    this.addSql(`drop table if exists "program_member" cascade;`);

    this.addSql(`drop table if exists "my_token" cascade;`);

    this.addSql(`drop table if exists "campaign" cascade;`);

    this.addSql(`drop table if exists "lead_campaign_history" cascade;`);

    this.addSql(`drop table if exists "campaign_run" cascade;`);

    this.addSql(`drop table if exists "flow_wait" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "activity" cascade;`);
  }

}
