import { describe, expect, it } from 'vitest';
import {
  callerClosure,
  callersByCampaign,
  executedCampaignIds,
  executionClosure,
  flowActions,
  referencedCampaignIds,
} from '../../src/domain/execution-graph.js';
import type { Campaign, FlowAction, FlowStep } from '../../src/domain/model.js';
import { attr, executable, makeCampaign, step } from './model-builders.js';

const execute = (campaignId: string): FlowAction => ({
  type: 'executeCampaign',
  campaignId,
  useParentTokenContext: false,
});
const request = (campaignId: string): FlowAction => ({ type: 'requestCampaign', campaignId });
const remove = (...campaignIds: string[]): FlowAction => ({ type: 'removeFromFlow', campaignIds });
const plusOne: FlowAction = { type: 'changeScore', scoreName: 'score', change: '+1' };
const when = attr('Group', 'IS', '1');

/** A campaign whose flow executes `executed`, one step each. */
const caller = (id: string, ...executed: string[]) =>
  makeCampaign(id, { flow: executed.map((target) => step(execute(target))) });

describe('flowActions (semantics F1)', () => {
  it('lists each step’s default action, then its choices’, with the step’s position; empty slots are skipped', () => {
    const flow: FlowStep[] = [
      step(execute('a'), [
        { when, action: request('b') },
        { when, action: null },
      ]),
      step(null),
      step(null, [{ when, action: plusOne }]),
    ];
    expect(flowActions(flow)).toEqual([
      { action: execute('a'), stepPosition: 1 },
      { action: request('b'), stepPosition: 1 },
      { action: plusOne, stepPosition: 3 },
    ]);
  });
});

describe('the campaigns a flow names', () => {
  const flow: FlowStep[] = [
    step(request('r'), [{ when, action: execute('c') }]),
    step(execute('a')),
    step(remove('x', 'c')),
    step(execute('c')),
    step(plusOne),
  ];

  it.each<[string, (campaign: Pick<Campaign, 'flow'>) => string[], string[]]>([
    [
      'executes: Execute Campaign targets, choices included, in flow order, once each',
      executedCampaignIds,
      ['c', 'a'],
    ],
    [
      'references: every action that names a campaign, once each',
      referencedCampaignIds,
      ['r', 'c', 'a', 'x'],
    ],
  ])('%s', (_name, targets, expected) => {
    expect(targets({ flow })).toEqual(expected);
  });

  it.each([executedCampaignIds, referencedCampaignIds])('an empty flow names none (%o)', (targets) => {
    expect(targets({ flow: [] })).toEqual([]);
  });
});

describe('who executes whom (semantics E1, E9)', () => {
  // top > middle > child; other > child; requester only requests child; loopA <> loopB.
  const campaigns: Campaign[] = [
    caller('top', 'middle'),
    executable('middle', { flow: [step(plusOne, [{ when, action: execute('child') }])] }),
    executable('child'),
    caller('other', 'child', 'child'),
    makeCampaign('requester', { flow: [step(request('child')), step(remove('child'))] }),
    executable('loopA', { flow: [step(execute('loopB'))] }),
    executable('loopB', { flow: [step(execute('loopA'))] }),
    caller('alone'),
  ];
  const ids = (found: Campaign[]) => found.map((campaign) => campaign.id);

  it.each<[string, string, string[]]>([
    [
      'a child has every campaign that executes it, through a choice too, once each',
      'child',
      ['middle', 'other'],
    ],
    ['a middle campaign has its parent', 'middle', ['top']],
    ['a top campaign has none', 'top', []],
    ['a campaign of a cycle has the other', 'loopA', ['loopB']],
    ['an unknown campaign has none', 'missing', []],
  ])('callersByCampaign: %s', (_name, campaignId, expected) => {
    expect(ids(callersByCampaign(campaigns).get(campaignId) ?? [])).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      'a child: itself, then its callers nearest first; requesting is no calling',
      'child',
      ['child', 'middle', 'other', 'top'],
    ],
    ['a middle campaign: itself and its parent', 'middle', ['middle', 'top']],
    ['a campaign nobody executes: itself', 'alone', ['alone']],
    ['a cycle ends where it started', 'loopA', ['loopA', 'loopB']],
    ['an unknown campaign: itself', 'missing', ['missing']],
  ])('callerClosure: %s', (_name, campaignId, expected) => {
    expect(callerClosure(campaigns, campaignId)).toEqual(expected);
  });

  const graph = Object.fromEntries(campaigns.map((campaign) => [campaign.id, campaign]));
  it.each<[string, string, Record<string, Pick<Campaign, 'flow'>>, string[]]>([
    ['a top campaign: itself, then what it executes nearest first', 'top', graph, ['top', 'middle', 'child']],
    ['executing one campaign twice lists it once', 'other', graph, ['other', 'child']],
    ['a campaign that executes none: itself', 'child', graph, ['child']],
    ['a cycle ends where it started', 'loopB', graph, ['loopB', 'loopA']],
    [
      'an id the campaigns lack is listed, not followed',
      'top',
      { top: caller('top', 'gone', 'middle'), middle: caller('middle', 'child') },
      ['top', 'gone', 'middle', 'child'],
    ],
  ])('executionClosure: %s', (_name, campaignId, known, expected) => {
    expect(executionClosure(known, campaignId)).toEqual(expected);
  });
});
