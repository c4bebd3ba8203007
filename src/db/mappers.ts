import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  CampaignGraph,
  Campaign as DomainCampaign,
  Folder as DomainFolder,
  Lead as DomainLead,
  Program as DomainProgram,
  FieldType,
  LeadHistory,
  MyTokens,
} from '../domain/model.js';
import { Campaign } from './entities/campaign.entity.js';
import { Folder } from './entities/folder.entity.js';
import type { Lead } from './entities/lead.entity.js';
import { LeadCampaignHistory } from './entities/lead-campaign-history.entity.js';
import { LeadField } from './entities/lead-field.entity.js';
import { MyToken } from './entities/my-token.entity.js';
import { Program } from './entities/program.entity.js';
import { ProgramMember } from './entities/program-member.entity.js';
import { SmartList } from './entities/smart-list.entity.js';
import { StaticListMember } from './entities/static-list.entity.js';

/**
 * Reads that only feed the domain are not tracked: large audiences do not fill the identity map, and
 * a graph is read as it is in the database, not as entities loaded earlier remember it.
 */
const UNTRACKED = { disableIdentityMap: true } as const;

export function toDomainCampaign(campaign: Campaign): DomainCampaign {
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

function tokensByOwner(tokens: MyToken[], owner: 'folder' | 'program'): Map<string, Record<string, string>> {
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

/** Leads in the domain's shape, with their lists and program memberships: two queries for all. */
export async function toDomainLeads(em: EntityManager, leads: Lead[]): Promise<DomainLead[]> {
  const ids = leads.map((lead) => lead.id);
  const lists = await em.find(StaticListMember, { lead: { $in: ids } }, UNTRACKED);
  const memberships = await em.find(ProgramMember, { lead: { $in: ids } }, UNTRACKED);

  return leads.map((lead) => ({
    id: lead.id,
    email: lead.email,
    fields: lead.fields,
    listIds: lists.filter((member) => member.lead.id === lead.id).map((member) => member.list.id),
    programMemberships: Object.fromEntries(
      memberships
        .filter((member) => member.lead.id === lead.id)
        .map((member) => [member.program.id, member.status]),
    ),
  }));
}

/** Leads' histories with every campaign, as qualification rules read them: one query for all. */
export async function loadLeadHistories(
  em: EntityManager,
  leadIds: string[],
): Promise<Map<string, LeadHistory>> {
  const rows = await em.find(LeadCampaignHistory, { lead: { $in: leadIds } }, UNTRACKED);
  const histories = new Map<string, Record<string, { lastRunAt: Date; runCount: number }>>();
  for (const row of rows) {
    const history = histories.get(row.lead.id) ?? {};
    history[row.campaign.id] = { lastRunAt: row.lastRunAt, runCount: row.runCount };
    histories.set(row.lead.id, history);
  }
  return histories;
}
