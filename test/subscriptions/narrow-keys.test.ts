import { describe, expect, it } from 'vitest';
import { narrowKeys } from '../../src/streaming/narrow-keys.js';

describe('the narrow keys of subscriptions', () => {
  it('gather the types every matcher names, a Qualified value standing for Execute Campaign', () => {
    const keys = narrowKeys([
      { workspaceIds: ['1'], runId: '7', types: ['CHANGE_SCORE'] },
      { workspaceIds: ['1'], leadId: '3', qualified: false },
      { workspaceIds: ['1'], campaignId: '5', types: ['CHANGE_SCORE', 'REQUEST_CAMPAIGN'] },
    ]);
    expect(keys).toEqual({
      leadIds: new Set(['3']),
      runIds: new Set(['7']),
      campaignIds: new Set(['5']),
      types: new Set(['CHANGE_SCORE', 'EXECUTE_CAMPAIGN', 'REQUEST_CAMPAIGN']),
    });
  });

  it('want any type once one matcher names none, and no type for one that can match nothing', () => {
    expect(
      narrowKeys([
        { workspaceIds: ['1'], runId: '7', types: ['CHANGE_SCORE'] },
        { workspaceIds: ['1'], runId: '7' },
      ])?.types,
    ).toBeNull();
    expect(
      narrowKeys([{ workspaceIds: ['1'], runId: '7', types: ['CHANGE_SCORE'], qualified: true }])?.types,
    ).toEqual(new Set());
  });

  it('are none when a matcher names no lead, run or campaign', () => {
    expect(
      narrowKeys([
        { workspaceIds: ['1'], runId: '7' },
        { workspaceIds: ['1'], types: ['CHANGE_SCORE'] },
      ]),
    ).toBeNull();
  });
});
