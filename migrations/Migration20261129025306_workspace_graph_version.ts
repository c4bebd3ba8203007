import { Migration } from '@mikro-orm/migrations';

/** The tables a workspace's campaign graph is read from (see `loadCampaignGraph`). */
const GRAPH_TABLES = ['campaign', 'smart_list', 'program', 'folder', 'my_token', 'lead_field'];

/**
 * `workspace.graph_version` goes up with every write to a table the campaign graph is read from,
 * in the writing transaction, so a worker that compiled the graph at version N knows it is current
 * for as long as the workspace still says N. Definitions change rarely: a row trigger is cheap.
 */
export class Migration20261129025306_workspace_graph_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "workspace" add column "graph_version" bigint not null default 0;`);
    this.addSql(`create function workspace_graph_changed() returns trigger language plpgsql as $$
begin
  update workspace set graph_version = graph_version + 1
  where id = case when tg_op = 'DELETE' then old.workspace_id else new.workspace_id end;
  return null;
end
$$;`);
    for (const table of GRAPH_TABLES) {
      this.addSql(`create trigger ${table}_graph_changed after insert or update or delete on "${table}"
for each row execute function workspace_graph_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of GRAPH_TABLES) this.addSql(`drop trigger ${table}_graph_changed on "${table}";`);
    this.addSql('drop function workspace_graph_changed();');
    this.addSql(`alter table "workspace" drop column "graph_version";`);
  }

}
