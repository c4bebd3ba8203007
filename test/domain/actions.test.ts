import { describe, expect, it } from 'vitest';
import type { FieldValue, FlowAction } from '../../src/domain/model.js';
import { parseScoreChange } from '../../src/domain/values.js';
import { act, makeCampaign, makeGraph, makeLead, makeProgram, makeRun, run, step } from './model-builders.js';

function runSteps(actions: FlowAction[], fields: Record<string, FieldValue> = {}, tokens = {}) {
  const graph = makeGraph([makeCampaign('top', { flow: actions.map((action) => step(action)) })], {
    programs: [makeProgram('p1', { tokens: { 'my.bonus': '+15', 'my.bad': 'lots', 'my.name': 'Grace' } })],
  });
  return run(graph, 'top', { lead: makeLead({ fields }), run: makeRun({ tokens }) });
}

describe('semantics F2 Change Score grammar', () => {
  it.each([
    ['+10', { mode: 'ADD', amount: 10 }],
    ['-5', { mode: 'ADD', amount: -5 }],
    ['=50', { mode: 'SET', amount: 50 }],
    ['=-7', { mode: 'SET', amount: -7 }],
    ['12', { mode: 'ADD', amount: 12 }],
    [' +3 ', { mode: 'ADD', amount: 3 }],
    ['=0', { mode: 'SET', amount: 0 }],
    ['+', null],
    ['', null],
    ['=+5', null],
    ['--5', null],
    ['+1.5', null],
    ['ten', null],
    ['+ 5', null],
    ['99999999999999999999', null],
    ['+2147483647', { mode: 'ADD', amount: 2147483647 }],
    ['-2147483648', { mode: 'ADD', amount: -2147483648 }],
    ['=-2147483648', { mode: 'SET', amount: -2147483648 }],
    ['+2147483648', null],
    ['=-2147483649', null],
  ])('semantics F2 %j parses as %j', (change, expected) => {
    expect(parseScoreChange(change)).toEqual(expected);
  });

  it.each([
    ['+10', 20, { set: null, delta: 10 }],
    ['-5', 5, { set: null, delta: -5 }],
    ['=50', 50, { set: 50, delta: 0 }],
    ['=-7', -7, { set: -7, delta: 0 }],
    ['3', 13, { set: null, delta: 3 }],
    ['{{my.bonus}}', 25, { set: null, delta: 15 }],
    ['={{my.x:default=40}}', 40, { set: 40, delta: 0 }],
  ])('semantics F2 %j on a score of 10 gives %i', (change, newValue, scoreChange) => {
    const result = runSteps([act.score(change)], { score: 10 });
    expect(result.leadAfter.fields.score).toBe(newValue);
    expect(result.effects.scoreChanges.score).toEqual(scoreChange);
    expect(result.activities[0]).toMatchObject({
      type: 'CHANGE_SCORE',
      primaryAttributeValue: 'score',
      attributes: { scoreName: 'score', oldValue: 10, newValue },
    });
  });

  it.each([
    ['lots', 'score', 'UNUSABLE_CHANGE', 10],
    ['{{my.bad}}', 'score', 'UNUSABLE_CHANGE', 10],
    ['{{my.missing}}', 'score', 'UNUSABLE_CHANGE', 10],
    ['+5', 'shoeSize', 'UNKNOWN_SCORE_FIELD', 0],
    ['+5', 'firstName', 'NOT_A_SCORE_FIELD', 0],
  ])('semantics F2 %j on %s is skipped with %s; the run goes on', (change, scoreName, reason, value) => {
    const result = runSteps([act.score(change, scoreName), act.score('+1')], { score: 10 });
    expect(result.activities[0]?.attributes).toMatchObject({
      skipped: true,
      reason,
      oldValue: value,
      newValue: value,
    });
    expect(result.leadAfter.fields.score).toBe(11);
    expect(result.effects.scoreChanges).toEqual({ score: { set: null, delta: 1 } });
  });

  it('semantics F2 a score stored as something other than a number counts from 0', () => {
    const result = runSteps([act.score('+2')], { score: 'high' });
    expect(result.activities[0]?.attributes).toMatchObject({ oldValue: 0, newValue: 2 });
  });

  it('semantics F2 a change that leaves the safe integer range is skipped', () => {
    const result = runSteps([act.score('+10')], { score: Number.MAX_SAFE_INTEGER });
    expect(result.activities[0]?.attributes).toMatchObject({ skipped: true, reason: 'OUT_OF_RANGE' });
  });

  it('semantics F2 a score stays within 32 bits: =2147483647 then +1 keeps 2147483647 and skips the add', () => {
    const result = runSteps([act.score('=2147483647'), act.score('+1')], { score: 0 });
    expect(result.leadAfter.fields.score).toBe(2147483647);
    expect(result.activities[1]?.attributes).toMatchObject({ skipped: true, reason: 'OUT_OF_RANGE' });
    expect(result.effects.scoreChanges).toEqual({ score: { set: 2147483647, delta: 0 } });
  });

  it('semantics R3 a set followed by adds is one set and one delta; score names are case-insensitive', () => {
    const result = runSteps([act.score('+4', 'SCORE'), act.score('=20'), act.score('+3'), act.score('-1')], {
      score: '7',
    });
    expect(result.effects.scoreChanges).toEqual({ score: { set: 20, delta: 2 } });
    expect(result.leadAfter.fields.score).toBe(22);
    expect(result.activities[0]?.attributes).toMatchObject({ oldValue: 7, newValue: 11 });
  });
});

describe('semantics F3 Change Data Value', () => {
  it.each([
    ['firstName', 'Hello {{my.name}}', 'Hello Grace'],
    ['firstname', '', ''],
    ['age', ' 42 ', 42],
    ['revenue', '-12.5', -12.5],
    ['vip', 'TRUE', true],
    ['signedUpAt', '2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ['signedUpAt', '2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('semantics F3 %s = %j stores %j', (attribute, value, stored) => {
    const result = runSteps([act.data(attribute, value)], { firstName: 'Old' });
    expect(result.activities[0]).toMatchObject({
      type: 'CHANGE_DATA_VALUE',
      attributes: { newValue: stored },
    });
    expect(Object.values(result.effects.fieldChanges)).toEqual([stored]);
  });

  it.each([
    ['firstName', 'NULL', null],
    ['firstName', null, null],
    ['age', ' NULL ', null],
    ['score', 'NULL', 0],
  ])('semantics F3 %s = %j clears the field', (attribute, value, cleared) => {
    const result = runSteps([act.data(attribute, value)], { firstName: 'Ada', age: 3, score: 9 });
    expect(result.activities[0]?.attributes).toMatchObject({ newValue: cleared });
    expect(result.leadAfter.fields[attribute]).toBe(cleared);
  });

  it('semantics F3 a SCORE field set through Change Data Value is an absolute set', () => {
    const result = runSteps([act.data('score', '30')], { score: 9 });
    expect(result.effects).toMatchObject({
      scoreChanges: { score: { set: 30, delta: 0 } },
      fieldChanges: {},
    });
  });

  it.each([
    ['age', 'forty', 'TYPE_MISMATCH'],
    ['age', '4.5', 'TYPE_MISMATCH'],
    ['revenue', '', 'TYPE_MISMATCH'],
    ['vip', 'maybe', 'TYPE_MISMATCH'],
    ['signedUpAt', 'tomorrow', 'TYPE_MISMATCH'],
    ['score', '5.5', 'TYPE_MISMATCH'],
    ['age', '2147483648', 'OUT_OF_RANGE'],
    ['score', '-2147483649', 'OUT_OF_RANGE'],
    ['signedUpAt', '2027-02-30', 'TYPE_MISMATCH'],
    ['firstName', 'x'.repeat(10_001), 'TOO_LONG'],
    ['signedUpAt', '2027-01-01T24:30:00Z', 'TYPE_MISMATCH'],
    ['shoeSize', '9', 'UNKNOWN_FIELD'],
    ['email', 'new@example.com', 'READ_ONLY_FIELD'],
  ])('semantics F3 %s = %j is skipped with %s', (attribute, value, reason) => {
    const result = runSteps([act.data(attribute, value)]);
    expect(result.activities[0]?.attributes).toMatchObject({ value, skipped: true, reason });
    expect(result.effects.fieldChanges).toEqual({});
  });
});

describe('semantics F7 lists', () => {
  it('semantics F7 adds and removes record activities and net effects; repeats are silent no-ops', () => {
    const graph = makeGraph([
      makeCampaign('top', {
        flow: [
          act.addToList('a'),
          act.addToList('a'),
          act.removeFromList('old'),
          act.removeFromList('old'),
          act.addToList('b'),
          act.removeFromList('b'),
          act.addToList('old'),
          act.removeFromList('never'),
        ].map((action) => step(action)),
      }),
    ]);
    const result = run(graph, 'top', { lead: makeLead({ listIds: ['old'] }) });
    expect(result.activities.map((activity) => `${activity.type}:${activity.primaryAttributeValue}`)).toEqual(
      ['ADD_TO_LIST:a', 'REMOVE_FROM_LIST:old', 'ADD_TO_LIST:b', 'REMOVE_FROM_LIST:b', 'ADD_TO_LIST:old'],
    );
    expect(result.effects.listAdds).toEqual(['a']);
    expect(result.effects.listRemoves).toEqual([]);
    expect(result.leadAfter.listIds).toEqual(['a', 'old']);
  });
});

describe('semantics F8 Change Program Status', () => {
  const statusRun = (steps: FlowAction[], memberships: Record<string, string> = {}) =>
    run(makeGraph([makeCampaign('top', { flow: steps.map((action) => step(action)) })]), 'top', {
      lead: makeLead({ programMemberships: memberships }),
    });

  it('semantics F8 makes the lead a member and moves forward only', () => {
    const result = statusRun([
      act.status('p1', 'member'),
      act.status('p1', 'Won'),
      act.status('p1', 'Engaged'),
    ]);
    expect(result.activities.map((activity) => activity.attributes)).toEqual([
      { programId: 'p1', oldStatus: null, newStatus: 'Member' },
      { programId: 'p1', oldStatus: 'Member', newStatus: 'Won' },
      { programId: 'p1', oldStatus: 'Won', newStatus: 'Engaged', skipped: true, reason: 'BACKWARDS_STATUS' },
    ]);
    expect(result.activities[0]?.primaryAttributeValue).toBe('Program p1');
    expect(result.effects.programStatuses).toEqual({ p1: 'Won' });
    expect(result.leadAfter.programMemberships).toEqual({ p1: 'Won' });
  });

  it('semantics F8 the same status is a silent no-op; a status outside the progression can move anywhere', () => {
    expect(statusRun([act.status('p1', 'Engaged')], { p1: 'Engaged' }).activities).toEqual([]);
    expect(statusRun([act.status('p1', 'Member')], { p1: 'Legacy' }).effects.programStatuses).toEqual({
      p1: 'Member',
    });
  });

  it.each([
    ['p1', 'Champion', 'UNKNOWN_STATUS', 'Program p1'],
    ['p9', 'Member', 'UNKNOWN_PROGRAM', 'p9'],
  ])('semantics F8 %s / %s is skipped with %s', (programId, status, reason, primary) => {
    const result = statusRun([act.status(programId, status)]);
    expect(result.activities[0]).toMatchObject({
      primaryAttributeValue: primary,
      attributes: { programId, newStatus: status, skipped: true, reason },
    });
    expect(result.effects.programStatuses).toEqual({});
  });
});

describe('semantics F5/F11 hand-offs and moments', () => {
  it('semantics F5 Request Campaign is a hand-off; semantics F11 an interesting moment has its tokens resolved', () => {
    const graph = makeGraph([
      makeCampaign('top', {
        flow: [
          step(act.request('nurture')),
          step(act.request('gone')),
          step(act.moment('Met {{lead.firstName}}', 'Event')),
        ],
      }),
      makeCampaign('nurture', { name: 'Nurture' }),
    ]);
    const result = run(graph, 'top', { lead: makeLead({ fields: { firstName: 'Ada' } }) });
    expect(result.effects.requestedCampaignIds).toEqual(['nurture', 'gone']);
    expect(
      result.activities.map(({ type, primaryAttributeValue, attributes }) => ({
        type,
        primaryAttributeValue,
        attributes,
      })),
    ).toEqual([
      {
        type: 'REQUEST_CAMPAIGN',
        primaryAttributeValue: 'Nurture',
        attributes: { requestedCampaignId: 'nurture' },
      },
      {
        type: 'REQUEST_CAMPAIGN',
        primaryAttributeValue: 'gone',
        attributes: { requestedCampaignId: 'gone' },
      },
      {
        type: 'INTERESTING_MOMENT',
        primaryAttributeValue: 'Event',
        attributes: { kind: 'Event', description: 'Met Ada' },
      },
    ]);
  });
});
