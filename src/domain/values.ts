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

/** The least value of a SCORE or INTEGER field (a 32-bit signed integer, as GraphQL's Int). */
export const MIN_WHOLE_VALUE = -2147483648;
/** The greatest value of a SCORE or INTEGER field. */
export const MAX_WHOLE_VALUE = 2147483647;

/** True for a whole number a SCORE or INTEGER field can hold. */
export function isWholeValue(value: unknown): value is number {
  return (
    Number.isInteger(value) && (value as number) >= MIN_WHOLE_VALUE && (value as number) <= MAX_WHOLE_VALUE
  );
}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const SCORE_CHANGE = /^(=-?|[+-])?(\d+)$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

function parseInteger(raw: string): number | undefined {
  const value = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  return isWholeValue(value) ? value : undefined;
}

function parseFloatValue(raw: string): number | undefined {
  const value = FLOAT.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function parseBoolean(raw: string): boolean | undefined {
  const lower = raw.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Days in a month of the proleptic Gregorian calendar (month 1..12). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** True when every part of a matched ISO-8601 text names a real calendar date and clock time. */
function isRealDateTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0, , zoneHours = 0, zoneMinutes = 0] = match
    .slice(1)
    .map((part) => (part === undefined || part === 'Z' ? undefined : Number(part)));
  return (
    (year as number) >= 1 &&
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth(year as number, month as number) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneHours <= 23 &&
    zoneMinutes <= 59
  );
}

/**
 * ISO-8601 date or date-time to canonical UTC ISO text; a time without a zone is read as UTC.
 * Undefined for a date that does not exist (2027-02-30, month 13, year 0) or a time past 23:59:59:
 * nothing rolls over into the next day or month.
 */
export function parseDateTime(raw: string): string | undefined {
  const match = ISO_DATE_TIME.exec(raw);
  if (!match || !isRealDateTime(match)) return undefined;
  const zoneless = raw.includes('T') && match[7] === undefined;
  const epoch = Date.parse(zoneless ? `${raw}Z` : raw);
  if (Number.isNaN(epoch)) return undefined;
  const iso = new Date(epoch).toISOString();
  // A zone can move year 1 or 9999 out of four-digit years; such instants are refused too.
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

/** The longest value of a STRING field, in characters. */
export const MAX_STRING_VALUE_LENGTH = 10_000;

/**
 * Why text of the right shape still does not fit a field: a whole number a SCORE or INTEGER field
 * cannot hold (OUT_OF_RANGE), text longer than a STRING field holds (TOO_LONG); null otherwise.
 */
export function sizeProblem(type: FieldType, raw: string): 'OUT_OF_RANGE' | 'TOO_LONG' | null {
  if (type === 'STRING') return raw.length > MAX_STRING_VALUE_LENGTH ? 'TOO_LONG' : null;
  const trimmed = raw.trim();
  const whole = type === 'INTEGER' || type === 'SCORE';
  return whole && INTEGER.test(trimmed) && !isWholeValue(Number(trimmed)) ? 'OUT_OF_RANGE' : null;
}

/**
 * Interprets text as a value of a field type, or undefined when it does not fit: STRING takes text
 * of at most MAX_STRING_VALUE_LENGTH characters, INTEGER and SCORE
 * take whole numbers from MIN_WHOLE_VALUE to MAX_WHOLE_VALUE, FLOAT finite numbers, BOOLEAN true/false, DATETIME ISO-8601 (stored as UTC ISO).
 */
export function parseFieldInput(type: FieldType, raw: string): FieldValue | undefined {
  if (type === 'STRING') return raw.length > MAX_STRING_VALUE_LENGTH ? undefined : raw;
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
 * Parses a score change (semantics F2): `+N` and bare `N` add, `-N` subtracts, `=N` sets, `=-N` sets a
 * negative value; whitespace around the change is ignored, inside it is not. Null when the text is
 * none of those or the change (N, or -N) is outside MIN_WHOLE_VALUE..MAX_WHOLE_VALUE.
 */
export function parseScoreChange(text: string): ScoreChangeSpec | null {
  const match = SCORE_CHANGE.exec(text.trim());
  if (!match) return null;
  const magnitude = Number(match[2]);
  const negative = match[1] === '=-' || match[1] === '-';
  const amount = negative ? 0 - magnitude : magnitude;
  if (!isWholeValue(amount)) return null;
  return { mode: match[1] === '=' || match[1] === '=-' ? 'SET' : 'ADD', amount };
}

/**
 * Interprets a My Token's value as its type (semantics T2), or undefined when it does not fit: TEXT is any
 * text, NUMBER a decimal number, SCORE a change that Change Score applies (`parseScoreChange`),
 * DATE what a DATETIME field takes (stored as UTC ISO).
 */
export function parseTokenValue(type: TokenType, raw: string): TokenValue | undefined {
  switch (type) {
    case 'TEXT':
      return raw;
    case 'NUMBER': {
      const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
      return Number.isFinite(value) ? value : undefined;
    }
    case 'SCORE':
      return parseScoreChange(raw) ?? undefined;
    case 'DATE':
      return parseDateTime(raw.trim());
  }
}
