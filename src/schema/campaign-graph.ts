import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Campaign } from '../db/entities/campaign.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import type { CampaignGraph, SmartListDefinition } from '../domain/model.js';
import { validateCampaignGraph, validateSmartListDefinition } from '../domain/validation.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';

/** The id an unsaved campaign has in the graph it is checked against. */
const UNSAVED = 'unsaved';

/** A workspace's campaign graph in the domain's shape, loaded once per request and workspace. */
export const requestCampaignGraph = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, CampaignGraph>((workspaceIds) =>
      Promise.all(workspaceIds.map((workspaceId) => loadCampaignGraph(context.em, workspaceId))),
    ),
);

/** Whether a smart-list definition can be evaluated (E4): otherwise nobody qualifies for it. */
export function isEvaluable(definition: SmartListDefinition, graph: CampaignGraph): boolean {
  return validateSmartListDefinition(definition, graph).length === 0;
}

/** Refuses a smart-list definition that could not be evaluated, with INVALID_SMART_LIST. */
function refuseInvalidSmartList(definition: SmartListDefinition, graph: CampaignGraph, where: string): void {
  const [problem] = validateSmartListDefinition(definition, graph);
  if (problem) {
    const filter = problem.filterPosition ? `, filter ${problem.filterPosition}` : '';
    throw userError('INVALID_SMART_LIST', `${where}${filter}: ${problem.message}`);
  }
}

/**
 * Checks a smart-list asset about to be saved against its workspace: it must be evaluable there,
 * which includes not referring to itself through other smart lists.
 */
export async function checkSmartListSave(
  context: GraphQLContext,
  workspaceId: string,
  definition: SmartListDefinition,
  assetId: string | undefined,
): Promise<void> {
  const graph = await loadCampaignGraph(context.em, workspaceId);
  const id = assetId ?? UNSAVED;
  const smartLists = {
    ...graph.smartLists,
    [id]: { id, name: 'this smart list', definition, deleted: false },
  };
  refuseInvalidSmartList(definition, { ...graph, smartLists }, 'The smart list');
}

/**
 * Checks a campaign about to be saved against the whole execution graph of its workspace, as it
 * would be after the save (E5-E8, E11), and its smart list and choice conditions (E4). The first
 * problem refuses the save with its ProblemCode; nothing has been written at that point.
 */
export async function checkCampaignSave(context: GraphQLContext, campaign: Campaign): Promise<void> {
  const id = campaign.id ?? UNSAVED;
  const candidate = { ...toDomainCampaign(campaign), id };
  const stored = await loadCampaignGraph(context.em, campaign.workspace.id);
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
  const [problem] = validateCampaignGraph(graph, [id]);
  if (problem) {
    const step = problem.stepPosition ? ` (flow step ${problem.stepPosition})` : '';
    throw userError(problem.code, `${problem.message}${step}`);
  }
}

/** Advisory lock class for campaign-graph saves; the object is the workspace. */
const GRAPH_LOCK = 7245;

/**
 * Runs a save of a workspace's campaign graph in a transaction that holds the workspace's graph
 * lock: saves of one workspace take turns, so each is checked against the graph as it commits
 * (two saves that are each fine cannot together make a cycle or a chain too deep). A refused save
 * rolls back and drops its pending changes.
 */
export async function underGraphLock<T>(
  context: GraphQLContext,
  workspaceId: string,
  save: () => Promise<T>,
): Promise<T> {
  const { em } = context;
  await em.begin();
  try {
    await em
      .getConnection()
      .execute(
        'select pg_advisory_xact_lock(?, ?)',
        [GRAPH_LOCK, Number(BigInt(workspaceId) % 2147483647n)],
        'run',
        em.getTransactionContext(),
      );
    const result = await save();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    em.clear();
    throw error;
  }
}
