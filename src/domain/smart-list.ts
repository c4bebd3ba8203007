import { compiledGraph } from './graph.js';
import { type LeadState, leadStateOf } from './lead-state.js';
import type {
  CampaignGraph,
  FieldValue,
  Lead,
  SmartListDefinition,
  SmartListEvaluation,
  Trigger,
} from './model.js';
import type { CompiledSmartList } from './smart-list-compiler.js';

/**
 * A field's value before and after a change, for trigger tokens (semantics T8); triggers match without them.
 */
export interface ChangedValues {
  oldValue?: FieldValue;
  newValue?: FieldValue;
}

/** Something that happened to a lead, as triggers listen for it (semantics S3). */
export type TriggerEvent =
  | { kind: 'CAMPAIGN_IS_REQUESTED'; source: 'FLOW_ACTION' | 'API' }
  | ({ kind: 'DATA_VALUE_CHANGES'; attribute: string } & ChangedValues)
  | ({ kind: 'SCORE_IS_CHANGED'; scoreName: string } & ChangedValues)
  | { kind: 'ADDED_TO_LIST'; listId: string; listName?: string }
  | { kind: 'LEAD_IS_CREATED'; email?: string };

/** Explains a compiled smart list for a lead: the verdict and one row per filter. */
export function explainSmartList(list: CompiledSmartList, lead: LeadState): SmartListEvaluation {
  const explanation = list.filters.map((filter, index) => {
    const outcome = filter.valid
      ? filter.explain(lead)
      : { passed: false, detail: `invalid: ${filter.reason}` };
    return { position: index + 1, ...outcome };
  });
  if (!list.valid) return { valid: false, passed: false, invalidReason: list.reason, explanation };
  return { valid: true, passed: list.matches(lead), invalidReason: null, explanation };
}

/**
 * Evaluates a smart list's filters for a lead (semantics S1, S2) with a per-filter explanation. An invalid
 * smart list (unknown field, bad operator or values, missing, deleted or cyclic smart-list reference,
 * malformed advanced logic) passes nobody (semantics E4) and says why.
 */
export function evaluateSmartList(
  definition: SmartListDefinition,
  lead: Lead,
  graph: CampaignGraph,
): SmartListEvaluation {
  return explainSmartList(compiledGraph(graph).smartList(definition), leadStateOf(lead));
}

function sameName(wanted: string | null | undefined, actual: string): boolean {
  return !wanted || wanted.toLowerCase() === actual.toLowerCase();
}

/** Whether a trigger listens for an event (semantics S3); a trigger's unset qualifier matches any value. */
export function triggerMatches(trigger: Trigger, event: TriggerEvent): boolean {
  switch (event.kind) {
    case 'CAMPAIGN_IS_REQUESTED':
      return trigger.kind === event.kind && (!trigger.source || trigger.source === event.source);
    case 'DATA_VALUE_CHANGES':
      return trigger.kind === event.kind && sameName(trigger.attribute, event.attribute);
    case 'SCORE_IS_CHANGED':
      return trigger.kind === event.kind && sameName(trigger.attribute, event.scoreName);
    case 'ADDED_TO_LIST':
      return trigger.kind === event.kind && (!trigger.staticListId || trigger.staticListId === event.listId);
    case 'LEAD_IS_CREATED':
      return trigger.kind === event.kind;
  }
}

/** Whether any of a smart list's triggers listens for an event: triggers are OR'ed (semantics S1). */
export function listensFor(definition: SmartListDefinition, event: TriggerEvent): boolean {
  return definition.triggers.some((trigger) => triggerMatches(trigger, event));
}
