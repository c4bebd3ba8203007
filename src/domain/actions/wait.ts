import type { Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { insideExecutable, writeActivity, writeSkipped } from '../run-state.js';

/**
 * Compiles Wait (semantics F9): the flow suspends and the runs layer resumes it at the next step once the
 * delay is over. Inside an executable campaign (refused on save, semantics E8) the step is skipped with a
 * reason.
 */
export function compileWait(action: Extract<FlowAction, { type: 'wait' }>): StepRunner {
  const seconds = Number.isFinite(action.seconds) && action.seconds > 0 ? action.seconds : 0;
  return (state: RunState, frame: Frame, stepIndex: number) => {
    if (insideExecutable(frame)) {
      writeSkipped(state, frame, 'WAIT', `${seconds}`, { seconds }, 'WAIT_IN_EXECUTABLE');
      return;
    }
    const resumeAt = new Date(state.now.getTime() + seconds * 1000);
    state.suspend = { kind: 'WAIT', resumeAt, resumeStepIndex: stepIndex + 1 };
    writeActivity(state, frame, 'WAIT', `${seconds}`, { seconds, resumeAt: resumeAt.toISOString() });
  };
}
