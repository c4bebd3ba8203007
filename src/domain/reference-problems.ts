import type { CampaignProblem } from './errors.js';
import { flowActions } from './execution-graph.js';
import type { FieldIndex } from './lead-state.js';
import type { Campaign, CampaignGraph } from './model.js';
import { ownValue } from './own.js';
import { listensFor } from './smart-list.js';

/** Trigger kinds whose `attribute` names a lead field. */
const FIELD_TRIGGERS = new Set(['DATA_VALUE_CHANGES', 'SCORE_IS_CHANGED']);

/**
 * Triggers that listen to a field the workspace lacks: they never fire (INVALID_SMART_LIST). A
 * trigger without an attribute listens to every field and is fine.
 */
function triggerFieldProblems(campaign: Campaign, fields: FieldIndex): CampaignProblem[] {
  return campaign.smartList.triggers
    .filter((trigger) => FIELD_TRIGGERS.has(trigger.kind) && trigger.attribute)
    .filter((trigger) => !fields.has((trigger.attribute as string).toLowerCase()))
    .map((trigger) => ({
      code: 'INVALID_SMART_LIST',
      message: `the ${trigger.kind} trigger listens to field "${trigger.attribute}", which does not exist; it never fires`,
      campaignId: campaign.id,
      stepPosition: null,
    }));
}

/**
 * Request Campaign steps aimed at a campaign a flow cannot request (semantics F5): one that is not a trigger
 * campaign listening for Campaign is Requested from a flow action (NOT_REQUESTABLE). Targets the
 * graph lacks are left to the execution graph's checks.
 */
function requestTargetProblems(campaign: Campaign, graph: CampaignGraph): CampaignProblem[] {
  return flowActions(campaign.flow).flatMap(({ action, stepPosition }) => {
    if (action.type !== 'requestCampaign') return [];
    const target = ownValue(graph.campaigns, action.campaignId);
    const requestable =
      !target ||
      (!target.executable &&
        listensFor(target.smartList, { kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }));
    if (requestable) return [];
    return [
      {
        code: 'NOT_REQUESTABLE',
        message: `campaign "${target.name}" does not listen for Campaign is Requested from a flow action; the step requests nothing`,
        campaignId: campaign.id,
        stepPosition,
      },
    ];
  });
}

/** A campaign's references that name nothing usable: trigger fields and Request Campaign targets. */
export function referenceProblems(
  campaign: Campaign,
  graph: CampaignGraph,
  fields: FieldIndex,
): CampaignProblem[] {
  return [...triggerFieldProblems(campaign, fields), ...requestTargetProblems(campaign, graph)];
}
