import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../../src/domain/model.js';
import { NO_ALLOWED_TARGETS } from '../../src/domain/network-targets.js';
import { campaignProblems } from '../../src/domain/validation.js';
import { executable, makeCampaign, makeGraph, makeProgram, step } from './model-builders.js';

const execute = (campaignId: string, useParentTokenContext: boolean): FlowAction => ({
  type: 'executeCampaign',
  campaignId,
  useParentTokenContext,
});
const moment = (description: string): FlowAction => ({
  type: 'interestingMoment',
  kind: 'Note',
  description,
});

describe('semantics V1 undefined My Tokens', () => {
  const grandchild = executable('grandchild', {
    programId: 'plain',
    flow: [
      step(moment('{{my.top}}')),
      step({ type: 'webhook', url: 'https://x.test/{{my.url}}', method: 'GET', body: null }),
    ],
  });
  const programs = [makeProgram('plain'), makeProgram('top', { tokens: { 'my.top': 'yes', 'my.url': 'y' } })];
  const codes = (graph: ReturnType<typeof makeGraph>) =>
    campaignProblems(grandchild, graph, NO_ALLOWED_TARGETS)
      .filter((problem) => problem.code === 'UNDEFINED_TOKEN')
      .map((problem) => problem.stepPosition);

  it('semantics V1 passes through TRUE callers, however many', () => {
    const child = executable('child', { programId: 'plain', flow: [step(execute('grandchild', true))] });
    const parent = makeCampaign('parent', { programId: 'top', flow: [step(execute('child', true))] });
    expect(codes(makeGraph([grandchild, child, parent], { programs }))).toEqual([]);
  });

  it('semantics V1 stops at a FALSE caller', () => {
    const child = executable('child', { programId: 'plain', flow: [step(execute('grandchild', true))] });
    const parent = makeCampaign('parent', { programId: 'top', flow: [step(execute('child', false))] });
    expect(codes(makeGraph([grandchild, child, parent], { programs }))).toEqual([1, 2]);
  });
});
