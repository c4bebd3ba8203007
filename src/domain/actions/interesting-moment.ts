import type { Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { tokenScope, writeActivity } from '../run-state.js';
import { parseTemplate, renderTemplate } from '../tokens.js';

/** Compiles Interesting Moment (semantics F11): an activity whose description has its tokens resolved. */
export function compileInterestingMoment(
  action: Extract<FlowAction, { type: 'interestingMoment' }>,
): StepRunner {
  const { kind } = action;
  const description = parseTemplate(action.description);
  return (state: RunState, frame: Frame) => {
    const text = renderTemplate(description, tokenScope(state, frame));
    writeActivity(state, frame, 'INTERESTING_MOMENT', kind, { kind, description: text });
  };
}
