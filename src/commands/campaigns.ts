import { Campaign } from '../db/entities/campaign.entity.js';
import type { Program } from '../db/entities/program.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import { DomainError, type SaveProblem } from '../domain/errors.js';
import { referencedCampaignIds } from '../domain/execution-graph.js';
import type { FlowStep, QualificationRule, SmartListDefinition } from '../domain/model.js';
import { campaignType, cloneProblems } from '../domain/validation.js';
import { campaignSaveProblems, saveCampaign, underGraphLock } from './campaign-graph.js';
import type { CommandContext } from './context.js';

/** What a campaign is made of, in its stored form (references resolved to database ids). */
export interface CampaignFields {
  name: string;
  description: string | null;
  isExecutable: boolean;
  smartList: SmartListDefinition;
  flow: FlowStep[];
  qualificationRule: QualificationRule;
}

/** A new campaign of the program, saved once checked against its workspace's graph. */
export function createCampaign(
  ctx: CommandContext,
  program: Program,
  fields: CampaignFields,
): Promise<Campaign> {
  const campaign = ctx.em.create(Campaign, { workspace: program.workspace.id, program, ...fields });
  return saveCampaign(ctx, campaign, true);
}

/**
 * Changes the given fields of a campaign and saves it once checked. A campaign that lost its
 * triggers is a batch campaign, and only trigger campaigns are active: it becomes INACTIVE.
 */
export function updateCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  changes: Partial<Omit<CampaignFields, 'isExecutable'>>,
): Promise<Campaign> {
  Object.assign(campaign, changes);
  if (campaignType(toDomainCampaign(campaign)) !== 'TRIGGER') campaign.status = 'INACTIVE';
  return saveCampaign(ctx, campaign, false);
}

/** The problems `createCampaign` would refuse these fields for or the campaign would report; writes nothing. */
export function validateNewCampaign(
  ctx: CommandContext,
  program: Program,
  fields: CampaignFields,
): Promise<SaveProblem[]> {
  const { isExecutable, ...rest } = fields;
  const campaign = {
    ...rest,
    workspaceId: program.workspace.id,
    programId: program.id,
    executable: isExecutable,
  };
  return campaignSaveProblems(ctx, { campaign, id: null });
}

/** The problems `updateCampaign` would refuse these changes for or the campaign would report; writes nothing. */
export function validateCampaignChanges(
  ctx: CommandContext,
  campaign: Campaign,
  changes: Partial<Omit<CampaignFields, 'isExecutable'>>,
): Promise<SaveProblem[]> {
  return campaignSaveProblems(ctx, {
    campaign: { ...toDomainCampaign(campaign), ...changes },
    id: campaign.id,
  });
}

/**
 * A copy of a campaign under a new name, executable only when asked, whatever the source was. A
 * source with triggers is refused (CLONE_WITH_TRIGGERS) before `programOf` looks up the program of
 * the copy (one of the source's workspace). Flow steps get new ids.
 */
export async function cloneCampaign(
  ctx: CommandContext,
  source: Campaign,
  clone: { name: string; executable: boolean; programOf: () => Promise<Program> },
): Promise<Campaign> {
  const [problem] = cloneProblems(toDomainCampaign(source));
  if (problem) throw new DomainError(problem.code, problem.message);
  const copy = ctx.em.create(Campaign, {
    workspace: source.workspace.id,
    program: await clone.programOf(),
    name: clone.name,
    description: source.description,
    isExecutable: clone.executable,
    smartList: structuredClone(source.smartList),
    flow: source.flow.map((step) => ({ ...structuredClone(step), id: crypto.randomUUID() })),
    qualificationRule: structuredClone(source.qualificationRule),
  });
  return saveCampaign(ctx, copy, true);
}

/**
 * Deletes a campaign, refused while another campaign's flow names it (Execute Campaign, Request
 * Campaign, Remove from Flow); `describe` says how the refusal names those campaigns to the client.
 */
export async function deleteCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
  describe: (user: { id: string; name: string }) => string,
): Promise<void> {
  await underGraphLock(ctx.em, campaign.workspace.id, async () => {
    const graph = await loadCampaignGraph(ctx.em, campaign.workspace.id);
    const users = Object.values(graph.campaigns).filter(
      (other) => other.id !== campaign.id && referencedCampaignIds(other).includes(campaign.id),
    );
    if (users.length > 0) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `Campaign ${campaign.name} is used by ${users.map(describe).join(', ')}`,
      );
    }
    campaign.deletedAt = new Date();
    campaign.status = 'INACTIVE';
  });
}

/** Activates a trigger campaign: its triggers start runs from now on. Other campaigns are refused. */
export async function activateCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
): Promise<Campaign> {
  const type = campaignType(toDomainCampaign(campaign));
  if (type === 'EXECUTABLE') {
    throw new DomainError(
      'NOT_SCHEDULABLE',
      'An executable campaign runs only through Execute Campaign steps',
    );
  }
  if (type !== 'TRIGGER') throw new DomainError('BAD_USER_INPUT', 'Only trigger campaigns are activated');
  campaign.status = 'ACTIVE';
  await ctx.em.flush();
  return campaign;
}

/** Deactivates a campaign: its triggers start no more runs; runs already started go on. */
export async function deactivateCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
): Promise<Campaign> {
  campaign.status = 'INACTIVE';
  await ctx.em.flush();
  return campaign;
}
