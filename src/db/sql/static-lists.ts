import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from './query.js';
import type { StaticListRecord } from './workspace-assets.js';

/** How many leads each list has, in the order of `listIds`. */
export async function staticListSizes(em: EntityManager, listIds: readonly string[]): Promise<number[]> {
  const rows = await query<{ list_id: string; size: number }>(
    em,
    `select list_id::text, count(*)::int as size from static_list_member
     where list_id in (select jsonb_array_elements_text(?::jsonb)::bigint) group by list_id`,
    [JSON.stringify(listIds)],
  );
  const sizes = new Map(rows.map((row) => [row.list_id, row.size]));
  return listIds.map((id) => sizes.get(id) ?? 0);
}

/** The names of these lists, by id (trigger tokens name the list a lead was added to). */
export async function staticListNames(
  em: EntityManager,
  listIds: readonly string[],
): Promise<Map<string, string>> {
  if (listIds.length === 0) return new Map();
  const rows = await query<{ id: string; name: string }>(
    em,
    'select id::text, name from static_list where id in (select jsonb_array_elements_text(?::jsonb)::bigint)',
    [JSON.stringify(listIds)],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Static lists by id, as plain records. */
export function readStaticListRecords(
  em: EntityManager,
  ids: readonly string[],
): Promise<StaticListRecord[]> {
  return query<StaticListRecord>(
    em,
    `select id::text, jsonb_build_object('id', workspace_id::text) as workspace, name
     from static_list where id = any(?::bigint[])`,
    [`{${ids.filter((id) => /^[0-9]+$/.test(id)).join(',')}}`],
    { prepared: 'fixed' },
  );
}
