import type { CompiledGraph, Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { ownValue } from '../own.js';
import { writeActivity } from '../run-state.js';

function addMissing(target: string[], ids: Iterable<string>): void {
  for (const id of ids) if (!target.includes(id)) target.push(id);
}

/**
 * Compiles Remove from Flow (semantics F6, E9). Naming a campaign that is running for the lead (the current
 * one or any caller up the chain) stops every running frame: a child's flow runs inside its parents'
 * steps, so removing the lead from an executable removes it from the parents running it too.
 * The named campaigns (and the stopped ones) are handed on so that their pending waits are cancelled.
 */
export function compileRemoveFromFlow(
  action: Extract<FlowAction, { type: 'removeFromFlow' }>,
  graph: CompiledGraph,
): StepRunner {
  const campaignIds = [...action.campaignIds];
  const names = campaignIds.map((id) => ownValue(graph.source.campaigns, id)?.name ?? id).join(', ');
  return (state: RunState, frame: Frame) => {
    const running = state.stack.map((running) => running.campaign.source.id);
    const stops = running.some((id) => campaignIds.includes(id));
    const stoppedCampaignIds = stops ? running : [];
    addMissing(state.effects.removedFromFlowCampaignIds, [...campaignIds, ...stoppedCampaignIds]);
    writeActivity(state, frame, 'REMOVE_FROM_FLOW', names, { campaignIds, stoppedCampaignIds });
    if (stops) state.stopped = true;
  };
}
