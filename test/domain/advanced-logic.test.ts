import { describe, expect, it } from 'vitest';
import { evaluateLogic, parseAdvancedLogic } from '../../src/domain/advanced-logic.js';

function verdict(logic: string, truths: boolean[]): boolean {
  const parsed = parseAdvancedLogic(logic, truths.length);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluateLogic(parsed.expression, (index) => truths[index] as boolean);
}

describe('advanced filter logic', () => {
  it.each([
    ['1 and (2 or not 3)', [true, false, false], true],
    ['1 and (2 or not 3)', [true, false, true], false],
    ['1 and (2 or not 3)', [false, true, true], false],
    ['1 or 2 and 3', [true, false, false], true],
    ['1 or 2 and 3', [false, true, false], false],
    ['(1 or 2) and 3', [true, false, false], false],
    ['not 1 or 2', [true, true], true],
    ['not (1 or 2)', [false, false], true],
    ['not not 1', [true], true],
    ['1 AND 2 Or NOT 3', [false, false, false], true],
    ['  ((1))  ', [true], true],
  ] as const)('semantics S1 %s with %j is %s (and binds tighter than or)', (logic, truths, expected) => {
    expect(verdict(logic, [...truths])).toBe(expected);
  });

  it.each([
    ['', 'expected a filter number or "(" but found the end'],
    ['1 and', 'expected a filter number or "(" but found the end'],
    ['1 2', 'unexpected "2"'],
    ['(1 or 2', 'expected ")" but found the end'],
    ['1 or 2)', 'unexpected ")"'],
    ['1 xor 2', 'unexpected word "xor"'],
    ['1 & 2', 'unexpected character "&"'],
    ['4', 'filter 4 does not exist (there are 3 filters)'],
    ['0 or 1', 'filter 0 does not exist (there are 3 filters)'],
    ['and 1', 'expected a filter number or "(" but found "and"'],
    ['not', 'expected a filter number or "(" but found the end'],
    ['()', 'expected a filter number or "(" but found ")"'],
    [`${'('.repeat(150)}1${')'.repeat(150)}`, 'nested deeper than 100 levels'],
    [`${'not '.repeat(150)}1`, 'nested deeper than 100 levels'],
  ])('semantics S1 malformed %j is refused: %s', (logic, message) => {
    expect(parseAdvancedLogic(logic, 3)).toEqual({
      ok: false,
      error: `malformed advanced logic: ${message}`,
    });
  });
});
