import type { CampaignProblem, Problem, ProblemCode, SmartListProblem } from './errors.js';
import { flowActions } from './execution-graph.js';
import { compiledGraph } from './graph.js';
import type { Campaign, CampaignGraph, CampaignType, RequestSource, SmartListDefinition } from './model.js';
import { type AllowedTargets, refusedHostKind } from './network-targets.js';
import { ownValue } from './own.js';
import { referenceProblems } from './reference-problems.js';
import { MAX_EXECUTION_DEPTH } from './run-state.js';
import { listensFor } from './smart-list.js';
import { compileFilter } from './smart-list-compiler.js';
import { withArticle } from './text.js';
import { undefinedTokenProblems } from './token-problems.js';
import { isLiteral, parseTemplate } from './tokens.js';

/** An Execute Campaign step of a flow, default action or choice. */
interface ExecuteEdge {
  readonly from: string;
  readonly to: string;
  readonly stepPosition: number;
}

/** A problem with the campaigns it involves, to keep only those a save touches (semantics E11). */
interface GraphProblem {
  readonly problem: CampaignProblem;
  readonly involves: readonly string[];
}

function problem(
  code: ProblemCode,
  message: string,
  campaignId: string,
  stepPosition: number | null,
  involves: readonly string[] = [campaignId],
): GraphProblem {
  return { problem: { code, message, campaignId, stepPosition }, involves };
}

/** Derives a campaign's type: EXECUTABLE by its check box, else TRIGGER when it has triggers, else BATCH. */
export function campaignType(campaign: Campaign): CampaignType {
  if (campaign.executable) return 'EXECUTABLE';
  return campaign.smartList.triggers.length > 0 ? 'TRIGGER' : 'BATCH';
}

/** "an executable campaign", "a trigger campaign", "a batch campaign": for messages. */
function aCampaignOf(type: CampaignType): string {
  return `${withArticle(type.toLowerCase())} campaign`;
}

/** Why a campaign cannot be scheduled (semantics E1, R1): only batch campaigns are. */
export function scheduleProblems(campaign: Campaign): Problem[] {
  const type = campaignType(campaign);
  if (type === 'BATCH') return [];
  return [
    {
      code: 'NOT_SCHEDULABLE',
      message: `${aCampaignOf(type)} cannot be scheduled; only batch campaigns can`,
    },
  ];
}

/**
 * Why a campaign cannot be requested (semantics E1, F5, R2): it must be an active trigger campaign listening
 * for Campaign is Requested from `source` (or from any source).
 */
export function requestProblems(campaign: Campaign, active: boolean, source: RequestSource): Problem[] {
  const type = campaignType(campaign);
  const reason =
    type !== 'TRIGGER'
      ? `${aCampaignOf(type)} cannot be requested`
      : !active
        ? 'the campaign is not active'
        : listensFor(campaign.smartList, { kind: 'CAMPAIGN_IS_REQUESTED', source })
          ? null
          : `the campaign does not listen for Campaign is Requested from ${source}`;
  return reason === null ? [] : [{ code: 'NOT_REQUESTABLE', message: reason }];
}

/** Why a campaign cannot be cloned (semantics E10): a smart list with triggers. */
export function cloneProblems(source: Campaign): Problem[] {
  if (source.smartList.triggers.length === 0) return [];
  return [
    { code: 'CLONE_WITH_TRIGGERS', message: `campaign "${source.name}" has triggers and cannot be cloned` },
  ];
}

function executableProblems(campaign: Campaign): GraphProblem[] {
  if (!campaign.executable) return [];
  const found: GraphProblem[] = [];
  if (campaign.smartList.triggers.length > 0) {
    found.push(
      problem('TRIGGER_IN_EXECUTABLE', 'an executable campaign cannot have triggers', campaign.id, null),
    );
  }
  for (const { action, stepPosition } of flowActions(campaign.flow)) {
    if (action.type === 'wait') {
      found.push(
        problem('WAIT_IN_EXECUTABLE', 'an executable campaign cannot wait', campaign.id, stepPosition),
      );
    } else if (action.type === 'webhook') {
      const message = 'an executable campaign cannot call a webhook';
      found.push(problem('WEBHOOK_IN_EXECUTABLE', message, campaign.id, stepPosition));
    }
  }
  return found;
}

/**
 * The scheme and host of a webhook URL when they are written out, not left to tokens: the whole URL
 * when it holds none, else the literal text before its first token if it ends the host.
 */
function literalTarget(url: string): URL | null {
  const template = parseTemplate(url);
  const prefix = typeof template[0] === 'string' ? template[0] : '';
  const known = isLiteral(template) ? prefix : /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*[/?#\\]/i.exec(prefix)?.[0];
  if (!known) return null;
  try {
    return new URL(known);
  } catch {
    return null;
  }
}

/**
 * Webhook steps of a campaign whose URL, as far as it is known before tokens are resolved, is
 * not http(s) or targets a loopback, private, link-local or other non-public address (in any
 * spelling) or a `localhost`-style name that `allowed` does not list. Names are checked when
 * called, once resolved.
 */
export function webhookTargetProblems(campaign: Campaign, allowed: AllowedTargets): CampaignProblem[] {
  return flowActions(campaign.flow).flatMap(({ action, stepPosition }) => {
    if (action.type !== 'webhook') return [];
    const target = literalTarget(action.url);
    if (!target) return [];
    const report = (message: string) => [
      problem('WEBHOOK_TARGET_NOT_ALLOWED', message, campaign.id, stepPosition).problem,
    ];
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return report(`a webhook calls http or https URLs, not ${target.protocol}`);
    }
    const kind = refusedHostKind(target.hostname, allowed);
    if (kind === null) return [];
    return report(
      `the webhook target ${target.hostname} is ${withArticle(kind)} address, which is not called`,
    );
  });
}

/** Execute Campaign targets that cannot be executed from `campaign` (semantics E7), and the usable edges. */
function targetProblems(campaign: Campaign, graph: CampaignGraph, edges: ExecuteEdge[]): GraphProblem[] {
  const found: GraphProblem[] = [];
  for (const { action, stepPosition } of flowActions(campaign.flow)) {
    if (action.type !== 'executeCampaign') continue;
    const target = ownValue(graph.campaigns, action.campaignId);
    const involves = [campaign.id, action.campaignId];
    if (target && target.workspaceId !== campaign.workspaceId) {
      const message = `campaign "${target.name}" is in another workspace`;
      found.push(problem('CROSS_WORKSPACE_EXECUTE', message, campaign.id, stepPosition, involves));
    } else if (!target?.executable) {
      const message = `campaign ${target ? `"${target.name}"` : action.campaignId} is not an executable campaign`;
      found.push(problem('EXECUTE_TARGET_NOT_EXECUTABLE', message, campaign.id, stepPosition, involves));
    } else {
      edges.push({ from: campaign.id, to: target.id, stepPosition });
    }
  }
  return found;
}

/** Strongly connected components (Tarjan): campaigns that can execute each other in a loop. */
function components(
  ids: readonly string[],
  edgesFrom: ReadonlyMap<string, ExecuteEdge[]>,
): Map<string, number> {
  const component = new Map<string, number>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  let counter = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    for (const { to } of edgesFrom.get(id) as ExecuteEdge[]) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id) as number, low.get(to) as number));
      } else if (!component.has(to)) {
        low.set(id, Math.min(low.get(id) as number, index.get(to) as number));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    let member: string;
    do {
      member = stack.pop() as string;
      component.set(member, index.get(id) as number);
    } while (member !== id);
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return component;
}

function cycleProblems(
  graph: CampaignGraph,
  edges: readonly ExecuteEdge[],
  component: ReadonlyMap<string, number>,
): GraphProblem[] {
  return edges
    .filter((edge) => component.get(edge.from) === component.get(edge.to))
    .map((edge) => {
      const members = [...component]
        .filter(([, id]) => id === component.get(edge.from))
        .map(([member]) => member);
      const target = (graph.campaigns[edge.to] as Campaign).name;
      const message = `executing "${target}" closes a cycle of executions`;
      return problem('EXECUTION_CYCLE', message, edge.from, edge.stepPosition, members);
    });
}

/** The longest execution chain from each campaign, ignoring edges inside cycles (reported apart). */
function longestChains(
  ids: readonly string[],
  edgesFrom: ReadonlyMap<string, ExecuteEdge[]>,
  component: ReadonlyMap<string, number>,
): Map<string, readonly string[]> {
  const chains = new Map<string, readonly string[]>();
  const chainFrom = (id: string): readonly string[] => {
    const known = chains.get(id);
    if (known) return known;
    let longest: readonly string[] = [];
    for (const { to } of edgesFrom.get(id) as ExecuteEdge[]) {
      if (component.get(to) === component.get(id)) continue;
      const chain = chainFrom(to);
      if (chain.length >= longest.length) longest = chain;
    }
    const chain = [id, ...longest];
    chains.set(id, chain);
    return chain;
  };
  for (const id of ids) chainFrom(id);
  return chains;
}

function depthProblems(
  graph: CampaignGraph,
  edges: readonly ExecuteEdge[],
  chains: ReadonlyMap<string, readonly string[]>,
  component: ReadonlyMap<string, number>,
): GraphProblem[] {
  return edges
    .filter((edge) => component.get(edge.from) !== component.get(edge.to))
    .flatMap((edge) => {
      const chain = [edge.from, ...(chains.get(edge.to) as readonly string[])];
      if (chain.length - 1 <= MAX_EXECUTION_DEPTH) return [];
      const names = chain.map((id) => (graph.campaigns[id] as Campaign).name).join(' > ');
      const message = `the execution chain ${names} is ${chain.length - 1} levels deep; at most ${MAX_EXECUTION_DEPTH}`;
      return [problem('EXECUTION_DEPTH_EXCEEDED', message, edge.from, edge.stepPosition, chain)];
    });
}

/**
 * Checks the whole execution graph for a save (semantics E5-E8, E11): depth beyond 3 anywhere, cycles,
 * targets that are not executable or in another workspace, waits, webhooks and triggers in executables.
 * With `changedCampaignIds`, only problems involving a changed campaign are returned (a changed
 * grandchild makes its ancestor's too-deep chain count), so that older problems elsewhere do not
 * block an unrelated save.
 */
export function validateCampaignGraph(
  graph: CampaignGraph,
  changedCampaignIds?: readonly string[],
): CampaignProblem[] {
  const campaigns = Object.values(graph.campaigns);
  const ids = campaigns.map((campaign) => campaign.id);
  const edges: ExecuteEdge[] = [];
  const found = campaigns.flatMap((campaign) => [
    ...executableProblems(campaign),
    ...targetProblems(campaign, graph, edges),
  ]);
  const edgesFrom = new Map<string, ExecuteEdge[]>(ids.map((id) => [id, []]));
  for (const edge of edges) (edgesFrom.get(edge.from) as ExecuteEdge[]).push(edge);
  const component = components(ids, edgesFrom);
  const chains = longestChains(ids, edgesFrom, component);
  found.push(...cycleProblems(graph, edges, component), ...depthProblems(graph, edges, chains, component));
  const changed = changedCampaignIds && new Set(changedCampaignIds);
  return found
    .filter(({ involves }) => !changed || involves.some((id) => changed.has(id)))
    .map(({ problem }) => problem);
}

/**
 * Checks a smart-list definition for a save: every reason it could not be evaluated (unknown field,
 * bad operator or values, missing, deleted or cyclic smart list, malformed advanced logic), plus
 * references to programs the graph lacks and, when `staticListIds` is given, to unknown static lists.
 * The API decides whether to refuse; `INVALID_SMART_LIST` is the code of each.
 */
export function validateSmartListDefinition(
  definition: SmartListDefinition,
  graph: CampaignGraph,
  staticListIds?: readonly string[],
): SmartListProblem[] {
  const compiled = compiledGraph(graph);
  const found: SmartListProblem[] = [];
  const report = (message: string, filterPosition: number | null) =>
    found.push({ code: 'INVALID_SMART_LIST', message, filterPosition });
  definition.filters.forEach((filter, index) => {
    const compiledFilter = compileFilter(filter, compiled);
    if (!compiledFilter.valid) report(compiledFilter.reason, index + 1);
    if (filter.programId && !ownValue(graph.programs, filter.programId)) {
      report(`program ${filter.programId} does not exist`, index + 1);
    }
    if (staticListIds && filter.staticListId && !staticListIds.includes(filter.staticListId)) {
      report(`static list ${filter.staticListId} does not exist`, index + 1);
    }
  });
  const list = compiled.smartList(definition);
  if (!list.valid && list.filters.every((filter) => filter.valid)) report(list.reason, null);
  for (const trigger of definition.triggers) {
    if (staticListIds && trigger.staticListId && !staticListIds.includes(trigger.staticListId)) {
      report(`static list ${trigger.staticListId} does not exist`, null);
    }
  }
  return found;
}

const graphProblemsOf = new WeakMap<CampaignGraph, ReadonlyMap<string, CampaignProblem[]>>();

/**
 * The problems of the whole execution graph by the campaign they belong to, found once per graph
 * object: asking for every campaign's problems checks the graph once, not once per campaign.
 */
function graphProblemsByCampaign(graph: CampaignGraph): ReadonlyMap<string, CampaignProblem[]> {
  let byCampaign = graphProblemsOf.get(graph);
  if (!byCampaign) {
    const grouped = new Map<string, CampaignProblem[]>();
    for (const found of validateCampaignGraph(graph)) {
      const problems = grouped.get(found.campaignId);
      if (problems) problems.push(found);
      else grouped.set(found.campaignId, [found]);
    }
    byCampaign = grouped;
    graphProblemsOf.set(graph, byCampaign);
  }
  return byCampaign;
}

/**
 * Why a campaign cannot run as defined (Campaign.problems): an invalid smart list (semantics E4) or choice
 * condition, triggers on unknown fields and unrequestable Request Campaign targets
 * (`referenceProblems`), webhook targets `allowed` does not cover (semantics F10: saved before the rule or
 * before the operator's list changed), My Tokens no context defines (`undefinedTokenProblems`),
 * plus its own problems in the execution graph. `campaign` replaces the graph's version.
 */
export function campaignProblems(
  campaign: Campaign,
  graph: CampaignGraph,
  allowed: AllowedTargets,
): CampaignProblem[] {
  const current =
    ownValue(graph.campaigns, campaign.id) === campaign
      ? graph
      : { ...graph, campaigns: { ...graph.campaigns, [campaign.id]: campaign } };
  const compiled = compiledGraph(current);
  const found: CampaignProblem[] = [];
  const smartList = compiled.smartList(campaign.smartList);
  if (!smartList.valid) {
    const message = `the smart list is invalid, nobody qualifies: ${smartList.reason}`;
    found.push({ code: 'INVALID_SMART_LIST', message, campaignId: campaign.id, stepPosition: null });
  }
  campaign.flow.forEach((step, index) => {
    for (const choice of step.choices) {
      const when = compileFilter(choice.when, compiled);
      if (when.valid) continue;
      const message = `a choice condition cannot be evaluated and never holds: ${when.reason}`;
      found.push({ code: 'INVALID_SMART_LIST', message, campaignId: campaign.id, stepPosition: index + 1 });
    }
  });
  const graphProblems = graphProblemsByCampaign(current).get(campaign.id) ?? [];
  return [
    ...found,
    ...referenceProblems(campaign, current, compiled.fields),
    ...webhookTargetProblems(campaign, allowed),
    ...undefinedTokenProblems(campaign, current, compiled),
    ...graphProblems,
  ];
}
