import { flowActions } from '../execution-graph.js';
import type { MappingFailure, WebhookResponse } from '../flow-records.js';
import type { Frame, RunState } from '../flow-types.js';
import { EMAIL_FIELD, type FieldDefinition, type FieldIndex, readField } from '../lead-state.js';
import type { FieldValue, FlowStep, JsonValue } from '../model.js';
import { setField, writeActivity } from '../run-state.js';
import { parseFieldInput, sizeProblem } from '../values.js';

/** A whole-number path segment: on an array it is an index (`items.0.id`), on an object a key. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * The value at a dotted path of a JSON value (semantics F12), or undefined when the path leads nowhere.
 * Each segment is an object's key; on an array, a whole-number segment is a 0-based index. Keys
 * holding a dot cannot be reached.
 */
export function readJsonPath(value: JsonValue, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      current = ARRAY_INDEX.test(segment) ? current[Number(segment)] : undefined;
    } else {
      const record = current as Record<string, JsonValue>;
      current = Object.hasOwn(record, segment) ? record[segment] : undefined;
    }
  }
  return current;
}

/**
 * A JSON value as a field of `field`'s type holds it, or why it does not fit: null clears the field
 * (a SCORE field to 0, as Change Data Value's NULL); strings, numbers and booleans are read as
 * Change Data Value reads its text; objects and arrays fit no field.
 */
export function fieldValueOf(
  field: FieldDefinition,
  value: JsonValue,
): { value: FieldValue } | { reason: string } {
  if (value === null) return { value: field.type === 'SCORE' ? 0 : null };
  if (typeof value === 'object') return { reason: 'TYPE_MISMATCH' };
  const text = String(value);
  const parsed = parseFieldInput(field.type, text);
  if (parsed === undefined) return { reason: sizeProblem(field.type, text) ?? 'TYPE_MISMATCH' };
  return { value: parsed };
}

/** The field a mapping may write: a lead field other than `email` (the lead's identity), or why not. */
function mappedField(
  fields: FieldIndex,
  name: string,
): FieldDefinition | 'UNKNOWN_FIELD' | 'READ_ONLY_FIELD' {
  const field = fields.get(name.toLowerCase());
  if (!field) return 'UNKNOWN_FIELD';
  return field === EMAIL_FIELD ? 'READ_ONLY_FIELD' : field;
}

/**
 * Why a flow's webhook response mappings cannot be saved (semantics F12): a field that does not exist,
 * or email, which flows never change. Null when every mapped field can be written.
 */
export function responseMappingFieldRefusal(flow: readonly FlowStep[], fields: FieldIndex): string | null {
  for (const { action, stepPosition } of flowActions(flow)) {
    if (action.type !== 'webhook') continue;
    for (const { path, field } of action.responseMappings ?? []) {
      const found = mappedField(fields, field);
      const where = `flow step ${stepPosition}, response mapping ${path}`;
      if (found === 'UNKNOWN_FIELD') return `${where}: there is no lead field "${field}"`;
      if (found === 'READ_ONLY_FIELD') return `${where}: flows cannot change email`;
    }
  }
  return null;
}

function parsedBody(response: WebhookResponse): { json: JsonValue } | { reason: string } {
  if (response.body === null) return { reason: response.unmappable ?? 'NO_RESPONSE_BODY' };
  try {
    return { json: JSON.parse(response.body) as JsonValue };
  } catch {
    return { reason: 'NOT_JSON' };
  }
}

/**
 * Applies a webhook's response mappings to the lead (semantics F12), in order: each value found
 * that fits its field sets it and writes a CHANGE_DATA_VALUE activity with source WEBHOOK (so
 * Data Value Changes triggers fire as for any flow change). Returns the mappings that set nothing
 * and why; none of them stops the flow.
 */
export function applyResponseMappings(
  state: RunState,
  frame: Frame,
  response: WebhookResponse,
): MappingFailure[] {
  const body = parsedBody(response);
  const failures: MappingFailure[] = [];
  for (const mapping of response.mappings) {
    const fail = (reason: string) => failures.push({ path: mapping.path, field: mapping.field, reason });
    if ('reason' in body) {
      fail(body.reason);
      continue;
    }
    const field = mappedField(state.graph.fields, mapping.field);
    if (typeof field === 'string') {
      fail(field);
      continue;
    }
    const found = readJsonPath(body.json, mapping.path);
    if (found === undefined) {
      fail('PATH_NOT_FOUND');
      continue;
    }
    const fitted = fieldValueOf(field, found);
    if ('reason' in fitted) {
      fail(fitted.reason);
      continue;
    }
    const oldValue = readField(state.lead, field);
    setField(state, field, fitted.value);
    writeActivity(state, frame, 'CHANGE_DATA_VALUE', field.name, {
      attribute: field.name,
      oldValue,
      newValue: fitted.value,
      source: 'WEBHOOK',
    });
  }
  return failures;
}
