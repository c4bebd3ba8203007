import type { CompiledGraph, Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { ownValue } from '../own.js';
import { writeActivity } from '../run-state.js';

/**
 * Compiles Request Campaign (semantics F5): a hand-off the runs layer enqueues as a separate TRIGGERED run;
 * this flow does not wait for it.
 */
export function compileRequestCampaign(
  action: Extract<FlowAction, { type: 'requestCampaign' }>,
  graph: CompiledGraph,
): StepRunner {
  const { campaignId } = action;
  const name = ownValue(graph.source.campaigns, campaignId)?.name ?? campaignId;
  return (state: RunState, frame: Frame) => {
    state.effects.requestedCampaignIds.push(campaignId);
    writeActivity(state, frame, 'REQUEST_CAMPAIGN', name, { requestedCampaignId: campaignId });
  };
}
