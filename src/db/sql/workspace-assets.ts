import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  CampaignStatus,
  FieldType,
  QualificationRule,
  SmartListDefinition,
  TokenType,
} from '../../domain/model.js';
import type { StoredFlowStep } from '../entities/campaign.entity.js';
import { query } from './query.js';

/** What is read of a referenced row: its id. */
interface Reference {
  id: string;
}

/**
 * A campaign as read for its workspace's graph: plain data in the entity's shape (so that the
 * entity is one too), kept across requests and never written through.
 */
export interface CampaignRecord {
  id: string;
  workspace: Reference;
  program: Reference;
  name: string;
  description?: string | null;
  isExecutable: boolean;
  status: CampaignStatus;
  smartList: SmartListDefinition;
  flow: StoredFlowStep[];
  qualificationRule: QualificationRule;
  deletedAt?: Date | null;
}

/** A program, as `CampaignRecord` is a campaign. */
export interface ProgramRecord {
  id: string;
  workspace: Reference;
  folder?: Reference | null;
  name: string;
  statuses: string[];
}

/** A static list, as `CampaignRecord` is a campaign. */
export interface StaticListRecord {
  id: string;
  workspace: Reference;
  name: string;
}

/** A folder, as `CampaignRecord` is a campaign. */
export interface FolderRecord {
  id: string;
  workspace: Reference;
  parent?: Reference | null;
  name: string;
}

/** A My Token, as `CampaignRecord` is a campaign. */
export interface TokenRecord {
  workspace: Reference;
  folder?: Reference | null;
  program?: Reference | null;
  name: string;
  type: TokenType;
  value: string;
}

/** A smart-list asset, as `CampaignRecord` is a campaign. */
export interface SmartListRecord {
  id: string;
  name: string;
  definition: SmartListDefinition;
  deletedAt?: Date | null;
}

/** A lead field, as `CampaignRecord` is a campaign. */
export interface FieldRecord {
  name: string;
  type: FieldType | string;
}

/** What a workspace's campaign graph is made of. */
export interface WorkspaceAssets {
  /** Live campaigns, oldest first. */
  campaigns: CampaignRecord[];
  /** Oldest first. */
  programs: ProgramRecord[];
  /** Oldest first. */
  folders: FolderRecord[];
  /** By name. */
  tokens: TokenRecord[];
  /** Deleted ones included. */
  smartLists: SmartListRecord[];
  fields: FieldRecord[];
  /** Static lists, oldest first: not part of the graph, but named by its flows and by activities. */
  lists: StaticListRecord[];
}

/** The assets and the workspace's `graph_version` they are at. */
export interface VersionedAssets extends WorkspaceAssets {
  version: string;
}

/** A reference column as `{ id }` (ids as text: as JSON numbers, ids past 2^53 would lose digits). */
const reference = (column: string) =>
  `case when ${column} is null then null else jsonb_build_object('id', ${column}::text) end`;

/** A campaign row `c` as a `CampaignRecord` in JSON (`deletedAt` as text). */
const CAMPAIGN_RECORD = `jsonb_build_object('id', c.id::text,
  'workspace', jsonb_build_object('id', c.workspace_id::text), 'program', ${reference('c.program_id')},
  'name', c.name, 'description', c.description, 'isExecutable', c.is_executable, 'status', c.status,
  'smartList', c.smart_list, 'flow', c.flow, 'qualificationRule', c.qualification_rule,
  'deletedAt', c.deleted_at)`;

type Stored<T extends { deletedAt?: Date | null }> = Omit<T, 'deletedAt'> & { deletedAt: string | null };
const withDeletedAt = <T extends { deletedAt?: Date | null }>(record: Stored<T>) =>
  ({ ...record, deletedAt: record.deletedAt === null ? null : new Date(record.deletedAt) }) as T;

/**
 * Campaigns by id, deleted ones included, as plain records: what the API shows of them needs no
 * entity (nor its hydration).
 */
export async function readCampaignRecords(
  em: EntityManager,
  ids: readonly string[],
): Promise<CampaignRecord[]> {
  const rows = await query<{ campaign: Stored<CampaignRecord> }>(
    em,
    `select ${CAMPAIGN_RECORD} as campaign from campaign c where c.id = any(?::bigint[])`,
    [`{${ids.filter((id) => /^[0-9]+$/.test(id)).join(',')}}`],
    { prepared: 'fixed' },
  );
  return rows.map((row) => withDeletedAt<CampaignRecord>(row.campaign));
}

/**
 * Every asset of a workspace that its campaign graph is made of, with the graph version they are
 * at, in one statement however many there are: one snapshot, so the version is theirs.
 */
export async function loadWorkspaceAssets(em: EntityManager, workspaceId: string): Promise<VersionedAssets> {
  const workspace = `jsonb_build_object('id', w.id::text)`;
  const [row] = await query<Record<string, unknown>>(
    em,
    `select w.graph_version::text as version,
       (select coalesce(json_agg(${CAMPAIGN_RECORD} order by c.id), '[]')
         from campaign c where c.workspace_id = w.id and c.deleted_at is null) as campaigns,
       (select coalesce(json_agg(jsonb_build_object('id', p.id::text, 'workspace', ${workspace},
          'folder', ${reference('p.folder_id')}, 'name', p.name, 'statuses', p.statuses) order by p.id), '[]')
         from program p where p.workspace_id = w.id) as programs,
       (select coalesce(json_agg(jsonb_build_object('id', f.id::text, 'workspace', ${workspace},
          'parent', ${reference('f.parent_id')}, 'name', f.name) order by f.id), '[]')
         from folder f where f.workspace_id = w.id) as folders,
       (select coalesce(json_agg(jsonb_build_object('workspace', ${workspace},
          'folder', ${reference('t.folder_id')}, 'program', ${reference('t.program_id')}, 'name', t.name,
          'type', t.type, 'value', t.value) order by t.name), '[]')
         from my_token t where t.workspace_id = w.id) as tokens,
       (select coalesce(json_agg(jsonb_build_object('id', s.id::text, 'name', s.name,
          'definition', s.definition, 'deletedAt', s.deleted_at) order by s.id), '[]')
         from smart_list s where s.workspace_id = w.id) as smart_lists,
       (select coalesce(json_agg(jsonb_build_object('name', l.name, 'type', l.type) order by l.id), '[]')
         from lead_field l where l.workspace_id = w.id) as fields,
       (select coalesce(json_agg(jsonb_build_object('id', sl.id::text, 'workspace', ${workspace},
          'name', sl.name) order by sl.id), '[]')
         from static_list sl where sl.workspace_id = w.id) as lists
     from workspace w where w.id = ?`,
    [workspaceId],
    { prepared: 'fixed' },
  );
  const rows = <T>(column: string) => (row?.[column] ?? []) as T[];
  return {
    version: String(row?.version),
    campaigns: rows('campaigns'),
    programs: rows('programs'),
    folders: rows('folders'),
    tokens: rows('tokens'),
    smartLists: rows<Stored<SmartListRecord>>('smart_lists').map(withDeletedAt<SmartListRecord>),
    fields: rows('fields'),
    lists: rows('lists'),
  };
}
