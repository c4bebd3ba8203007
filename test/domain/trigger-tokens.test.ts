import { describe, expect, it } from 'vitest';
import { triggeredRuns, triggerOf } from '../../src/domain/triggers.js';
import { makeRun, smartList } from './model-builders.js';

const onScore = {
  id: 'listener',
  smartList: { ...smartList([]), triggers: [{ kind: 'SCORE_IS_CHANGED' as const, attribute: 'score' }] },
};
const scoreChanged = (leadId: string, oldValue: number, newValue: number) => ({
  leadId,
  event: { kind: 'SCORE_IS_CHANGED' as const, scoreName: 'score', oldValue, newValue },
});

describe('semantics T8 trigger tokens', () => {
  it('leads with different values share one run; each keeps its own values', () => {
    expect(triggeredRuns([onScore], [scoreChanged('1', 0, 5), scoreChanged('2', 10, 15)])).toEqual([
      {
        campaignId: 'listener',
        leadIds: ['1', '2'],
        trigger: { name: 'Score is Changed', attribute: 'score' },
        leadTriggers: {
          '1': { value: '5', newValue: '5', oldValue: '0' },
          '2': { value: '15', newValue: '15', oldValue: '10' },
        },
      },
    ]);
  });

  it('a lead’s flow reads what fired the run and its own values; a REQUESTED run was requested by the API', () => {
    const trigger = { name: 'Score is Changed', attribute: 'score' };
    const triggered = makeRun({ kind: 'TRIGGERED', trigger, leadTriggers: { '2': { value: '15' } } });
    expect(triggerOf(triggered, '2')).toEqual({ ...trigger, value: '15' });
    expect(triggerOf(triggered, '3')).toEqual(trigger);
    expect(triggerOf(makeRun({ kind: 'REQUESTED' }), '2')).toEqual({
      name: 'Campaign is Requested',
      source: 'API',
    });
    expect(triggerOf(makeRun({ kind: 'BATCH', trigger }), '2')).toBeNull();
  });
});
