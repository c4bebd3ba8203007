import { describe, expect, it } from 'vitest';
import type { NotQualifiedReason, StepVisit } from '../../src/domain/flow-records.js';
import type { Activity, ActivityType } from '../../src/domain/model.js';
import { type ResultCount, resultCounts } from '../../src/domain/run-results.js';

type Flow = { steps: StepVisit[]; activities: Activity[] };

const activity = (campaignId: string, type: ActivityType): Activity => ({
  type,
  campaignId,
  depth: 0,
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  primaryAttributeValue: null,
  attributes: {},
});
const visit = (
  campaignId: string,
  position: number,
  choice: number | null,
  execution?: { qualified: boolean; reason: NotQualifiedReason | null },
): StepVisit => ({ campaignId, position, choice, ...(execution ? { execution } : {}) });

/** The counters as semantics A4 defines them, one key per counter: what `resultCounts` must equal. */
function countedByKey(flows: Flow[]): ResultCount[] {
  const counts = new Map<string, ResultCount>();
  const add = (campaignId: string, kind: ResultCount['kind'], position: number, key: string) => {
    const id = JSON.stringify([campaignId, kind, position, key]);
    const known = counts.get(id);
    if (known) known.count += 1;
    else counts.set(id, { campaignId, kind, position, key, count: 1 });
  };
  for (const flow of flows) {
    for (const { campaignId, position, choice, execution } of flow.steps) {
      add(campaignId, 'REACHED', position, '');
      add(campaignId, 'BRANCH', position, String(choice ?? 0));
      if (execution) {
        const kind = execution.qualified ? 'QUALIFIED' : 'NOT_QUALIFIED';
        add(campaignId, kind, position, execution.reason ?? '');
      }
    }
    for (const { campaignId, type } of flow.activities) add(campaignId, 'ACTIVITY', 0, type);
  }
  return [...counts.values()];
}

describe('resultCounts (semantics A4)', () => {
  it('counts reached steps, branches, verdicts and activities, in the order each is first counted', () => {
    const flows: Flow[] = [
      {
        steps: [visit('a', 1, null), visit('a', 2, 1, { qualified: true, reason: null })],
        activities: [activity('a', 'CHANGE_SCORE'), activity('a', 'EXECUTE_CAMPAIGN')],
      },
      {
        steps: [visit('a', 1, null), visit('a', 2, null, { qualified: false, reason: 'NOT_IN_SMART_LIST' })],
        activities: [activity('a', 'CHANGE_SCORE'), activity('a', 'EXECUTE_CAMPAIGN')],
      },
    ];
    expect(resultCounts(flows)).toEqual([
      { campaignId: 'a', kind: 'REACHED', position: 1, key: '', count: 2 },
      { campaignId: 'a', kind: 'BRANCH', position: 1, key: '0', count: 2 },
      { campaignId: 'a', kind: 'REACHED', position: 2, key: '', count: 2 },
      { campaignId: 'a', kind: 'BRANCH', position: 2, key: '1', count: 1 },
      { campaignId: 'a', kind: 'QUALIFIED', position: 2, key: '', count: 1 },
      { campaignId: 'a', kind: 'ACTIVITY', position: 0, key: 'CHANGE_SCORE', count: 2 },
      { campaignId: 'a', kind: 'ACTIVITY', position: 0, key: 'EXECUTE_CAMPAIGN', count: 2 },
      { campaignId: 'a', kind: 'BRANCH', position: 2, key: '0', count: 1 },
      { campaignId: 'a', kind: 'NOT_QUALIFIED', position: 2, key: 'NOT_IN_SMART_LIST', count: 1 },
    ]);
  });

  it('equals one counter per key over flows that share campaigns, steps, branches and reasons', () => {
    const reasons: (NotQualifiedReason | null)[] = [
      null,
      'NOT_IN_SMART_LIST',
      'QUALIFICATION_RULE',
      'DEPTH_LIMIT',
    ];
    const types: ActivityType[] = [
      'CHANGE_SCORE',
      'CHANGE_DATA_VALUE',
      'EXECUTE_CAMPAIGN',
      'REQUEST_CAMPAIGN',
    ];
    const campaigns = ['a', 'b', 'c'];
    const flows: Flow[] = Array.from({ length: 60 }, (_, lead) => ({
      steps: Array.from({ length: 1 + (lead % 5) }, (_, index) => {
        const campaignId = campaigns[(lead + index) % 3] as string;
        const choice = (lead * index) % 4 === 0 ? null : (lead * index) % 4;
        const reason = reasons[(lead + 2 * index) % 4] ?? null;
        return index % 2 === 0
          ? visit(campaignId, index + 1, choice)
          : visit(campaignId, index + 1, choice, { qualified: reason === null, reason });
      }),
      activities: Array.from({ length: lead % 4 }, (_, index) =>
        activity(campaigns[(lead + index) % 3] as string, types[(lead * 3 + index) % 4] as ActivityType),
      ),
    }));
    const counts = resultCounts(flows);
    expect(counts).toEqual(countedByKey(flows));
    expect(counts.length).toBeGreaterThan(20);
  });

  it('counts nothing for no flows', () => {
    expect(resultCounts([])).toEqual([]);
  });
});
