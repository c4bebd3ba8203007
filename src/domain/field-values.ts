import { DomainError } from './errors.js';
import { EMAIL_FIELD, type FieldDefinition } from './lead-state.js';
import type { FieldType, FieldValue } from './model.js';
import {
  isWholeValue,
  MAX_STRING_VALUE_LENGTH,
  MAX_WHOLE_VALUE,
  MIN_WHOLE_VALUE,
  parseFieldInput,
} from './values.js';

/** Fields every workspace has without defining them: email, then the default score field. */
export const BUILT_IN_FIELDS: readonly FieldDefinition[] = [EMAIL_FIELD, { name: 'score', type: 'SCORE' }];

/** A value in its stored form, or why it does not fit its field. */
export type FieldValueResult = { ok: true; value: FieldValue } | { ok: false; reason: string };

/** Field values by their defined names, or why one of them is refused. */
export type FieldValuesResult =
  | { ok: true; values: Record<string, FieldValue> }
  | { ok: false; reason: string };

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9 _-]{0,99}$/;

/** Names JavaScript objects inherit (`constructor`, `toString`...), lower-cased. */
const INHERITED_NAMES = new Set(
  Object.getOwnPropertyNames(Object.prototype).map((name) => name.toLowerCase()),
);

/**
 * A new field's name, trimmed: it starts with a letter and holds only letters, digits, spaces, _ and
 * - (at most 100 characters), and is not the name of a member every JavaScript object inherits
 * (such as `constructor`), case-insensitively. Anything else is refused (BAD_USER_INPUT).
 */
export function requireFieldName(input: string): string {
  const name = input.trim();
  if (!FIELD_NAME.test(name)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'name: must start with a letter and hold only letters, digits, spaces, _ and - (at most 100 characters)',
    );
  }
  if (INHERITED_NAMES.has(name.toLowerCase())) {
    throw new DomainError('BAD_USER_INPUT', `name: ${name} is reserved`);
  }
  return name;
}

function refused(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * A JSON value given for a field, in its stored form: STRING takes text of at most
 * MAX_STRING_VALUE_LENGTH characters, INTEGER and SCORE whole
 * numbers from MIN_WHOLE_VALUE to MAX_WHOLE_VALUE, FLOAT finite numbers, BOOLEAN true or false, DATETIME ISO-8601 text as a flow's Change
 * Data Value reads it (`parseFieldInput`: a time without a zone is UTC, whatever the server's
 * zone). Null clears the field.
 */
export function fieldValueOf(type: FieldType, value: unknown): FieldValueResult {
  if (value === null) return { ok: true, value: null };
  switch (type) {
    case 'STRING':
      if (typeof value !== 'string') return refused('must be a string');
      return value.length > MAX_STRING_VALUE_LENGTH
        ? refused(`must be at most ${MAX_STRING_VALUE_LENGTH} characters`)
        : { ok: true, value };
    case 'INTEGER':
    case 'SCORE':
      if (!Number.isInteger(value)) return refused('must be a whole number');
      return isWholeValue(value)
        ? { ok: true, value }
        : refused(`must be from ${MIN_WHOLE_VALUE} to ${MAX_WHOLE_VALUE}`);
    case 'FLOAT':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : refused('must be a number');
    case 'BOOLEAN':
      return typeof value === 'boolean' ? { ok: true, value } : refused('must be true or false');
    case 'DATETIME': {
      const parsed = typeof value === 'string' ? parseFieldInput('DATETIME', value) : undefined;
      return parsed === undefined ? refused('must be an ISO-8601 date-time') : { ok: true, value: parsed };
    }
  }
}

/**
 * Field values given for a lead (an object keyed by field name, matched case-insensitively), each
 * checked against its field's type and keyed by the field's defined name. Email is not among them:
 * it is the lead's identity, given on its own.
 */
export function readFieldValues(input: unknown, fields: readonly FieldDefinition[]): FieldValuesResult {
  if (input === null || input === undefined) return { ok: true, values: {} };
  if (typeof input !== 'object' || Array.isArray(input)) return refused('fields must be an object');
  const byName = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
  const values: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(input)) {
    const field = byName.get(name.toLowerCase());
    if (!field) return refused(`there is no field ${name}`);
    if (field.name === EMAIL_FIELD.name) return refused('email is set by the email argument');
    const stored = fieldValueOf(field.type, value);
    if (!stored.ok) return refused(`${field.name} ${stored.reason}`);
    values[field.name] = stored.value;
  }
  return { ok: true, values };
}
