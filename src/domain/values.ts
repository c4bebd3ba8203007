import type { FieldType, FieldValue } from './model.js';

/** A field value reduced to what filters compare: lower-case text, a number (epoch ms for dates) or a flag. */
export type Comparable = string | number | boolean;

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseInteger(raw: string): number | undefined {
  const value = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseFloatValue(raw: string): number | undefined {
  const value = FLOAT.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function parseBoolean(raw: string): boolean | undefined {
  const lower = raw.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** ISO-8601 date or date-time to canonical UTC ISO text; a time without a zone is read as UTC. */
function parseDateTime(raw: string): string | undefined {
  const match = ISO_DATE_TIME.exec(raw);
  if (!match) return undefined;
  const zoneless = raw.includes('T') && match[1] === undefined;
  const epoch = Date.parse(zoneless ? `${raw}Z` : raw);
  return Number.isNaN(epoch) ? undefined : new Date(epoch).toISOString();
}

/**
 * Interprets text as a value of a field type, or undefined when it does not fit: INTEGER and SCORE
 * take safe integers, FLOAT finite numbers, BOOLEAN true/false, DATETIME ISO-8601 (stored as UTC ISO).
 */
export function parseFieldInput(type: FieldType, raw: string): FieldValue | undefined {
  if (type === 'STRING') return raw;
  const trimmed = raw.trim();
  switch (type) {
    case 'INTEGER':
    case 'SCORE':
      return parseInteger(trimmed);
    case 'FLOAT':
      return parseFloatValue(trimmed);
    case 'BOOLEAN':
      return parseBoolean(trimmed);
    case 'DATETIME':
      return parseDateTime(trimmed);
  }
}

/** A stored value as filters compare it; null when empty or not of the field's type. */
export function comparable(type: FieldType, value: FieldValue): Comparable | null {
  if (value === null || value === '') return null;
  if (type === 'STRING') return String(value).toLowerCase();
  const typed = typeof value === 'string' ? parseFieldInput(type, value) : value;
  if (type === 'DATETIME') return typeof typed === 'string' ? Date.parse(typed) : null;
  if (type === 'BOOLEAN') return typeof typed === 'boolean' ? typed : null;
  return typeof typed === 'number' ? typed : null;
}
