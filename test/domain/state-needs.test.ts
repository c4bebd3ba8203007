import { describe, expect, it } from 'vitest';
import type { Campaign, Filter, FlowAction } from '../../src/domain/model.js';
import { audienceNeeds, flowNeeds } from '../../src/domain/state-needs.js';
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
const nothing = { memberships: false, history: false };

describe('audienceNeeds (semantics S4, Q2)', () => {
  it.each<[string, Partial<Campaign>, { memberships: boolean; history: boolean }]>([
    ['attribute filters, EVERY_TIME: fields only', { smartList: smartList([byAttribute]) }, nothing],
    [
      'a list filter: memberships',
      { smartList: smartList([byAttribute, byList]) },
      { memberships: true, history: false },
    ],
    [
      'a program filter: memberships',
      { smartList: smartList([byProgram]) },
      { memberships: true, history: false },
    ],
    [
      'a smart-list filter: memberships',
      { smartList: smartList([bySmartList]) },
      { memberships: true, history: false },
    ],
    ['ONCE: history', { qualificationRule: { kind: 'ONCE' } }, { memberships: false, history: true }],
    [
      'ONCE_EVERY: history',
      { qualificationRule: { kind: 'ONCE_EVERY', every: 1, unit: 'DAYS' } },
      { memberships: false, history: true },
    ],
  ])('%s', (_name, overrides, needs) => {
    expect(audienceNeeds(makeGraph([makeCampaign('top', overrides)]), 'top')).toEqual(needs);
  });

  it('a campaign not in the graph: everything', () => {
    expect(audienceNeeds(makeGraph([]), 'missing')).toEqual({ memberships: true, history: true });
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
    expect(flowNeeds(makeGraph([asDefault]), 'top')).toEqual({ memberships: true, history: false });
    expect(flowNeeds(makeGraph([asChoice]), 'top')).toEqual({ memberships: true, history: false });
  });

  it('a choice conditioned on a list reads memberships; on an attribute, nothing', () => {
    const onList = makeCampaign('top', { flow: [step(plusOne, [{ when: byList, action: null }])] });
    const onAttribute = makeCampaign('top', { flow: [step(plusOne, [{ when: byAttribute, action: null }])] });
    expect(flowNeeds(makeGraph([onList]), 'top')).toEqual({ memberships: true, history: false });
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
    });
    expect(flowNeeds(chain({ smartList: smartList([byProgram]) }), 'top')).toEqual({
      memberships: true,
      history: false,
    });
    expect(flowNeeds(chain({ flow: [step({ type: 'addToList', listId: 'l1' })] }), 'top')).toEqual({
      memberships: true,
      history: false,
    });
  });

  it('a campaign missing from the graph, top or executed: everything', () => {
    const everything = { memberships: true, history: true };
    expect(flowNeeds(makeGraph([]), 'missing')).toEqual(everything);
    const top = makeCampaign('top', { flow: [step(execute('gone'))] });
    expect(flowNeeds(makeGraph([top]), 'top')).toEqual(everything);
  });
});
