import { describe, expect, it } from 'vitest';
import type { Filter, SmartListAsset, Trigger } from '../../src/domain/model.js';
import {
  evaluateSmartList,
  listensFor,
  type TriggerEvent,
  triggerMatches,
} from '../../src/domain/smart-list.js';
import { attr, makeGraph, makeLead, smartList } from './model-builders.js';

const graph = makeGraph([]);
const ada = makeLead({
  email: 'Ada@Example.com',
  fields: {
    score: 15,
    firstName: 'Ada',
    age: 36,
    revenue: 1250.5,
    vip: true,
    signedUpAt: '2024-03-10T08:00:00.000Z',
  },
  listIds: ['list-1'],
  programMemberships: { p1: 'Engaged' },
});
const blank = makeLead({ fields: {} });

function passes(filter: Filter, lead = ada): boolean {
  const evaluation = evaluateSmartList(smartList([filter]), lead, graph);
  expect(evaluation.valid).toBe(true);
  return evaluation.passed;
}

describe('semantics S2 attribute operators by type', () => {
  it.each([
    // STRING: case-insensitive, several values are any-of
    [attr('firstName', 'IS', 'ada'), true],
    [attr('firstName', 'IS', 'bob', 'ADA'), true],
    [attr('firstName', 'IS', 'bob'), false],
    [attr('firstName', 'IS_NOT', 'bob', 'carl'), true],
    [attr('firstName', 'IS_NOT', 'bob', 'ada'), false],
    [attr('firstName', 'CONTAINS', 'D'), true],
    [attr('firstName', 'CONTAINS', 'x', 'y'), false],
    [attr('firstName', 'NOT_CONTAINS', 'x'), true],
    [attr('firstName', 'NOT_CONTAINS', 'da'), false],
    [attr('firstName', 'STARTS_WITH', 'AD'), true],
    [attr('firstName', 'STARTS_WITH', 'da'), false],
    [attr('firstName', 'IS_EMPTY'), false],
    [attr('firstName', 'IS_NOT_EMPTY'), true],
    // email is a STRING attribute every lead has
    [attr('email', 'IS', 'ada@example.com'), true],
    [attr('Email', 'CONTAINS', '@EXAMPLE'), true],
    // INTEGER
    [attr('age', 'IS', '30', '36'), true],
    [attr('age', 'IS_NOT', '36'), false],
    [attr('age', 'GREATER_THAN', '36'), false],
    [attr('age', 'GREATER_THAN', '35'), true],
    [attr('age', 'AT_LEAST', '36'), true],
    [attr('age', 'LESS_THAN', '36'), false],
    [attr('age', 'LESS_THAN', '37'), true],
    [attr('age', 'AT_MOST', '36'), true],
    [attr('age', 'AT_MOST', '35'), false],
    [attr('age', 'BETWEEN', '36', '40'), true],
    [attr('age', 'BETWEEN', '40', '36'), true],
    [attr('age', 'BETWEEN', '37', '40'), false],
    [attr('age', 'IS_EMPTY'), false],
    [attr('age', 'IS_NOT_EMPTY'), true],
    // FLOAT
    [attr('revenue', 'IS', '1250.5'), true],
    [attr('revenue', 'GREATER_THAN', '1250.49'), true],
    [attr('revenue', 'BETWEEN', '1e3', '1250.5'), true],
    [attr('revenue', 'LESS_THAN', '.5'), false],
    // SCORE
    [attr('score', 'AT_LEAST', '15'), true],
    [attr('score', 'GREATER_THAN', '15'), false],
    [attr('score', 'BETWEEN', '10', '15'), true],
    [attr('score', 'IS_NOT', '-3'), true],
    // BOOLEAN
    [attr('vip', 'IS', 'TRUE'), true],
    [attr('vip', 'IS', 'false'), false],
    [attr('vip', 'IS_NOT', 'false'), true],
    [attr('vip', 'IS_EMPTY'), false],
    [attr('vip', 'IS_NOT_EMPTY'), true],
    // DATETIME (ISO; a time without a zone is UTC)
    [attr('signedUpAt', 'IS', '2024-03-10T08:00:00Z'), true],
    [attr('signedUpAt', 'IS', '2024-03-10T08:00'), true],
    [attr('signedUpAt', 'IS_NOT', '2024-03-10T09:00:00+01:00'), false],
    [attr('signedUpAt', 'GREATER_THAN', '2024-03-10'), true],
    [attr('signedUpAt', 'AT_LEAST', '2024-03-10T08:00:00.000Z'), true],
    [attr('signedUpAt', 'LESS_THAN', '2024-03-10T08:00:00Z'), false],
    [attr('signedUpAt', 'AT_MOST', '2024-03-11'), true],
    [attr('signedUpAt', 'BETWEEN', '2024-03-01', '2024-03-31'), true],
    [attr('signedUpAt', 'BETWEEN', '2024-04-01', '2024-04-30'), false],
    [attr('signedUpAt', 'IS_EMPTY'), false],
    [attr('signedUpAt', 'IS_NOT_EMPTY'), true],
  ])('semantics S2 %j on the lead is %s', (filter, expected) => {
    expect(passes(filter)).toBe(expected);
  });

  it.each([
    [attr('firstName', 'IS', 'ada'), false],
    [attr('firstName', 'IS_NOT', 'ada'), true],
    [attr('firstName', 'CONTAINS', 'a'), false],
    [attr('firstName', 'NOT_CONTAINS', 'a'), true],
    [attr('firstName', 'STARTS_WITH', 'a'), false],
    [attr('firstName', 'IS_EMPTY'), true],
    [attr('age', 'GREATER_THAN', '0'), false],
    [attr('age', 'AT_LEAST', '0'), false],
    [attr('age', 'LESS_THAN', '100'), false],
    [attr('age', 'AT_MOST', '100'), false],
    [attr('age', 'BETWEEN', '0', '100'), false],
    [attr('age', 'IS_NOT', '1'), true],
    [attr('age', 'IS_EMPTY'), true],
    [attr('vip', 'IS', 'false'), false],
    [attr('vip', 'IS_NOT', 'true'), true],
    [attr('signedUpAt', 'IS_EMPTY'), true],
    [{ kind: 'ATTRIBUTE', attribute: 'age', operator: 'IS_EMPTY', values: null } as Filter, true],
    // an unset score reads 0, so it is never empty
    [attr('score', 'IS', '0'), true],
    [attr('score', 'IS_EMPTY'), false],
  ])('semantics S2 %j on a lead without values is %s (empty fails comparisons)', (filter, expected) => {
    expect(passes(filter, blank)).toBe(expected);
  });

  it('semantics S2 stored values that are text of the field type are compared as that type', () => {
    const textual = makeLead({
      fields: { age: '41', vip: 'TRUE', revenue: 'n/a', signedUpAt: 'yesterday', firstName: '' },
    });
    expect(passes(attr('age', 'GREATER_THAN', '40'), textual)).toBe(true);
    expect(passes(attr('vip', 'IS', 'true'), textual)).toBe(true);
    expect(passes(attr('revenue', 'IS_EMPTY'), textual)).toBe(true);
    expect(passes(attr('signedUpAt', 'IS_EMPTY'), textual)).toBe(true);
    expect(passes(attr('firstName', 'IS_EMPTY'), textual)).toBe(true);
    const mistyped = makeLead({ fields: { age: true, vip: 1, signedUpAt: 5 } });
    expect(passes(attr('age', 'IS_EMPTY'), mistyped)).toBe(true);
    expect(passes(attr('vip', 'IS_EMPTY'), mistyped)).toBe(true);
    expect(passes(attr('signedUpAt', 'IS_EMPTY'), mistyped)).toBe(true);
  });
});

describe('semantics S2 membership filters', () => {
  it.each([
    [{ kind: 'MEMBER_OF_LIST', staticListId: 'list-1' }, true],
    [{ kind: 'MEMBER_OF_LIST', staticListId: 'list-2' }, false],
    [{ kind: 'MEMBER_OF_LIST', staticListId: 'list-2', operator: 'IS_NOT' }, true],
    [{ kind: 'MEMBER_OF_LIST', staticListId: 'list-1', operator: 'IS' }, true],
    [{ kind: 'MEMBER_OF_PROGRAM', programId: 'p1' }, true],
    [{ kind: 'MEMBER_OF_PROGRAM', programId: 'p1', status: 'engaged' }, true],
    [{ kind: 'MEMBER_OF_PROGRAM', programId: 'p1', status: 'Member' }, false],
    [{ kind: 'MEMBER_OF_PROGRAM', programId: 'p2' }, false],
    [{ kind: 'MEMBER_OF_PROGRAM', programId: 'p2', operator: 'IS_NOT' }, true],
  ] satisfies [Filter, boolean][])('semantics S2 %j is %s', (filter, expected) => {
    expect(passes(filter)).toBe(expected);
  });
});

describe('semantics S1 filter rules', () => {
  const yes = attr('firstName', 'IS', 'ada');
  const no = attr('firstName', 'IS', 'bob');

  it.each([
    ['ALL', [yes, yes], true],
    ['ALL', [yes, no], false],
    ['ALL', [], true],
    ['ANY', [no, yes], true],
    ['ANY', [no, no], false],
    ['ANY', [], true],
  ] as const)('semantics S1 %s of %j filters', (rule, filters, expected) => {
    expect(evaluateSmartList(smartList([...filters], { rule }), ada, graph).passed).toBe(expected);
  });

  it('semantics S1 ADVANCED combines filters by number and explains every filter', () => {
    const definition = smartList([yes, no, no], { rule: 'ADVANCED', advancedLogic: '1 and (2 or not 3)' });
    expect(evaluateSmartList(definition, ada, graph)).toEqual({
      valid: true,
      passed: true,
      invalidReason: null,
      explanation: [
        { position: 1, passed: true, detail: 'firstName is "Ada"; expected IS ada' },
        { position: 2, passed: false, detail: 'firstName is "Ada"; expected IS bob' },
        { position: 3, passed: false, detail: 'firstName is "Ada"; expected IS bob' },
      ],
    });
  });

  it('semantics S1 explanations of membership and empty-value filters', () => {
    const definition = smartList([
      { kind: 'MEMBER_OF_LIST', staticListId: 'list-1', operator: 'IS_NOT' },
      { kind: 'MEMBER_OF_PROGRAM', programId: 'p1', status: 'Won' },
      attr('age', 'IS_EMPTY'),
    ]);
    expect(evaluateSmartList(definition, ada, graph).explanation).toEqual([
      { position: 1, passed: false, detail: 'in static list list-1; expected IS_NOT' },
      { position: 2, passed: false, detail: 'not a member of program p1 with status "Won"; expected IS' },
      { position: 3, passed: false, detail: 'age is "36"; expected IS_EMPTY' },
    ]);
  });
});

describe('semantics S2 MEMBER_OF_SMART_LIST', () => {
  const asset = (id: string, filters: Filter[], deleted = false): SmartListAsset => ({
    id,
    name: `List ${id}`,
    definition: smartList(filters),
    deleted,
  });
  const member = (smartListId: string, operator: Filter['operator'] = null): Filter => ({
    kind: 'MEMBER_OF_SMART_LIST',
    smartListId,
    operator,
  });

  it('semantics S2 evaluates a referenced smart list recursively', () => {
    const g = makeGraph([], {
      smartLists: [asset('a', [member('b')]), asset('b', [attr('score', 'AT_LEAST', '10')])],
    });
    expect(evaluateSmartList(smartList([member('a')]), ada, g)).toMatchObject({
      passed: true,
      explanation: [{ position: 1, passed: true, detail: 'in smart list "List a"; expected IS' }],
    });
    expect(evaluateSmartList(smartList([member('a', 'IS_NOT')]), ada, g).passed).toBe(false);
    expect(evaluateSmartList(smartList([member('a')]), blank, g).passed).toBe(false);
  });

  it.each([
    ['a missing smart list', [], 'filter 1: smart list zzz does not exist', 'zzz'],
    ['a deleted smart list', [asset('a', [], true)], 'filter 1: smart list "List a" is deleted', 'a'],
    [
      'an invalid smart list',
      [asset('a', [attr('shoeSize', 'IS', '9')])],
      'filter 1: smart list "List a" is invalid: filter 1: unknown field "shoeSize"',
      'a',
    ],
    [
      'a cycle',
      [asset('a', [member('b')]), asset('b', [member('a')])],
      'filter 1: smart list "List a" is invalid: filter 1: smart list "List b" is invalid: filter 1: smart list "List a" is part of a reference cycle',
      'a',
    ],
    [
      'a self-reference',
      [asset('a', [member('a')])],
      'filter 1: smart list "List a" is invalid: filter 1: smart list "List a" is part of a reference cycle',
      'a',
    ],
  ])(
    'semantics E4 a reference to %s makes the smart list invalid: nobody passes',
    (_, assets, reason, id) => {
      const g = makeGraph([], { smartLists: assets });
      const evaluation = evaluateSmartList(smartList([member(id)]), ada, g);
      expect(evaluation).toMatchObject({ valid: false, passed: false, invalidReason: reason });
      expect(evaluation.explanation[0]?.detail).toBe(`invalid: ${reason.slice('filter 1: '.length)}`);
    },
  );
});

describe('semantics E4 invalid smart lists let nobody in', () => {
  it.each([
    [attr('shoeSize', 'IS', '9'), 'unknown field "shoeSize"'],
    [{ kind: 'ATTRIBUTE', operator: 'IS', values: ['x'] }, 'unknown field ""'],
    [attr('firstName', null, 'x'), 'the filter on "firstName" has no operator'],
    [
      attr('firstName', 'GREATER_THAN', 'x'),
      'operator GREATER_THAN does not apply to STRING field "firstName"',
    ],
    [attr('vip', 'CONTAINS', 'x'), 'operator CONTAINS does not apply to BOOLEAN field "vip"'],
    [attr('age', 'STARTS_WITH', '1'), 'operator STARTS_WITH does not apply to INTEGER field "age"'],
    [attr('firstName', 'IS'), 'operator IS takes at least 1 value(s), got 0'],
    [attr('vip', 'IS', 'true', 'false'), 'operator IS takes 1 value(s), got 2'],
    [attr('age', 'BETWEEN', '1'), 'operator BETWEEN takes 2 value(s), got 1'],
    [attr('age', 'GREATER_THAN', '1', '2'), 'operator GREATER_THAN takes 1 value(s), got 2'],
    [attr('age', 'IS_EMPTY', '1'), 'operator IS_EMPTY takes 0 value(s), got 1'],
    [attr('age', 'IS', 'ten'), '"ten" is not an INTEGER value for field "age"'],
    [attr('age', 'IS', '1.5'), '"1.5" is not an INTEGER value for field "age"'],
    [attr('revenue', 'IS', '1e999'), '"1e999" is not a FLOAT value for field "revenue"'],
    [attr('vip', 'IS', 'yes'), '"yes" is not a BOOLEAN value for field "vip"'],
    [attr('signedUpAt', 'IS', 'March 3'), '"March 3" is not a DATETIME value for field "signedUpAt"'],
    [attr('signedUpAt', 'IS', '2024-13-45'), '"2024-13-45" is not a DATETIME value for field "signedUpAt"'],
    [{ kind: 'MEMBER_OF_LIST' }, 'a MEMBER_OF_LIST filter needs a static list'],
    [{ kind: 'MEMBER_OF_PROGRAM' }, 'a MEMBER_OF_PROGRAM filter needs a program'],
    [{ kind: 'MEMBER_OF_SMART_LIST' }, 'a MEMBER_OF_SMART_LIST filter needs a smart list'],
    [
      { kind: 'MEMBER_OF_LIST', staticListId: 'l', operator: 'CONTAINS' },
      'operator CONTAINS does not apply to MEMBER_OF_LIST filters',
    ],
    [{ kind: 'NEAR_OFFICE' } as unknown as Filter, 'unknown filter kind "NEAR_OFFICE"'],
  ] satisfies [Filter, string][])('semantics E4 %j: %s', (filter, reason) => {
    const evaluation = evaluateSmartList(smartList([attr('firstName', 'IS', 'ada'), filter]), ada, graph);
    expect(evaluation).toMatchObject({ valid: false, passed: false, invalidReason: `filter 2: ${reason}` });
    expect(evaluation.explanation).toEqual([
      { position: 1, passed: true, detail: 'firstName is "Ada"; expected IS ada' },
      { position: 2, passed: false, detail: `invalid: ${reason}` },
    ]);
  });

  it.each([
    ['1 and', 'malformed advanced logic: expected a filter number or "(" but found the end'],
    ['1 or 3', 'malformed advanced logic: filter 3 does not exist (there are 2 filters)'],
    [null, 'malformed advanced logic: expected a filter number or "(" but found the end'],
  ])('semantics E4 malformed advanced logic %j', (advancedLogic, reason) => {
    const definition = smartList([attr('firstName', 'IS', 'ada'), attr('age', 'IS', '36')], {
      rule: 'ADVANCED',
      advancedLogic,
    });
    expect(evaluateSmartList(definition, ada, graph)).toMatchObject({
      valid: false,
      passed: false,
      invalidReason: reason,
    });
  });

  it('semantics E4 an unknown filter rule', () => {
    const definition = smartList([], { rule: 'MOST' as 'ALL' });
    expect(evaluateSmartList(definition, ada, graph).invalidReason).toBe('unknown filter rule "MOST"');
  });
});

describe('semantics S3 triggers', () => {
  it.each([
    [{ kind: 'CAMPAIGN_IS_REQUESTED' }, { kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }, true],
    [
      { kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' },
      { kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' },
      true,
    ],
    [
      { kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' },
      { kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' },
      false,
    ],
    [
      { kind: 'DATA_VALUE_CHANGES', attribute: 'FirstName' },
      { kind: 'DATA_VALUE_CHANGES', attribute: 'firstName' },
      true,
    ],
    [
      { kind: 'DATA_VALUE_CHANGES', attribute: 'age' },
      { kind: 'DATA_VALUE_CHANGES', attribute: 'firstName' },
      false,
    ],
    [{ kind: 'DATA_VALUE_CHANGES' }, { kind: 'DATA_VALUE_CHANGES', attribute: 'age' }, true],
    [{ kind: 'SCORE_IS_CHANGED' }, { kind: 'SCORE_IS_CHANGED', scoreName: 'score' }, true],
    [
      { kind: 'SCORE_IS_CHANGED', attribute: 'behaviorScore' },
      { kind: 'SCORE_IS_CHANGED', scoreName: 'score' },
      false,
    ],
    [{ kind: 'ADDED_TO_LIST', staticListId: 'l1' }, { kind: 'ADDED_TO_LIST', listId: 'l1' }, true],
    [{ kind: 'ADDED_TO_LIST', staticListId: 'l1' }, { kind: 'ADDED_TO_LIST', listId: 'l2' }, false],
    [{ kind: 'ADDED_TO_LIST' }, { kind: 'ADDED_TO_LIST', listId: 'l2' }, true],
    [{ kind: 'LEAD_IS_CREATED' }, { kind: 'LEAD_IS_CREATED' }, true],
    [{ kind: 'LEAD_IS_CREATED' }, { kind: 'ADDED_TO_LIST', listId: 'l2' }, false],
    [{ kind: 'SCORE_IS_CHANGED' }, { kind: 'LEAD_IS_CREATED' }, false],
  ] satisfies [Trigger, TriggerEvent, boolean][])(
    'semantics S3 trigger %j hears %j: %s',
    (trigger, event, expected) => {
      expect(triggerMatches(trigger, event)).toBe(expected);
    },
  );

  it('semantics S1 triggers are OR-ed', () => {
    const definition = smartList([], {
      triggers: [{ kind: 'LEAD_IS_CREATED' }, { kind: 'SCORE_IS_CHANGED' }],
    });
    expect(listensFor(definition, { kind: 'SCORE_IS_CHANGED', scoreName: 'score' })).toBe(true);
    expect(listensFor(definition, { kind: 'ADDED_TO_LIST', listId: 'x' })).toBe(false);
  });
});
