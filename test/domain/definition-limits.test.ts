import { describe, expect, it } from 'vitest';
import { DEFINITION_LIMITS, flowSizeRefusal } from '../../src/domain/definition-limits.js';

const steps = (count: number, choices = 0) =>
  Array.from({ length: count }, () => ({ choices: Array.from({ length: choices }, () => ({})) }));
const removing = (count: number) => ({ removeFromFlow: { campaignIds: Array(count).fill('c') } });

describe('semantics L1, L2: the size of a flow', () => {
  it('takes a flow at every limit', () => {
    expect(flowSizeRefusal(steps(DEFINITION_LIMITS.flowSteps))).toBeNull();
    expect(flowSizeRefusal([...steps(4, 20), ...steps(96)])).toBeNull();
    expect(flowSizeRefusal([{ action: removing(50) }, { choices: [{ action: removing(50) }] }])).toBeNull();
  });

  it.each([
    ['101 steps', steps(101), 'At most 100 flow steps'],
    ['21 choices in a step', [...steps(1), ...steps(1, 21)], 'flow step 2: at most 20 choices'],
    ['101 choices in all', [...steps(5, 20), ...steps(1, 1)], 'A flow holds at most 100 choices in all'],
    [
      '101 removed campaigns in all',
      [{ action: removing(50) }, { choices: [{ action: removing(51) }] }],
      "A flow's Remove from Flow steps name at most 100 campaigns in all",
    ],
  ])('refuses %s', (_case, flow, refusal) => {
    expect(flowSizeRefusal(flow)).toBe(refusal);
  });
});
