import { describe, expect, it } from 'vitest';
import { fieldValueOf, readFieldValues } from '../../src/domain/field-values.js';
import type { FlowAction, TokenType } from '../../src/domain/model.js';
import { checkTokens } from '../../src/domain/tokens.js';
import { parseFieldInput } from '../../src/domain/values.js';
import { act, makeCampaign, makeGraph, makeLead, makeProgram, run, step } from './model-builders.js';

/** Where a flow uses a token of each type: a score change, a DATETIME field, a FLOAT field. */
const USED_BY: Record<Exclude<TokenType, 'TEXT'>, FlowAction> = {
  SCORE: act.score('{{my.t}}'),
  DATE: act.data('signedUpAt', '{{my.t}}'),
  NUMBER: act.data('revenue', '{{my.t}}'),
};

/** True when the flow step that uses `my.t` applied it rather than skipping it. */
function flowApplies(type: Exclude<TokenType, 'TEXT'>, value: string): boolean {
  const program = makeProgram('p1', { tokens: { 'my.t': value } });
  const graph = makeGraph([makeCampaign('top', { flow: [step(USED_BY[type])] })], { programs: [program] });
  const result = run(graph, 'top', { lead: makeLead({ fields: { score: 10 } }) });
  return result.activities[0]?.attributes.skipped !== true;
}

describe('semantics T2 a My Token value the API accepts is one a flow applies', () => {
  it.each<[Exclude<TokenType, 'TEXT'>, string, boolean]>([
    ['SCORE', '+5', true],
    ['SCORE', '-5', true],
    ['SCORE', '=5', true],
    ['SCORE', '=-5', true],
    ['SCORE', '5', true],
    ['SCORE', ' +5 ', true],
    ['SCORE', '+ 5', false],
    ['SCORE', '= 5', false],
    ['SCORE', '= -5', false],
    ['SCORE', '=+5', false],
    ['SCORE', '+x', false],
    ['SCORE', '', false],
    ['SCORE', '99999999999999999999', false],
    ['SCORE', '+99999999999999999999', false],
    ['SCORE', '+2147483648', false],
    ['SCORE', '=2147483647', true],
    ['DATE', '2027-02-30', false],
    ['DATE', '2023-02-29', false],
    ['DATE', '0000-01-01', false],
    ['DATE', '2024-01-01T24:00', false],
    ['DATE', '2024-02-29', true],
    ['NUMBER', '9'.repeat(400), false],
    ['DATE', '2024-03-03', true],
    ['DATE', '2024-03-03T10:00', true],
    ['DATE', '2024-03-03T10:00:00+05:30', true],
    ['DATE', ' 2024-03-03 ', true],
    ['DATE', '2024-13-01', false],
    ['DATE', 'March 3 2024', false],
    ['DATE', '1', false],
    ['NUMBER', '12.5', true],
    ['NUMBER', '-3', true],
    ['NUMBER', 'ten', false],
  ])('%s %j: accepted and applied is %s', (type, value, usable) => {
    expect(checkTokens([{ name: 'my.t', type, value }]).ok).toBe(usable);
    expect(flowApplies(type, value)).toBe(usable);
  });

  it('semantics T2 TEXT takes any value; a value over 10,000 characters is refused', () => {
    expect(checkTokens([{ name: 'my.t', value: ' + 5 {{x' }])).toEqual({
      ok: true,
      tokens: [{ name: 'my.t', type: 'TEXT', value: ' + 5 {{x' }],
    });
    expect(checkTokens([{ name: 'my.t', value: 'x'.repeat(10_001) }])).toMatchObject({
      ok: false,
      problem: { code: 'INVALID_TOKEN' },
    });
  });

  it('semantics T7 names are normalized, and one given twice in another case or spacing is refused', () => {
    expect(checkTokens([{ name: '{{my.First Name}}', value: 'a' }])).toMatchObject({
      ok: true,
      tokens: [{ name: 'my.First Name' }],
    });
    const twice = checkTokens([
      { name: 'my.first name', value: 'a' },
      { name: '{{MY.First  Name}}', value: 'b' },
    ]);
    expect(twice).toMatchObject({ ok: false, problem: { code: 'INVALID_TOKEN' } });
  });
});

describe('lead field values given through the API', () => {
  it.each([
    ['2024-03-03T10:00', '2024-03-03T10:00:00.000Z'],
    ['2024-03-03', '2024-03-03T00:00:00.000Z'],
    ['2026-01-02T03:04:05+01:00', '2026-01-02T02:04:05.000Z'],
    [' 2024-03-03T10:00Z ', '2024-03-03T10:00:00.000Z'],
  ])('DATETIME %j is stored as %j, as a flow stores it', (text, stored) => {
    expect(fieldValueOf('DATETIME', text)).toEqual({ ok: true, value: stored });
    expect(parseFieldInput('DATETIME', text)).toBe(stored);
  });

  it.each([
    '1',
    'March 3 2024',
    'yesterday',
    '2024-13-01',
    '',
    '2027-02-30',
    '0000-06-01',
    '2024-05-01T10:60',
  ])('DATETIME %j is refused', (text) => {
    expect(fieldValueOf('DATETIME', text)).toEqual({ ok: false, reason: 'must be an ISO-8601 date-time' });
    expect(parseFieldInput('DATETIME', text)).toBeUndefined();
  });

  it.each<[Parameters<typeof fieldValueOf>[0], unknown, unknown]>([
    ['STRING', 'Ada', 'Ada'],
    ['STRING', 5, 'must be a string'],
    ['INTEGER', 12, 12],
    ['INTEGER', '12', 'must be a whole number'],
    ['SCORE', 1.5, 'must be a whole number'],
    ['INTEGER', 2147483647, 2147483647],
    ['SCORE', -2147483648, -2147483648],
    ['INTEGER', 2147483648, 'must be from -2147483648 to 2147483647'],
    ['SCORE', -2147483649, 'must be from -2147483648 to 2147483647'],
    ['STRING', 'x'.repeat(10_000), 'x'.repeat(10_000)],
    ['STRING', 'x'.repeat(10_001), 'must be at most 10000 characters'],
    ['FLOAT', 1.5, 1.5],
    ['FLOAT', '1.5', 'must be a number'],
    ['BOOLEAN', true, true],
    ['BOOLEAN', 'yes', 'must be true or false'],
    ['DATETIME', 1709460000000, 'must be an ISO-8601 date-time'],
    ['INTEGER', null, null],
  ])('%s %j ⇒ %j', (type, value, expected) => {
    const result = fieldValueOf(type, value);
    expect(result.ok ? result.value : result.reason).toEqual(expected);
  });

  it('keys values by the defined names and refuses unknown fields, email and non-objects', () => {
    const fields = [
      { name: 'email', type: 'STRING' },
      { name: 'First Name', type: 'STRING' },
    ] as const;
    expect(readFieldValues({ 'first NAME': 'Ada' }, fields)).toEqual({
      ok: true,
      values: { 'First Name': 'Ada' },
    });
    expect(readFieldValues(undefined, fields)).toEqual({ ok: true, values: {} });
    expect(readFieldValues({ nickname: 'x' }, fields)).toEqual({
      ok: false,
      reason: 'there is no field nickname',
    });
    expect(readFieldValues({ Email: 'x@example.com' }, fields)).toEqual({
      ok: false,
      reason: 'email is set by the email argument',
    });
    expect(readFieldValues(['a'], fields)).toEqual({ ok: false, reason: 'fields must be an object' });
    expect(readFieldValues({ 'First Name': 3 }, fields)).toEqual({
      ok: false,
      reason: 'First Name must be a string',
    });
  });
});
