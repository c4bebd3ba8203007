import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  CampaignGraph,
  Campaign as DomainCampaign,
  Folder as DomainFolder,
  Program as DomainProgram,
  FieldType,
  MyTokens,
} from '../domain/model.js';
import type { Recurrence } from '../domain/recurrence.js';
import { Campaign } from './entities/campaign.entity.js';
import type { CampaignSchedule } from './entities/campaign-schedule.entity.js';
import { Folder } from './entities/folder.entity.js';
import { LeadField } from './entities/lead-field.entity.js';
import { MyToken } from './entities/my-token.entity.js';
import { Program } from './entities/program.entity.js';
import { SmartList } from './entities/smart-list.entity.js';
import type { CampaignRecord, TokenRecord, WorkspaceAssets } from './sql/workspace-assets.js';

/**
 * Reads that only feed the domain are not tracked: large audiences do not fill the identity map, and
 * a graph is read as it is in the database, not as entities loaded earlier remember it.
 */
const UNTRACKED = { disableIdentityMap: true } as const;

export function toDomainCampaign(campaign: CampaignRecord): DomainCampaign {
  return {
    id: campaign.id,
    workspaceId: campaign.workspace.id,
    programId: campaign.program.id,
    name: campaign.name,
    description: campaign.description ?? null,
    executable: campaign.isExecutable,
    smartList: campaign.smartList,
    flow: campaign.flow,
    qualificationRule: campaign.qualificationRule,
  };
}

function tokensByOwner(
  tokens: readonly TokenRecord[],
  owner: 'folder' | 'program',
): Map<string, Record<string, string>> {
  const byOwner = new Map<string, Record<string, string>>();
  for (const token of tokens) {
    const ownerId = token[owner]?.id;
    if (!ownerId) continue;
    const owned = byOwner.get(ownerId) ?? {};
    owned[token.name] = token.value;
    byOwner.set(ownerId, owned);
  }
  return byOwner;
}

/** Everything of a workspace a flow can reach, in the domain's shape: six queries, whatever its size. */
export async function loadCampaignGraph(em: EntityManager, workspaceId: string): Promise<CampaignGraph> {
  // One query after the other: inside a transaction they share one connection, which takes one at a time.
  const campaigns = await em.find(Campaign, { workspace: workspaceId, deletedAt: null }, UNTRACKED);
  const smartLists = await em.find(SmartList, { workspace: workspaceId }, UNTRACKED);
  const programs = await em.find(Program, { workspace: workspaceId }, UNTRACKED);
  const folders = await em.find(Folder, { workspace: workspaceId }, UNTRACKED);
  const tokens = await em.find(MyToken, { workspace: workspaceId }, UNTRACKED);
  const fields = await em.find(LeadField, { workspace: workspaceId }, UNTRACKED);
  return toCampaignGraph({ campaigns, smartLists, programs, folders, tokens, fields });
}

/** A workspace's campaign graph in the domain's shape, from its assets (live campaigns only). */
export function toCampaignGraph(assets: Omit<WorkspaceAssets, 'lists'>): CampaignGraph {
  const { campaigns, smartLists, programs, folders, tokens, fields } = assets;
  const folderTokens = tokensByOwner(tokens, 'folder');
  const programTokens = tokensByOwner(tokens, 'program');
  return {
    campaigns: Object.fromEntries(campaigns.map((campaign) => [campaign.id, toDomainCampaign(campaign)])),
    smartLists: Object.fromEntries(
      smartLists.map((smartList) => [
        smartList.id,
        {
          id: smartList.id,
          name: smartList.name,
          definition: smartList.definition,
          deleted: !!smartList.deletedAt,
        },
      ]),
    ),
    programs: Object.fromEntries(
      programs.map((program): [string, DomainProgram] => [
        program.id,
        {
          id: program.id,
          name: program.name,
          folderId: program.folder?.id ?? null,
          statuses: program.statuses,
          tokens: (programTokens.get(program.id) ?? {}) as MyTokens,
        },
      ]),
    ),
    folders: Object.fromEntries(
      folders.map((folder): [string, DomainFolder] => [
        folder.id,
        { id: folder.id, parentId: folder.parent?.id ?? null, tokens: folderTokens.get(folder.id) ?? {} },
      ]),
    ),
    fields: Object.fromEntries(fields.map((field) => [field.name, field.type as FieldType])),
  };
}

/** A stored recurrence as the domain computes its occurrences. */
export function toDomainRecurrence(schedule: CampaignSchedule): Recurrence {
  const { every, interval, weekdaysOnly, timeZone } = schedule;
  return { every, interval, weekdaysOnly, endAt: schedule.endAt ?? null, timeZone };
}
