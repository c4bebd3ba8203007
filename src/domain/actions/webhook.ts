import type { Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { insideExecutable, tokenScope, writeSkipped } from '../run-state.js';
import { parseTemplate, renderTemplate } from '../tokens.js';

/**
 * Compiles Webhook (semantics F10): the flow suspends with the token-resolved request; the runs layer makes
 * the call, writes the CALL_WEBHOOK activity with its status and resumes at the next step. Inside an
 * executable campaign (refused on save, semantics E8) the step is skipped with a reason.
 */
export function compileWebhook(action: Extract<FlowAction, { type: 'webhook' }>): StepRunner {
  const url = parseTemplate(action.url);
  const body = action.body === null ? null : parseTemplate(action.body);
  const method = action.method.toUpperCase();
  return (state: RunState, frame: Frame, stepIndex: number) => {
    if (insideExecutable(frame)) {
      writeSkipped(
        state,
        frame,
        'CALL_WEBHOOK',
        action.url,
        { url: action.url, method },
        'WEBHOOK_IN_EXECUTABLE',
      );
      return;
    }
    const scope = tokenScope(state, frame);
    const request = {
      url: renderTemplate(url, scope),
      method,
      body: body && renderTemplate(body, scope),
      ...(action.responseMappings?.length ? { responseMappings: action.responseMappings } : {}),
    };
    state.suspend = { kind: 'WEBHOOK', request, resumeStepIndex: stepIndex + 1 };
  };
}
