import type { EntityManager } from '@mikro-orm/postgresql';
import type { Campaign } from '../db/entities/campaign.entity.js';
import { SmartList } from '../db/entities/smart-list.entity.js';
import type { Workspace } from '../db/entities/workspace.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import { lockWorkspaceGraph } from '../db/sql/workspaces.js';
import { responseMappingFieldRefusal } from '../domain/actions/webhook-response.js';
import {
  type CampaignProblem,
  DomainError,
  type SaveProblem,
  type SmartListProblem,
} from '../domain/errors.js';
import { indexFields } from '../domain/lead-state.js';
import type { CampaignGraph, Campaign as DomainCampaign, SmartListDefinition } from '../domain/model.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import {
  campaignProblems,
  validateCampaignGraph,
  validateSmartListDefinition,
  webhookTargetProblems,
} from '../domain/validation.js';
import type { CommandContext } from './context.js';

/** The id an unsaved campaign or smart list has in the graph it is checked against. */
const UNSAVED = 'unsaved';

/** A smart-list problem as a refusal tells it: where it is, then what it is. */
function locatedMessage(problem: SmartListProblem, where: string): string {
  const filter = problem.filterPosition ? `, filter ${problem.filterPosition}` : '';
  return `${where}${filter}: ${problem.message}`;
}

/** Refuses a smart-list definition that could not be evaluated, with INVALID_SMART_LIST. */
function refuseInvalidSmartList(definition: SmartListDefinition, graph: CampaignGraph, where: string): void {
  const [problem] = validateSmartListDefinition(definition, graph);
  if (problem) throw new DomainError('INVALID_SMART_LIST', locatedMessage(problem, where));
}

/** A problem a campaign save is refused for, with the message of its refusal. */
interface SaveRefusal {
  problem: SaveProblem;
  refusal: string;
}

/** A campaign about to be saved: `id` null when it is being created. */
export interface SaveCandidate {
  campaign: Omit<DomainCampaign, 'id'>;
  id: string | null;
}

/** The candidate as it is checked: a new campaign under an id no stored campaign has. */
function checkedCampaign({ campaign, id }: SaveCandidate): DomainCampaign {
  return { ...campaign, id: id ?? UNSAVED };
}

/** Refuses response mappings into fields the workspace lacks, or email (semantics F12), as BAD_USER_INPUT. */
function refuseUnwritableMappedFields(candidate: DomainCampaign, graph: CampaignGraph): void {
  const refusal = responseMappingFieldRefusal(candidate.flow, indexFields(graph.fields));
  if (refusal) throw new DomainError('BAD_USER_INPUT', refusal);
}

/** A problem as a client is told it: the campaign being created has no id (null). */
function toSaveProblem(problem: CampaignProblem): SaveProblem {
  return { ...problem, campaignId: problem.campaignId === UNSAVED ? null : problem.campaignId };
}

/** The stored graph of the candidate's workspace with the candidate in it, as it would be saved. */
async function graphWith(em: EntityManager, candidate: DomainCampaign): Promise<CampaignGraph> {
  const stored = await loadCampaignGraph(em, candidate.workspaceId);
  return { ...stored, campaigns: { ...stored.campaigns, [candidate.id]: candidate } };
}

/**
 * Every problem a campaign save is refused for, checked against the whole execution graph of its
 * workspace as it would be after the save (semantics E5-E8, E11), its smart list and choice
 * conditions (semantics E4), and its webhook targets against the operator's allow-list.
 */
function saveRefusals(
  candidate: DomainCampaign,
  graph: CampaignGraph,
  allowedWebhookTargets: AllowedTargets,
): SaveRefusal[] {
  const smartListRefusals = (definition: SmartListDefinition, where: string, stepPosition: number | null) =>
    validateSmartListDefinition(definition, graph).map((problem) => {
      const message = locatedMessage(problem, where);
      const campaignId = candidate.id;
      return { problem: { code: problem.code, message, campaignId, stepPosition }, refusal: message };
    });
  const smartList = smartListRefusals(candidate.smartList, 'The smart list', null);
  const choices = candidate.flow.flatMap((step, index) =>
    step.choices.flatMap((choice, choiceIndex) =>
      smartListRefusals(
        { rule: 'ALL', filters: [choice.when], triggers: [] },
        `Flow step ${index + 1}, choice ${choiceIndex + 1}`,
        index + 1,
      ),
    ),
  );
  const graphProblems = [
    ...validateCampaignGraph(graph, [candidate.id]),
    ...webhookTargetProblems(candidate, allowedWebhookTargets),
  ].map((problem) => {
    const step = problem.stepPosition ? ` (flow step ${problem.stepPosition})` : '';
    return { problem, refusal: `${problem.message}${step}` };
  });
  return [...smartList, ...choices, ...graphProblems].map(({ problem, refusal }) => ({
    problem: toSaveProblem(problem),
    refusal,
  }));
}

/**
 * What a save of the candidate would be refused for, followed by what the saved campaign would
 * report (Campaign.problems) that the refusals do not already say (semantics E12); writes nothing.
 */
export async function campaignSaveProblems(
  ctx: Pick<CommandContext, 'em' | 'allowedWebhookTargets'>,
  saving: SaveCandidate,
): Promise<SaveProblem[]> {
  const candidate = checkedCampaign(saving);
  const graph = await graphWith(ctx.em, candidate);
  refuseUnwritableMappedFields(candidate, graph);
  const refused = saveRefusals(candidate, graph, ctx.allowedWebhookTargets).map(({ problem }) => problem);
  const key = (problem: SaveProblem) =>
    `${problem.code} ${problem.campaignId} ${problem.stepPosition} ${problem.message}`;
  const known = new Set(refused.map(key));
  const reported = campaignProblems(candidate, graph, ctx.allowedWebhookTargets)
    .map(toSaveProblem)
    .filter((problem) => !known.has(key(problem)));
  return [...refused, ...reported];
}

/**
 * Runs a save of a workspace's campaign graph in a transaction of the operation's entity manager
 * that holds the workspace's graph lock: saves of one workspace take turns, so each is checked
 * against the graph as it commits (two saves that are each fine cannot together make a cycle or a
 * chain too deep). Changes pending in the entity manager commit with it; a refused save rolls back
 * and drops them. Inside a caller's transaction (an idempotent save, semantics R7) the lock and the
 * changes are that transaction's, which commits or rolls back all: a nested begin and commit would
 * leave the entity manager outside it.
 */
export async function underGraphLock<T>(
  em: EntityManager,
  workspaceId: string,
  save: () => Promise<T>,
): Promise<T> {
  if (em.isInTransaction()) {
    await lockWorkspaceGraph(em, workspaceId);
    const result = await save();
    await em.flush();
    return result;
  }
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
 * Saves a campaign created (`isNew`) or changed in the operation's entity manager, once it is
 * checked against its workspace's graph; a refusal writes nothing and carries every refusing
 * problem, its code and message those of the first.
 */
export async function saveCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  isNew: boolean,
): Promise<Campaign> {
  await underGraphLock(ctx.em, campaign.workspace.id, async () => {
    const id = isNew ? null : campaign.id;
    const candidate = checkedCampaign({ campaign: toDomainCampaign(campaign), id });
    const graph = await graphWith(ctx.em, candidate);
    refuseUnwritableMappedFields(candidate, graph);
    const refusals = saveRefusals(candidate, graph, ctx.allowedWebhookTargets);
    const [first] = refusals;
    if (first) {
      const problems = refusals.map(({ problem }) => problem);
      throw new DomainError(first.problem.code, first.refusal, problems);
    }
  });
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
