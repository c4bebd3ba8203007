import { describe, expect, it } from 'vitest';
import type { Campaign, Filter, FlowAction } from '../../src/domain/model.js';
import { audienceNeeds, flowNeeds, type LeadStateNeeds } from '../../src/domain/state-needs.js';
import { executable, makeCampaign, makeGraph, smartList, step } from './model-builders.js';

const byAttribute: Filter = { kind: 'ATTRIBUTE', attribute: 'Group', operator: 'IS', values: ['0'] };
const byList: Filter = { kind: 'MEMBER_OF_LIST', staticListId: 'l1' };
const byProgram: Filter = { kind: 'MEMBER_OF_PROGRAM', programId: 'p1' };
const bySmartList: Filter = { kind: 'MEMBER_OF_SMART_LIST', smartListId: 's1' };
const plusOne: FlowAction = { type: 'changeScore', scoreName: 'score', change: '+1' };
const execute = (campaignId: string): FlowAction => ({
  type: 'executeCampaign',
  campaignId,
  useParentTokenContext: false,
});
const nothing = { memberships: false, history: false, activities: [] };

describe('audienceNeeds (semantics S4, Q2)', () => {
  it.each<[string, Partial<Campaign>, LeadStateNeeds]>([
    ['attribute filters, EVERY_TIME: fields only', { smartList: smartList([byAttribute]) }, nothing],
    [
      'a list filter: memberships',
      { smartList: smartList([byAttribute, byList]) },
      { memberships: true, history: false, activities: [] },
    ],
    [
      'a program filter: memberships',
      { smartList: smartList([byProgram]) },
      { memberships: true, history: false, activities: [] },
    ],
    [
      'a smart-list filter: memberships',
      { smartList: smartList([bySmartList]) },
      { memberships: true, history: false, activities: [] },
    ],
    [
      'ONCE: history',
      { qualificationRule: { kind: 'ONCE' } },
      { memberships: false, history: true, activities: [] },
    ],
    [
      'ONCE_EVERY: history',
      { qualificationRule: { kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' } },
      { memberships: false, history: true, activities: [] },
    ],
  ])('%s', (_name, overrides, needs) => {
    expect(audienceNeeds(makeGraph([makeCampaign('top', overrides)]), 'top')).toEqual(needs);
  });

  it('a campaign not in the graph: everything', () => {
    expect(audienceNeeds(makeGraph([]), 'missing')).toEqual({
      memberships: true,
      history: true,
      activities: [],
    });
  });
});

describe('flowNeeds', () => {
  it('the top campaign’s own smart list and rule are not read by its flow', () => {
    const top = makeCampaign('top', {
      smartList: smartList([byList]),
      qualificationRule: { kind: 'ONCE' },
      flow: [step(plusOne), step(null)],
    });
    expect(flowNeeds(makeGraph([top]), 'top')).toEqual(nothing);
  });

  it.each<[string, FlowAction]>([
    ['addToList', { type: 'addToList', listId: 'l1' }],
    ['removeFromList', { type: 'removeFromList', listId: 'l1' }],
    ['changeProgramStatus', { type: 'changeProgramStatus', programId: 'p1', status: 'Member' }],
  ])('%s reads memberships, as a default action or a choice’s', (_name, action) => {
    const asDefault = makeCampaign('top', { flow: [step(action)] });
    const asChoice = makeCampaign('top', { flow: [step(plusOne, [{ when: byAttribute, action }])] });
    expect(flowNeeds(makeGraph([asDefault]), 'top')).toEqual({
      memberships: true,
      history: false,
      activities: [],
    });
    expect(flowNeeds(makeGraph([asChoice]), 'top')).toEqual({
      memberships: true,
      history: false,
      activities: [],
    });
  });

  it('a choice conditioned on a list reads memberships; on an attribute, nothing', () => {
    const onList = makeCampaign('top', { flow: [step(plusOne, [{ when: byList, action: null }])] });
    const onAttribute = makeCampaign('top', { flow: [step(plusOne, [{ when: byAttribute, action: null }])] });
    expect(flowNeeds(makeGraph([onList]), 'top')).toEqual({
      memberships: true,
      history: false,
      activities: [],
    });
    expect(flowNeeds(makeGraph([onAttribute]), 'top')).toEqual(nothing);
  });

  it('executed campaigns, down the chain, add their smart lists, rules and flows', () => {
    const chain = (c: Partial<Campaign>) =>
      makeGraph([
        makeCampaign('top', { flow: [step(execute('b'))] }),
        executable('b', { flow: [step(execute('c')), step(execute('c'))] }),
        executable('c', c),
      ]);
    expect(flowNeeds(chain({}), 'top')).toEqual(nothing);
    expect(flowNeeds(chain({ qualificationRule: { kind: 'ONCE' } }), 'top')).toEqual({
      memberships: false,
      history: true,
      activities: [],
    });
    expect(flowNeeds(chain({ smartList: smartList([byProgram]) }), 'top')).toEqual({
      memberships: true,
      history: false,
      activities: [],
    });
    expect(flowNeeds(chain({ flow: [step({ type: 'addToList', listId: 'l1' })] }), 'top')).toEqual({
      memberships: true,
      history: false,
      activities: [],
    });
  });

  it('a campaign missing from the graph, top or executed: everything', () => {
    const everything = { memberships: true, history: true, activities: [] };
    expect(flowNeeds(makeGraph([]), 'missing')).toEqual(everything);
    const top = makeCampaign('top', { flow: [step(execute('gone'))] });
    expect(flowNeeds(makeGraph([top]), 'top')).toEqual(everything);
  });
});

describe('activity criteria a computation reads (semantics S5)', () => {
  const hadScore: Filter = { kind: 'HAD_ACTIVITY', activity: { type: 'CHANGE_SCORE', withinDays: 7 } };
  const hadStage: Filter = {
    kind: 'NOT_HAD_ACTIVITY',
    activity: { type: 'CHANGE_DATA_VALUE', attribute: 'AGE', newValue: '007', minTimes: 2 },
  };
  const keysOf = (needs: LeadStateNeeds) => needs.activities.map((criteria) => criteria.key);

  it('a smart list’s, a referenced smart list’s and a choice’s, once each, fields and values canonical', () => {
    const top = makeCampaign('top', {
      smartList: smartList([hadScore, bySmartList, hadScore]),
      flow: [step(plusOne, [{ when: hadStage, action: null }])],
    });
    const graph = makeGraph([top], {
      smartLists: [{ id: 's1', name: 'Referenced', definition: smartList([hadStage]), deleted: false }],
    });
    const audience = audienceNeeds(graph, 'top');
    expect(audience.memberships).toBe(true);
    expect(audience.activities).toMatchObject([
      { type: 'CHANGE_SCORE', withinDays: 7, minTimes: 1 },
      { type: 'CHANGE_DATA_VALUE', attribute: 'age', newValue: '7', minTimes: 2 },
    ]);
    expect(keysOf(flowNeeds(graph, 'top'))).toEqual([audience.activities[1]?.key]);
  });

  it('an executed child’s smart list and choices are read by its caller’s flow; invalid criteria are not', () => {
    const broken: Filter = { kind: 'HAD_ACTIVITY', activity: { type: 'CHANGE_SCORE', qualified: true } };
    const graph = makeGraph([
      makeCampaign('top', { flow: [step(execute('b'))] }),
      executable('b', {
        smartList: smartList([hadScore, broken]),
        flow: [step(plusOne, [{ when: hadStage, action: null }])],
      }),
    ]);
    expect(flowNeeds(graph, 'top').activities.map((criteria) => criteria.type)).toEqual([
      'CHANGE_SCORE',
      'CHANGE_DATA_VALUE',
    ]);
    expect(flowNeeds(graph, 'top').memberships).toBe(false);
  });
});
