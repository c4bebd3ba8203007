import type { CampaignProblem } from './errors.js';
import { flowActions } from './execution-graph.js';
import type { CompiledGraph } from './flow-types.js';
import type { Campaign, CampaignGraph, FlowAction } from './model.js';
import { parseTemplate, type TokenReference } from './tokens.js';

/** The texts of an action that tokens are resolved in (semantics F2, F3, F10, F11). */
function templatedTexts(action: FlowAction): string[] {
  switch (action.type) {
    case 'changeScore':
      return [action.change];
    case 'changeDataValue':
      return action.value === null ? [] : [action.value];
    case 'webhook':
      return action.body === null ? [action.url] : [action.url, action.body];
    case 'interestingMoment':
      return [action.description];
    default:
      return [];
  }
}

/**
 * The campaigns whose My Tokens a campaign's steps may resolve in (semantics T4, T5): its own, and through
 * Execute Campaign steps with Use Parent Campaign Token Context TRUE, its callers' and theirs.
 */
function tokenContexts(graph: CampaignGraph, campaignId: string): string[] {
  const inheritingFrom = tokenInheritance(graph);
  const seen = new Set([campaignId]);
  for (const id of seen) for (const caller of inheritingFrom.get(id) ?? []) seen.add(caller);
  return [...seen];
}

const inheritanceOf = new WeakMap<CampaignGraph, ReadonlyMap<string, readonly string[]>>();

/**
 * For each campaign, the callers whose token context it runs in (Use Parent Campaign Token Context
 * TRUE), found once per graph object: every campaign's problems read one pass over the flows.
 */
function tokenInheritance(graph: CampaignGraph): ReadonlyMap<string, readonly string[]> {
  const known = inheritanceOf.get(graph);
  if (known) return known;
  const inheritingFrom = new Map<string, string[]>();
  for (const caller of Object.values(graph.campaigns)) {
    for (const { action } of flowActions(caller.flow)) {
      if (action.type !== 'executeCampaign' || !action.useParentTokenContext) continue;
      const callers = inheritingFrom.get(action.campaignId);
      if (callers) callers.push(caller.id);
      else inheritingFrom.set(action.campaignId, [caller.id]);
    }
  }
  inheritanceOf.set(graph, inheritingFrom);
  return inheritingFrom;
}

/**
 * `{{my.x}}` references without a default in a campaign's flow that no context able to run the step
 * defines (semantics V1): neither the campaign's program and folders nor, through TRUE, a caller's. Such a
 * token renders empty unless a run passes it (semantics T7), which a save cannot know; other kinds of tokens
 * are not checked.
 */
export function undefinedTokenProblems(
  campaign: Campaign,
  graph: CampaignGraph,
  compiled: CompiledGraph,
): CampaignProblem[] {
  const placed = flowActions(campaign.flow).flatMap(({ action, stepPosition }) =>
    templatedTexts(action).flatMap((text) =>
      parseTemplate(text)
        .filter((part): part is TokenReference => typeof part !== 'string')
        .filter((reference) => reference.kind === 'my' && reference.fallback === null)
        .map((reference) => ({ key: reference.key, stepPosition })),
    ),
  );
  if (placed.length === 0) return [];
  const layers = tokenContexts(graph, campaign.id).map((id) => compiled.campaign(id)?.ownTokens);
  const reported = new Set<string>();
  return placed.flatMap(({ key, stepPosition }) => {
    if (layers.some((layer) => layer?.has(key)) || reported.has(`${stepPosition}:${key}`)) return [];
    reported.add(`${stepPosition}:${key}`);
    return [
      {
        code: 'UNDEFINED_TOKEN' as const,
        message: `{{my.${key}}} is defined by no folder or program whose My Tokens this step can read; it renders empty unless a run passes it`,
        campaignId: campaign.id,
        stepPosition,
      },
    ];
  });
}
