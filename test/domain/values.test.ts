import { describe, expect, it } from 'vitest';
import type { FlowAction, TokenType } from '../../src/domain/model.js';
import { checkTokens } from '../../src/domain/tokens.js';
import { act, makeCampaign, makeGraph, makeLead, makeProgram, run, step } from './fixtures.js';

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

describe('T2 a My Token value the API accepts is one a flow applies', () => {
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

  it('T2 TEXT takes any value; a value over 10,000 characters is refused', () => {
    expect(checkTokens([{ name: 'my.t', value: ' + 5 {{x' }])).toEqual({
      ok: true,
      tokens: [{ name: 'my.t', type: 'TEXT', value: ' + 5 {{x' }],
    });
    expect(checkTokens([{ name: 'my.t', value: 'x'.repeat(10_001) }])).toMatchObject({
      ok: false,
      problem: { code: 'INVALID_TOKEN' },
    });
  });

  it('T7 names are normalized, and one given twice in another case or spacing is refused', () => {
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
