import type { CompiledGraph, Frame, RunState, StepRunner } from '../flow-types.js';
import { EMAIL_FIELD, readField } from '../lead-state.js';
import type { FieldValue, FlowAction } from '../model.js';
import { setField, tokenScope, writeActivity, writeSkipped } from '../run-state.js';
import { parseTemplate, renderTemplate } from '../tokens.js';
import { parseFieldInput, sizeProblem } from '../values.js';

/** The literal that clears a field (semantics F3). */
export const NULL_VALUE = 'NULL';

/**
 * Compiles Change Data Value (semantics F3): tokens in the value are resolved, `NULL` (or null) clears the
 * field (a SCORE field to 0), and a value that does not fit the field's type is skipped with a reason.
 */
export function compileChangeDataValue(
  action: Extract<FlowAction, { type: 'changeDataValue' }>,
  graph: CompiledGraph,
): StepRunner {
  const known = graph.fields.get(action.attribute.toLowerCase());
  // Email is the lead's identity in its workspace: flows may not change it.
  const field = known === EMAIL_FIELD ? undefined : known;
  const fieldProblem = known ? 'READ_ONLY_FIELD' : 'UNKNOWN_FIELD';
  const clears = action.value === null || action.value.trim() === NULL_VALUE;
  const template = parseTemplate(action.value ?? '');
  return (state: RunState, frame: Frame) => {
    const text = clears ? null : renderTemplate(template, tokenScope(state, frame));
    if (!field) {
      const attributes = { attribute: action.attribute, value: text };
      writeSkipped(state, frame, 'CHANGE_DATA_VALUE', action.attribute, attributes, fieldProblem);
      return;
    }
    const oldValue = readField(state.lead, field);
    const cleared: FieldValue = field.type === 'SCORE' ? 0 : null;
    const newValue = text === null ? cleared : parseFieldInput(field.type, text);
    if (newValue === undefined) {
      const attributes = { attribute: field.name, value: text, oldValue };
      const reason = sizeProblem(field.type, text ?? '') ?? 'TYPE_MISMATCH';
      writeSkipped(state, frame, 'CHANGE_DATA_VALUE', field.name, attributes, reason);
      return;
    }
    setField(state, field, newValue);
    writeActivity(state, frame, 'CHANGE_DATA_VALUE', field.name, {
      attribute: field.name,
      oldValue,
      newValue,
    });
  };
}
