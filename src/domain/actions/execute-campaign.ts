import type { NotQualifiedReason } from '../flow-records.js';
import type { CompiledCampaign, Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { ownValue } from '../own.js';
import { qualificationAllows } from '../qualification.js';
import { MAX_EXECUTION_DEPTH, recordExecution, recordRun, runFrame, writeActivity } from '../run-state.js';
import { inheritedContext } from '../tokens.js';

function refusal(
  state: RunState,
  caller: Frame,
  child: CompiledCampaign | undefined,
  depth: number,
): NotQualifiedReason | null {
  const callerWorkspace = caller.campaign.source.workspaceId;
  if (!child?.source.executable || child.source.workspaceId !== callerWorkspace) return 'NOT_EXECUTABLE';
  if (depth > MAX_EXECUTION_DEPTH) return 'DEPTH_LIMIT';
  if (!child.smartList.valid) return 'INVALID_SMART_LIST';
  if (!child.smartList.matches(state.lead)) return 'NOT_IN_SMART_LIST';
  const history = ownValue(state.history, child.source.id);
  return qualificationAllows(child.source.qualificationRule, history, state.now)
    ? null
    : 'QUALIFICATION_RULE';
}

/**
 * Compiles Execute Campaign (semantics E1-E5): the child qualifies (smart list, qualification rule, depth)
 * and then its whole flow runs inside this step, serially (semantics E2). The EXECUTE_CAMPAIGN activity,
 * written by the parent, comes before the child's own activities.
 */
export function compileExecuteCampaign(action: Extract<FlowAction, { type: 'executeCampaign' }>): StepRunner {
  const { campaignId, useParentTokenContext } = action;
  return (state: RunState, frame: Frame) => {
    const child = state.graph.campaign(campaignId);
    const depth = frame.depth + 1;
    const reason = refusal(state, frame, child, depth);
    recordExecution(state, reason);
    writeActivity(state, frame, 'EXECUTE_CAMPAIGN', child?.source.name ?? campaignId, {
      executedCampaignId: campaignId,
      qualified: reason === null,
      depth,
      useParentTokenContext,
      ...(reason === null ? {} : { reason }),
    });
    if (!child || reason) return;
    recordRun(state, campaignId);
    const tokens = useParentTokenContext ? inheritedContext(frame.tokens, child.ownTokens) : child.ownContext;
    runFrame(state, { campaign: child, depth, tokens }, 0);
  };
}
