import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign } from '../entities/campaign.entity.js';
import { Folder } from '../entities/folder.entity.js';
import { LeadField } from '../entities/lead-field.entity.js';
import { MyToken } from '../entities/my-token.entity.js';
import { Program } from '../entities/program.entity.js';
import { SmartList } from '../entities/smart-list.entity.js';
import { query } from './query.js';

/** What a workspace's campaign graph is made of, as entities of the entity manager. */
export interface WorkspaceAssets {
  /** Live campaigns, oldest first. */
  campaigns: Campaign[];
  /** Oldest first. */
  programs: Program[];
  /** Oldest first. */
  folders: Folder[];
  /** By name. */
  tokens: MyToken[];
  /** Deleted ones included. */
  smartLists: SmartList[];
  fields: LeadField[];
}

/**
 * A row as JSON with its bigint ids (its own, its workspace's and `references`) as text: as JSON
 * numbers, ids past 2^53 would lose digits when parsed.
 */
function withTextIds(alias: string, references: readonly string[]): string {
  const ids = ['id', 'workspace_id', ...references].map((column) => `'${column}', ${alias}.${column}::text`);
  return `to_jsonb(${alias}) || jsonb_build_object(${ids.join(', ')})`;
}

/**
 * Every asset of a workspace that its campaign graph is made of, in one statement however many
 * there are (six reads would each wait their turn on the pool), merged into the entity manager as
 * its `find`s would.
 */
export async function loadWorkspaceAssets(em: EntityManager, workspaceId: string): Promise<WorkspaceAssets> {
  const [rows] = await query<Record<string, Record<string, unknown>[]>>(
    em,
    `select
       (select coalesce(json_agg(${withTextIds('c', ['program_id'])} order by c.id), '[]') from campaign c
         where c.workspace_id = ? and c.deleted_at is null) as campaigns,
       (select coalesce(json_agg(${withTextIds('p', ['folder_id'])} order by p.id), '[]') from program p
         where p.workspace_id = ?) as programs,
       (select coalesce(json_agg(${withTextIds('f', ['parent_id'])} order by f.id), '[]') from folder f
         where f.workspace_id = ?) as folders,
       (select coalesce(json_agg(${withTextIds('t', ['folder_id', 'program_id'])} order by t.name), '[]')
         from my_token t where t.workspace_id = ?) as tokens,
       (select coalesce(json_agg(${withTextIds('s', [])} order by s.id), '[]') from smart_list s
         where s.workspace_id = ?) as smart_lists,
       (select coalesce(json_agg(${withTextIds('l', [])} order by l.id), '[]') from lead_field l
         where l.workspace_id = ?) as fields`,
    Array(6).fill(workspaceId),
  );
  const entities = <T extends object>(entity: EntityName<T>, column: string): T[] =>
    (rows?.[column] ?? []).map((row) => em.map(entity, row as EntityDictionary<T>));
  return {
    campaigns: entities(Campaign, 'campaigns'),
    programs: entities(Program, 'programs'),
    folders: entities(Folder, 'folders'),
    tokens: entities(MyToken, 'tokens'),
    smartLists: entities(SmartList, 'smart_lists'),
    fields: entities(LeadField, 'fields'),
  };
}
