import type { FieldType, FieldValue, TokenType } from './model.js';

/** A field value reduced to what filters compare: lower-case text, a number (epoch ms for dates) or a flag. */
export type Comparable = string | number | boolean;

/** A usable score change: add `amount`, or set the score to it. */
export interface ScoreChangeSpec {
  mode: 'ADD' | 'SET';
  amount: number;
}

/** A My Token's value as its type reads it (see `parseTokenValue`). */
export type TokenValue = string | number | ScoreChangeSpec;

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const SCORE_CHANGE = /^(=-?|[+-])?(\d+)$/;
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

/**
 * Parses a score change (F2): `+N` and bare `N` add, `-N` subtracts, `=N` sets, `=-N` sets a
 * negative value; whitespace around the change is ignored, inside it is not. Null when the text is
 * none of those or N is not a safe integer.
 */
export function parseScoreChange(text: string): ScoreChangeSpec | null {
  const match = SCORE_CHANGE.exec(text.trim());
  const amount = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(amount)) return null;
  switch (match[1]) {
    case '=':
      return { mode: 'SET', amount };
    case '=-':
      return { mode: 'SET', amount: 0 - amount };
    case '-':
      return { mode: 'ADD', amount: 0 - amount };
    default:
      return { mode: 'ADD', amount };
  }
}

/**
 * Interprets a My Token's value as its type (T2), or undefined when it does not fit: TEXT is any
 * text, NUMBER a decimal number, SCORE a change that Change Score applies (`parseScoreChange`),
 * DATE what a DATETIME field takes (stored as UTC ISO).
 */
export function parseTokenValue(type: TokenType, raw: string): TokenValue | undefined {
  switch (type) {
    case 'TEXT':
      return raw;
    case 'NUMBER':
      return DECIMAL.test(raw) ? Number(raw) : undefined;
    case 'SCORE':
      return parseScoreChange(raw) ?? undefined;
    case 'DATE':
      return parseDateTime(raw.trim());
  }
}
