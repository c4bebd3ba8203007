import type { CompiledGraph, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { compileChangeDataValue } from './change-data-value.js';
import { compileChangeProgramStatus } from './change-program-status.js';
import { compileChangeScore } from './change-score.js';
import { compileExecuteCampaign } from './execute-campaign.js';
import { compileInterestingMoment } from './interesting-moment.js';
import { compileAddToList, compileRemoveFromList } from './list-membership.js';
import { compileRemoveFromFlow } from './remove-from-flow.js';
import { compileRequestCampaign } from './request-campaign.js';
import { compileWait } from './wait.js';
import { compileWebhook } from './webhook.js';

/** Compiles a flow action into the runner that applies it to a lead (null: do nothing). */
export function compileAction(action: FlowAction | null, graph: CompiledGraph): StepRunner | null {
  if (!action) return null;
  switch (action.type) {
    case 'changeScore':
      return compileChangeScore(action, graph);
    case 'changeDataValue':
      return compileChangeDataValue(action, graph);
    case 'executeCampaign':
      return compileExecuteCampaign(action);
    case 'requestCampaign':
      return compileRequestCampaign(action, graph);
    case 'removeFromFlow':
      return compileRemoveFromFlow(action, graph);
    case 'addToList':
      return compileAddToList(action);
    case 'removeFromList':
      return compileRemoveFromList(action);
    case 'changeProgramStatus':
      return compileChangeProgramStatus(action, graph);
    case 'wait':
      return compileWait(action);
    case 'webhook':
      return compileWebhook(action);
    case 'interestingMoment':
      return compileInterestingMoment(action);
  }
}
