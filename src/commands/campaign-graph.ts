import type { EntityManager } from '@mikro-orm/postgresql';
import type { Campaign } from '../db/entities/campaign.entity.js';
import { SmartList } from '../db/entities/smart-list.entity.js';
import type { Workspace } from '../db/entities/workspace.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import { lockWorkspaceGraph } from '../db/sql/workspaces.js';
import { DomainError } from '../domain/errors.js';
import type { CampaignGraph, SmartListDefinition } from '../domain/model.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import {
  validateCampaignGraph,
  validateSmartListDefinition,
  webhookTargetProblems,
} from '../domain/validation.js';
import type { CommandContext } from './context.js';

/** The id an unsaved campaign or smart list has in the graph it is checked against. */
const UNSAVED = 'unsaved';

/** Refuses a smart-list definition that could not be evaluated, with INVALID_SMART_LIST. */
function refuseInvalidSmartList(definition: SmartListDefinition, graph: CampaignGraph, where: string): void {
  const [problem] = validateSmartListDefinition(definition, graph);
  if (problem) {
    const filter = problem.filterPosition ? `, filter ${problem.filterPosition}` : '';
    throw new DomainError('INVALID_SMART_LIST', `${where}${filter}: ${problem.message}`);
  }
}

/**
 * Checks a campaign about to be saved against the whole execution graph of its workspace, as it
 * would be after the save (semantics E5-E8, E11), its smart list and choice conditions (semantics E4), and
 * its webhook targets against the operator's allow-list. The first problem refuses the save with its
 * ProblemCode.
 */
async function checkCampaignSave(
  em: EntityManager,
  campaign: Campaign,
  allowedWebhookTargets: AllowedTargets,
): Promise<void> {
  const id = campaign.id ?? UNSAVED;
  const candidate = { ...toDomainCampaign(campaign), id };
  const stored = await loadCampaignGraph(em, campaign.workspace.id);
  const graph = { ...stored, campaigns: { ...stored.campaigns, [id]: candidate } };
  refuseInvalidSmartList(candidate.smartList, graph, 'The smart list');
  candidate.flow.forEach((step, index) => {
    step.choices.forEach((choice, choiceIndex) => {
      refuseInvalidSmartList(
        { rule: 'ALL', filters: [choice.when], triggers: [] },
        graph,
        `Flow step ${index + 1}, choice ${choiceIndex + 1}`,
      );
    });
  });
  const [problem] = [
    ...validateCampaignGraph(graph, [id]),
    ...webhookTargetProblems(candidate, allowedWebhookTargets),
  ];
  if (problem) {
    const step = problem.stepPosition ? ` (flow step ${problem.stepPosition})` : '';
    throw new DomainError(problem.code, `${problem.message}${step}`);
  }
}

/**
 * Runs a save of a workspace's campaign graph in a transaction of the operation's entity manager
 * that holds the workspace's graph lock: saves of one workspace take turns, so each is checked
 * against the graph as it commits (two saves that are each fine cannot together make a cycle or a
 * chain too deep). Changes pending in the entity manager commit with it; a refused save rolls back
 * and drops them.
 */
export async function underGraphLock<T>(
  em: EntityManager,
  workspaceId: string,
  save: () => Promise<T>,
): Promise<T> {
  await em.begin();
  try {
    await lockWorkspaceGraph(em, workspaceId);
    const result = await save();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    em.clear();
    throw error;
  }
}

/**
 * Saves a campaign created or changed in the operation's entity manager, once it is checked
 * against its workspace's graph; a refusal writes nothing.
 */
export async function saveCampaign(ctx: CommandContext, campaign: Campaign): Promise<Campaign> {
  await underGraphLock(ctx.em, campaign.workspace.id, () =>
    checkCampaignSave(ctx.em, campaign, ctx.allowedWebhookTargets),
  );
  return campaign;
}

/**
 * Saves a smart-list asset, new (`smartList` null) or changed, once its definition is checked to
 * be evaluable in its workspace, which includes not referring to itself through other smart lists.
 */
export async function saveSmartList(
  ctx: CommandContext,
  target: { workspace: Workspace; name: string } | { smartList: SmartList },
  definition: SmartListDefinition,
): Promise<SmartList> {
  const workspaceId = 'smartList' in target ? target.smartList.workspace.id : target.workspace.id;
  return underGraphLock(ctx.em, workspaceId, async () => {
    const graph = await loadCampaignGraph(ctx.em, workspaceId);
    const id = 'smartList' in target ? target.smartList.id : UNSAVED;
    const smartLists = {
      ...graph.smartLists,
      [id]: { id, name: 'this smart list', definition, deleted: false },
    };
    refuseInvalidSmartList(definition, { ...graph, smartLists }, 'The smart list');
    if ('smartList' in target) {
      target.smartList.definition = definition;
      return target.smartList;
    }
    return ctx.em.create(SmartList, { workspace: target.workspace, name: target.name, definition });
  });
}

/**
 * Deletes a smart-list asset: the smart lists that reference it can no longer be evaluated (semantics E4).
 */
export async function deleteSmartList(ctx: CommandContext, smartList: SmartList): Promise<void> {
  smartList.deletedAt = new Date();
  await ctx.em.flush();
}
