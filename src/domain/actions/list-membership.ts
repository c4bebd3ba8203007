import type { Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { writeActivity } from '../run-state.js';

/** Moves `listId` from `undo` (a change this flow made earlier) or records it in `record`. */
function recordNetChange(listId: string, record: string[], undo: string[]): void {
  const earlier = undo.indexOf(listId);
  if (earlier === -1) record.push(listId);
  else undo.splice(earlier, 1);
}

/**
 * Compiles Add to List (semantics F7). Already a member: nothing happens and no activity is written, since
 * nothing changed.
 */
export function compileAddToList(action: Extract<FlowAction, { type: 'addToList' }>): StepRunner {
  const { listId } = action;
  return (state: RunState, frame: Frame) => {
    if (state.lead.lists.has(listId)) return;
    state.lead.lists.add(listId);
    recordNetChange(listId, state.effects.listAdds, state.effects.listRemoves);
    writeActivity(state, frame, 'ADD_TO_LIST', listId, { listId });
  };
}

/** Compiles Remove from List (semantics F7). Not a member: nothing happens and no activity is written. */
export function compileRemoveFromList(action: Extract<FlowAction, { type: 'removeFromList' }>): StepRunner {
  const { listId } = action;
  return (state: RunState, frame: Frame) => {
    if (!state.lead.lists.delete(listId)) return;
    recordNetChange(listId, state.effects.listRemoves, state.effects.listAdds);
    writeActivity(state, frame, 'REMOVE_FROM_LIST', listId, { listId });
  };
}
