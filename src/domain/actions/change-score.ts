import type { CompiledGraph, Frame, RunState, StepRunner } from '../flow-types.js';
import { type FieldDefinition, type LeadState, readField } from '../lead-state.js';
import type { FlowAction } from '../model.js';
import { addToScore, setField, tokenScope, writeActivity, writeSkipped } from '../run-state.js';
import { isLiteral, parseTemplate, renderTemplate } from '../tokens.js';
import { comparable, isWholeValue, parseScoreChange } from '../values.js';

function currentScore(lead: LeadState, field: FieldDefinition): number {
  return (comparable('SCORE', readField(lead, field)) as number | null) ?? 0;
}

/** Compiles Change Score: unusable changes are skipped with a reason, never thrown (semantics F2). */
export function compileChangeScore(
  action: Extract<FlowAction, { type: 'changeScore' }>,
  graph: CompiledGraph,
): StepRunner {
  const field = graph.fields.get(action.scoreName.toLowerCase());
  const scoreField = field?.type === 'SCORE' ? field : undefined;
  const fieldProblem = field ? 'NOT_A_SCORE_FIELD' : 'UNKNOWN_SCORE_FIELD';
  const template = parseTemplate(action.change);
  const literal = isLiteral(template) ? template[0] : null;
  const literalSpec = literal === null ? null : parseScoreChange(literal);
  return (state: RunState, frame: Frame) => {
    const change = literal ?? renderTemplate(template, tokenScope(state, frame));
    if (!scoreField) {
      const attributes = { scoreName: action.scoreName, change, oldValue: 0, newValue: 0 };
      writeSkipped(state, frame, 'CHANGE_SCORE', action.scoreName, attributes, fieldProblem);
      return;
    }
    const oldValue = currentScore(state.lead, scoreField);
    const spec = literal === null ? parseScoreChange(change) : literalSpec;
    const newValue = spec?.mode === 'SET' ? spec.amount : oldValue + (spec?.amount ?? 0);
    if (!spec || !isWholeValue(newValue)) {
      const attributes = { scoreName: scoreField.name, change, oldValue, newValue: oldValue };
      writeSkipped(
        state,
        frame,
        'CHANGE_SCORE',
        scoreField.name,
        attributes,
        spec ? 'OUT_OF_RANGE' : 'UNUSABLE_CHANGE',
      );
      return;
    }
    if (spec.mode === 'SET') setField(state, scoreField, newValue);
    else addToScore(state, scoreField, spec.amount, newValue);
    writeActivity(state, frame, 'CHANGE_SCORE', scoreField.name, {
      scoreName: scoreField.name,
      change,
      oldValue,
      newValue,
    });
  };
}
