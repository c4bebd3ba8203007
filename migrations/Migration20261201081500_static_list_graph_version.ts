import { Migration } from '@mikro-orm/migrations';

/**
 * Static lists join the tables whose writes raise `workspace.graph_version`: the API's workspace
 * snapshot holds them (activities and flows name lists), so a rename must be seen on the next read.
 * Lists are created and renamed rarely; their members live in another table, which stays out.
 */
export class Migration20261201081500_static_list_graph_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create trigger static_list_graph_changed after insert or update or delete on "static_list"
for each row execute function workspace_graph_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger static_list_graph_changed on "static_list";');
  }

}
