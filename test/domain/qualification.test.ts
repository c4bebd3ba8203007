import { describe, expect, it } from 'vitest';
import { qualifyForCampaign } from '../../src/domain/executor.js';
import type { CampaignHistory, QualificationRule } from '../../src/domain/model.js';
import {
  describeVerdict,
  qualificationAllows,
  qualificationReasons,
  ruleVerdict,
} from '../../src/domain/qualification.js';
import { attr, makeCampaign, makeGraph, makeLead, NOW, smartList } from './model-builders.js';

const HOUR = 3_600_000;

function ranHoursAgo(hours: number, runCount = 1): CampaignHistory {
  return { lastRunAt: new Date(NOW.getTime() - hours * HOUR), runCount };
}

describe('semantics Q1 qualification rules', () => {
  it.each([
    [{ kind: 'ONCE' }, undefined, true],
    [{ kind: 'ONCE' }, { lastRunAt: NOW, runCount: 0 }, true],
    [{ kind: 'ONCE' }, ranHoursAgo(10_000), false],
    [{ kind: 'EVERY_TIME' }, ranHoursAgo(0, 50), true],
    [{ kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' }, undefined, true],
    [{ kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' }, ranHoursAgo(23), false],
    [{ kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' }, ranHoursAgo(24), true],
    [{ kind: 'ONCE_EVERY', every: 3, unit: 'HOURS' }, ranHoursAgo(2.99), false],
    [{ kind: 'ONCE_EVERY', every: 3, unit: 'HOURS' }, ranHoursAgo(3), true],
    [{ kind: 'ONCE_EVERY', every: 2, unit: 'WEEKS' }, ranHoursAgo(14 * 24 - 1), false],
    [{ kind: 'ONCE_EVERY', every: 2, unit: 'WEEKS' }, ranHoursAgo(14 * 24), true],
    [{ kind: 'ONCE_EVERY', every: 1, unit: 'MONTHS' }, ranHoursAgo(30 * 24 - 1), false],
    [{ kind: 'ONCE_EVERY', every: 1, unit: 'MONTHS' }, ranHoursAgo(30 * 24), true],
    [{ kind: 'ONCE_EVERY', every: 0, unit: 'DAYS' }, ranHoursAgo(1000), false],
    [{ kind: 'ONCE_EVERY', every: 1.5, unit: 'DAYS' }, ranHoursAgo(1000), false],
    [{ kind: 'ONCE_EVERY', every: null, unit: 'DAYS' }, ranHoursAgo(1000), false],
    [{ kind: 'ONCE_EVERY', every: 1, unit: null }, ranHoursAgo(1000), false],
  ] satisfies [QualificationRule, CampaignHistory | undefined, boolean][])(
    'semantics Q1 %j with history %j qualifies: %s',
    (rule, history, expected) => {
      expect(qualificationAllows(rule, history, NOW)).toBe(expected);
    },
  );
});

describe('semantics Q3 the rule’s verdict', () => {
  const last = ranHoursAgo(30).lastRunAt;
  it.each([
    [{ kind: 'ONCE' }, undefined, true, null, null],
    [{ kind: 'ONCE' }, ranHoursAgo(30), false, last, null],
    [{ kind: 'EVERY_TIME' }, ranHoursAgo(30), true, last, null],
    [
      { kind: 'ONCE_EVERY', every: 2, unit: 'DAYS' },
      ranHoursAgo(30),
      false,
      last,
      new Date(last.getTime() + 48 * HOUR),
    ],
    [
      { kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' },
      ranHoursAgo(30),
      true,
      last,
      new Date(last.getTime() + 24 * HOUR),
    ],
    [{ kind: 'ONCE_EVERY', every: 0, unit: 'DAYS' }, ranHoursAgo(30), false, last, null],
  ] satisfies [QualificationRule, CampaignHistory | undefined, boolean, Date | null, Date | null][])(
    'semantics Q3 %j with history %j: allowed %s, last run %s, next eligible %s',
    (rule, history, allowed, lastRunAt, nextEligibleAt) => {
      expect(ruleVerdict(rule, history, NOW)).toEqual({ rule, allowed, lastRunAt, nextEligibleAt });
    },
  );

  it('semantics Q3 says it in words', () => {
    const at = (hours: number) => new Date(last.getTime() + hours * HOUR).toISOString();
    const say = (rule: QualificationRule, history?: CampaignHistory) =>
      describeVerdict(ruleVerdict(rule, history, NOW));
    expect(say({ kind: 'ONCE' })).toBe('ONCE: never ran through this campaign, eligible');
    expect(say({ kind: 'EVERY_TIME' }, ranHoursAgo(30))).toBe(
      `EVERY_TIME: last ran through at ${at(0)}, eligible every time`,
    );
    expect(say({ kind: 'ONCE_EVERY', every: 2, unit: 'DAYS' }, ranHoursAgo(30))).toBe(
      `ONCE_EVERY 2 DAYS: last ran through at ${at(0)}, not eligible before ${at(48)}`,
    );
    expect(say({ kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' }, ranHoursAgo(30))).toBe(
      `ONCE_EVERY 1 DAYS: last ran through at ${at(0)}, eligible again since ${at(24)}`,
    );
  });
});

describe('semantics S4/Q2 qualifyForCampaign', () => {
  const campaign = makeCampaign('c', {
    smartList: smartList([attr('score', 'AT_LEAST', '10')]),
    qualificationRule: { kind: 'ONCE' },
  });
  const graph = makeGraph([
    campaign,
    makeCampaign('broken', { smartList: smartList([attr('shoe', 'IS', '9')]) }),
  ]);
  const qualify = (campaignId: string, score: number, history = {}) =>
    qualifyForCampaign({ lead: makeLead({ fields: { score } }), graph, history, campaignId, now: NOW });

  it('semantics S4 a lead passing the smart list and the rule qualifies, with its explanation', () => {
    expect(qualify('c', 12)).toEqual({
      qualified: true,
      reason: null,
      invalidReason: null,
      explanation: [{ position: 1, passed: true, detail: 'score is "12"; expected AT_LEAST 10' }],
      rule: { rule: { kind: 'ONCE' }, allowed: true, lastRunAt: null, nextEligibleAt: null },
    });
  });

  it('semantics S4 a lead failing the smart list is NOT_IN_SMART_LIST', () => {
    expect(qualify('c', 3)).toMatchObject({ qualified: false, reason: 'NOT_IN_SMART_LIST' });
  });

  it('semantics Q2 a lead the rule excludes is QUALIFICATION_RULE', () => {
    expect(qualify('c', 12, { c: ranHoursAgo(1) })).toMatchObject({
      qualified: false,
      reason: 'QUALIFICATION_RULE',
    });
  });

  it('semantics Q3 the rule’s verdict is given even when the smart list fails, and each "no" says why', () => {
    const failing = qualify('c', 3, { c: ranHoursAgo(1) });
    expect(failing.rule).toMatchObject({ allowed: false, lastRunAt: ranHoursAgo(1).lastRunAt });
    expect(qualificationReasons(failing)).toEqual(['Filter 1 failed: score is "3"; expected AT_LEAST 10']);
    expect(qualificationReasons(qualify('c', 12, { c: ranHoursAgo(1) }))).toEqual([
      `Excluded by the qualification rule ONCE: last ran through at ${ranHoursAgo(1).lastRunAt.toISOString()}, never eligible again`,
    ]);
    expect(qualificationReasons(qualify('broken', 12))).toEqual([
      'The smart list is invalid, nobody qualifies: filter 1: unknown field "shoe"',
    ]);
    expect(qualificationReasons(qualify('c', 12))).toEqual([]);
  });

  it('semantics E4 an invalid smart list qualifies nobody and says why', () => {
    expect(qualify('broken', 12)).toEqual({
      qualified: false,
      reason: 'INVALID_SMART_LIST',
      invalidReason: 'filter 1: unknown field "shoe"',
      explanation: [{ position: 1, passed: false, detail: 'invalid: unknown field "shoe"' }],
      rule: expect.objectContaining({ allowed: true }),
    });
  });

  it('an unknown campaign is a programmer error', () => {
    expect(() => qualify('nope', 1)).toThrow('campaign nope is not in the graph');
  });
});
