import type { NormalizedCriteria } from './activity-criteria.js';
import { criteriaOf, HISTORY_FILTER_KINDS } from './activity-history.js';
import { executionClosure, flowActions } from './execution-graph.js';
import { indexFields } from './lead-state.js';
import type { CampaignGraph, Filter, FlowAction, SmartListDefinition } from './model.js';
import { ownValue } from './own.js';

/** What of a lead's state, beyond its fields, a computation reads. */
export interface LeadStateNeeds {
  /** Static lists and program statuses. */
  readonly memberships: boolean;
  /** Campaign history (qualification rules). */
  readonly history: boolean;
  /** The activity criteria whose stored counts are read (semantics S5). */
  readonly activities: readonly NormalizedCriteria[];
}

/** Membership filters read lists, programs or smart lists; ATTRIBUTE and activity filters do not. */
const readsMemberships = (filter: Filter) =>
  filter.kind !== 'ATTRIBUTE' && !HISTORY_FILTER_KINDS.has(filter.kind);
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
  if (!campaign) return everything(graph, campaignId);
  return {
    memberships: listReadsMemberships(campaign.smartList),
    history: campaign.qualificationRule.kind !== 'EVERY_TIME',
    activities: criteriaOf(graph, indexFields(graph.fields), {
      smartLists: [campaign.smartList],
      conditions: [],
    }),
  };
}

/** The smart lists and choice conditions a campaign's flow reads, executed children's included. */
function flowSources(graph: CampaignGraph, campaignId: string) {
  const smartLists: SmartListDefinition[] = [];
  const conditions: Filter[] = [];
  for (const id of executionClosure(graph.campaigns, campaignId)) {
    const campaign = ownValue(graph.campaigns, id);
    if (!campaign) continue;
    if (id !== campaignId) smartLists.push(campaign.smartList);
    for (const step of campaign.flow) conditions.push(...step.choices.map((choice) => choice.when));
  }
  return { smartLists, conditions };
}

/**
 * Everything a lead has that a campaign can read, its own smart list and flow included: what a
 * simulation reads.
 */
export function everything(graph: CampaignGraph, campaignId: string): LeadStateNeeds {
  const sources = flowSources(graph, campaignId);
  const campaign = ownValue(graph.campaigns, campaignId);
  if (campaign) sources.smartLists.push(campaign.smartList);
  return {
    memberships: true,
    history: true,
    activities: criteriaOf(graph, indexFields(graph.fields), sources),
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
    if (!campaign) return everything(graph, campaignId);
    if (id !== campaignId) {
      memberships ||= listReadsMemberships(campaign.smartList);
      history ||= campaign.qualificationRule.kind !== 'EVERY_TIME';
    }
    memberships ||= campaign.flow.some((step) =>
      step.choices.some((choice) => readsMemberships(choice.when)),
    );
    memberships ||= flowActions(campaign.flow).some(({ action }) => MEMBERSHIP_ACTIONS.has(action.type));
  }
  const activities = criteriaOf(graph, indexFields(graph.fields), flowSources(graph, campaignId));
  return { memberships, history, activities };
}
