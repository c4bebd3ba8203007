import type { Campaign, FlowAction, FlowStep } from './model.js';
import { ownValue } from './own.js';

/** What traversals read of a campaign: its id and its flow. */
export type CampaignFlow = Pick<Campaign, 'id' | 'flow'>;

/** An action of a flow, a step's default action or one of its choices', with its step's position. */
export interface PlacedAction {
  readonly action: FlowAction;
  /** 1-based. */
  readonly stepPosition: number;
}

/** Every action of a flow, in order: each step's default action, then its choices' actions (semantics F1). */
export function flowActions(flow: readonly FlowStep[]): PlacedAction[] {
  return flow.flatMap((step, index) =>
    [step.action, ...step.choices.map((choice) => choice.action)]
      .filter((action): action is FlowAction => action !== null)
      .map((action) => ({ action, stepPosition: index + 1 })),
  );
}

/** The campaigns an action names: Execute Campaign's and Request Campaign's target, Remove from Flow's. */
function namedCampaignIds(action: FlowAction): readonly string[] {
  switch (action.type) {
    case 'executeCampaign':
    case 'requestCampaign':
      return [action.campaignId];
    case 'removeFromFlow':
      return action.campaignIds;
    default:
      return [];
  }
}

/**
 * Ids of the campaigns a flow runs through Execute Campaign steps (semantics E1), in flow order, once each.
 */
export function executedCampaignIds(campaign: Pick<Campaign, 'flow'>): string[] {
  const executed = flowActions(campaign.flow).flatMap(({ action }) =>
    action.type === 'executeCampaign' ? [action.campaignId] : [],
  );
  return [...new Set(executed)];
}

/** Ids of every campaign a flow names, in any action that names one, in flow order, once each. */
export function referencedCampaignIds(campaign: Pick<Campaign, 'flow'>): string[] {
  return [...new Set(flowActions(campaign.flow).flatMap(({ action }) => namedCampaignIds(action)))];
}

/**
 * For each campaign executed by one of `campaigns`, those whose flows execute it themselves
 * (Campaign.executedBy), in their order, once each: one pass over every flow.
 */
export function callersByCampaign<C extends CampaignFlow>(campaigns: Iterable<C>): Map<string, C[]> {
  const callersOf = new Map<string, C[]>();
  for (const caller of campaigns) {
    for (const calleeId of executedCampaignIds(caller)) {
      const callers = callersOf.get(calleeId);
      if (callers) callers.push(caller);
      else callersOf.set(calleeId, [caller]);
    }
  }
  return callersOf;
}

/**
 * The campaign and every campaign that runs it through Execute Campaign, directly or through other
 * executables: the flows a lead removed from the campaign's flow leaves too (semantics E9), since a child's
 * flow runs inside its callers' steps. `campaignId` first, then callers nearest first, once each.
 */
export function callerClosure(campaigns: Iterable<CampaignFlow>, campaignId: string): string[] {
  const callersOf = callersByCampaign(campaigns);
  return closure(campaignId, (id) => (callersOf.get(id) ?? []).map((caller) => caller.id));
}

/**
 * The campaign and every campaign it can execute, directly or through other executables (semantics E2):
 * `campaignId` first, then the executed ones nearest first, once each. Ids `campaigns` lacks are
 * listed but not followed.
 */
export function executionClosure(
  campaigns: Readonly<Record<string, Pick<Campaign, 'flow'>>>,
  campaignId: string,
): string[] {
  return closure(campaignId, (id) => {
    const campaign = ownValue(campaigns, id);
    return campaign ? executedCampaignIds(campaign) : [];
  });
}

/** `start` and every id `next` reaches from it, breadth first, once each (cycles end there). */
function closure(start: string, next: (id: string) => readonly string[]): string[] {
  const seen = new Set([start]);
  // A Set's iteration also visits what is added to it meanwhile: a queue that keeps no id twice.
  for (const id of seen) for (const found of next(id)) seen.add(found);
  return [...seen];
}
