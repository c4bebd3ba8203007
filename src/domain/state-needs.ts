import { executionClosure, flowActions } from './execution-graph.js';
import type { CampaignGraph, Filter, FlowAction, SmartListDefinition } from './model.js';
import { ownValue } from './own.js';

/** What of a lead's state, beyond its fields, a computation reads. */
export interface LeadStateNeeds {
  /** Static lists and program statuses. */
  readonly memberships: boolean;
  /** Campaign history (qualification rules). */
  readonly history: boolean;
}

/** Everything a lead has: what a simulation reads, whatever the campaign. */
export const EVERYTHING: LeadStateNeeds = { memberships: true, history: true };

/** Only ATTRIBUTE filters read nothing but fields; the others read lists, programs or smart lists. */
const readsMemberships = (filter: Filter) => filter.kind !== 'ATTRIBUTE';
const listReadsMemberships = (list: SmartListDefinition) => list.filters.some(readsMemberships);

/** Actions whose outcome depends on the lead's current lists or statuses (semantics F7, F8). */
const MEMBERSHIP_ACTIONS: ReadonlySet<FlowAction['type']> = new Set([
  'addToList',
  'removeFromList',
  'changeProgramStatus',
]);

/**
 * What `qualifyForCampaign` reads for a campaign (semantics S4, Q2): its smart list's filters and its rule.
 * A campaign not in the graph: everything (its absence is for the caller to report).
 */
export function audienceNeeds(graph: CampaignGraph, campaignId: string): LeadStateNeeds {
  const campaign = ownValue(graph.campaigns, campaignId);
  if (!campaign) return EVERYTHING;
  return {
    memberships: listReadsMemberships(campaign.smartList),
    history: campaign.qualificationRule.kind !== 'EVERY_TIME',
  };
}

/**
 * What `runFlow` reads for a campaign's flow: the choices and actions of its flow and of every
 * campaign it can execute, and those executables' smart lists and rules (semantics E3, Q1). The top
 * campaign's own smart list and rule are not read (its qualification is the caller's). A campaign
 * not in the graph: everything.
 */
export function flowNeeds(graph: CampaignGraph, campaignId: string): LeadStateNeeds {
  let memberships = false;
  let history = false;
  for (const id of executionClosure(graph.campaigns, campaignId)) {
    const campaign = ownValue(graph.campaigns, id);
    if (!campaign) return EVERYTHING;
    if (id !== campaignId) {
      memberships ||= listReadsMemberships(campaign.smartList);
      history ||= campaign.qualificationRule.kind !== 'EVERY_TIME';
    }
    memberships ||= campaign.flow.some((step) =>
      step.choices.some((choice) => readsMemberships(choice.when)),
    );
    memberships ||= flowActions(campaign.flow).some(({ action }) => MEMBERSHIP_ACTIONS.has(action.type));
  }
  return { memberships, history };
}
