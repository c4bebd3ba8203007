import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignGraph, Filter } from '../../src/domain/model.js';
import {
  act,
  attr,
  executable,
  makeCampaign,
  makeGraph,
  makeLead,
  makeProgram,
  NOW,
  run,
  smartList,
  step,
  trail,
} from './model-builders.js';

/** top > c1 > c2 > ... > c{levels}, each adding 1 to the score. */
function chain(levels: number): CampaignGraph {
  const campaigns: Campaign[] = [
    makeCampaign('top', { flow: [step(act.score('+1')), step(act.execute('c1'))] }),
  ];
  for (let level = 1; level <= levels; level += 1) {
    const next = level < levels ? [step(act.execute(`c${level + 1}`))] : [];
    campaigns.push(executable(`c${level}`, { flow: [step(act.score('+1')), ...next] }));
  }
  return makeGraph(campaigns);
}

describe('semantics E1-E3 Execute Campaign', () => {
  it('semantics E2 serial: the child runs inside the step; its activities follow the EXECUTE_CAMPAIGN activity', () => {
    const graph = makeGraph([
      makeCampaign('parent', {
        flow: [step(act.score('+1')), step(act.execute('child')), step(act.moment('after'))],
      }),
      executable('child', { flow: [step(act.score('+10')), step(act.request('later'))] }),
      makeCampaign('later'),
    ]);
    const result = run(graph, 'parent');
    expect(trail(result)).toEqual([
      'CHANGE_SCORE@parent',
      'EXECUTE_CAMPAIGN@parent',
      'CHANGE_SCORE@child',
      'REQUEST_CAMPAIGN@child',
      'INTERESTING_MOMENT@parent',
    ]);
    expect(result.activities[1]).toEqual({
      type: 'EXECUTE_CAMPAIGN',
      campaignId: 'parent',
      depth: 0,
      occurredAt: NOW,
      primaryAttributeValue: 'child',
      attributes: { executedCampaignId: 'child', qualified: true, depth: 1, useParentTokenContext: false },
    });
    expect(result.activities.map((activity) => activity.depth)).toEqual([0, 0, 1, 1, 0]);
    expect(result.effects.history).toEqual([
      { campaignId: 'parent', ranAt: NOW },
      { campaignId: 'child', ranAt: NOW },
    ]);
    expect(result.effects.requestedCampaignIds).toEqual(['later']);
    expect(result.leadAfter.fields.score).toBe(11);
  });

  it("semantics E2 the parent's next step and its choices see the child's change", () => {
    const hot: Filter = attr('score', 'AT_LEAST', '50');
    const graph = makeGraph([
      makeCampaign('parent', {
        flow: [
          step(act.execute('child')),
          step(act.moment('cold'), [{ when: hot, action: act.moment('hot') }]),
        ],
      }),
      executable('child', { flow: [step(act.score('=60'))] }),
    ]);
    const result = run(graph, 'parent', { lead: makeLead({ fields: { score: 5 } }) });
    expect(result.activities.at(-1)?.attributes).toEqual({ kind: 'Web', description: 'hot' });
    expect(result.effects.scoreChanges).toEqual({ score: { set: 60, delta: 0 } });
  });

  it.each([
    [3, 'runs', { qualified: true, depth: 3 }],
    [4, 'is DEPTH_LIMIT', { qualified: false, depth: 4, reason: 'DEPTH_LIMIT' }],
  ])('semantics E5 depth %i %s', (levels, _, attributes) => {
    const result = run(chain(levels), 'top');
    const executions = result.activities.filter((activity) => activity.type === 'EXECUTE_CAMPAIGN');
    expect(executions.at(-1)?.attributes).toMatchObject(attributes);
    expect(result.leadAfter.fields.score).toBe(4);
  });

  it.each([
    ['a missing child', null, 'NOT_EXECUTABLE'],
    ['a child that is not executable', makeCampaign('child'), 'NOT_EXECUTABLE'],
    ['a child in another workspace', executable('child', { workspaceId: 'w2' }), 'NOT_EXECUTABLE'],
    [
      'a child with an invalid smart list',
      executable('child', { smartList: smartList([attr('shoe', 'IS', '9')]) }),
      'INVALID_SMART_LIST',
    ],
    [
      'a lead outside the smart list',
      executable('child', { smartList: smartList([attr('age', 'AT_LEAST', '18')]) }),
      'NOT_IN_SMART_LIST',
    ],
    [
      'a lead the rule excludes',
      executable('child', { qualificationRule: { kind: 'ONCE' } }),
      'QUALIFICATION_RULE',
    ],
  ])('semantics E3 %s: Qualified FALSE with reason %s, the parent goes on', (_, child, reason) => {
    const graph = makeGraph(
      [
        makeCampaign('parent', { flow: [step(act.execute('child')), step(act.score('+1'))] }),
        ...(child ? [{ ...child, flow: [step(act.score('+100'))] }] : []),
      ],
      { fields: { score: 'SCORE', age: 'INTEGER' } },
    );
    const history = { child: { lastRunAt: NOW, runCount: 1 } };
    const result = run(graph, 'parent', { history });
    expect(result.activities[0]).toMatchObject({
      type: 'EXECUTE_CAMPAIGN',
      primaryAttributeValue: 'child',
      attributes: { executedCampaignId: 'child', qualified: false, depth: 1, reason },
    });
    expect(trail(result)).toEqual(['EXECUTE_CAMPAIGN@parent', 'CHANGE_SCORE@parent']);
    expect(result.leadAfter.fields.score).toBe(1);
    expect(result.effects.history.map((record) => record.campaignId)).toEqual(['parent']);
  });

  it('semantics Q1 an executed child counts as a run: executing a ONCE child twice in one flow qualifies once', () => {
    const graph = makeGraph([
      makeCampaign('parent', { flow: [step(act.execute('child')), step(act.execute('child'))] }),
      executable('child', { qualificationRule: { kind: 'ONCE' }, flow: [step(act.score('+1'))] }),
    ]);
    const result = run(graph, 'parent');
    expect(result.activities.map((activity) => activity.attributes.qualified ?? activity.type)).toEqual([
      true,
      'CHANGE_SCORE',
      false,
    ]);
    expect(result.activities[2]?.attributes.reason).toBe('QUALIFICATION_RULE');
  });

  it('semantics E3 the child qualifies on the lead as the parent left it', () => {
    const graph = makeGraph([
      makeCampaign('parent', { flow: [step(act.score('+20')), step(act.execute('child'))] }),
      executable('child', { smartList: smartList([attr('score', 'AT_LEAST', '20')]), flow: [] }),
    ]);
    expect(run(graph, 'parent').activities[1]?.attributes.qualified).toBe(true);
  });
});

describe('semantics E9/F6 Remove from Flow', () => {
  it('semantics E9 a child removing its parent stops the child and the parent', () => {
    const graph = makeGraph([
      makeCampaign('parent', { flow: [step(act.execute('child')), step(act.score('+1'))] }),
      executable('child', { flow: [step(act.remove('parent')), step(act.score('+1'))] }),
    ]);
    const result = run(graph, 'parent');
    expect(trail(result)).toEqual(['EXECUTE_CAMPAIGN@parent', 'REMOVE_FROM_FLOW@child']);
    expect(result.activities[1]?.attributes).toEqual({
      campaignIds: ['parent'],
      stoppedCampaignIds: ['parent', 'child'],
    });
    expect(result.removed).toBe(true);
    expect(result.effects.removedFromFlowCampaignIds).toEqual(['parent', 'child']);
    expect(result.leadAfter.fields.score).toBe(0);
  });

  it('semantics E9 removing the lead from an executable that is running stops it and the parents running it', () => {
    const graph = makeGraph([
      makeCampaign('top', { flow: [step(act.execute('c1')), step(act.score('+1'))] }),
      executable('c1', { flow: [step(act.execute('c2')), step(act.score('+1'))] }),
      executable('c2', { flow: [step(act.remove('c1')), step(act.score('+1'))] }),
    ]);
    const result = run(graph, 'top');
    expect(result.removed).toBe(true);
    expect(result.leadAfter.fields.score).toBe(0);
    expect(result.activities.at(-1)?.primaryAttributeValue).toBe('c1');
  });

  it('semantics F6 naming a campaign that is not running only hands on the cancellation', () => {
    const graph = makeGraph([
      makeCampaign('top', { flow: [step(act.remove('elsewhere', 'ghost')), step(act.score('+1'))] }),
      makeCampaign('elsewhere', { name: 'Nurture' }),
    ]);
    const result = run(graph, 'top');
    expect(result.removed).toBe(false);
    expect(result.leadAfter.fields.score).toBe(1);
    expect(result.activities[0]).toMatchObject({
      primaryAttributeValue: 'Nurture, ghost',
      attributes: { campaignIds: ['elsewhere', 'ghost'], stoppedCampaignIds: [] },
    });
    expect(result.effects.removedFromFlowCampaignIds).toEqual(['elsewhere', 'ghost']);
  });
});

describe('semantics F1 choices', () => {
  const choiceGraph = (score: number) =>
    run(
      makeGraph([
        makeCampaign('top', {
          flow: [
            step(act.moment('default'), [
              { when: attr('score', 'AT_LEAST', '50'), action: act.moment('first') },
              { when: attr('score', 'AT_LEAST', '10'), action: act.moment('second') },
              { when: attr('score', 'AT_LEAST', '5'), action: null },
              { when: attr('shoe', 'IS', '9'), action: act.moment('never') },
            ]),
          ],
        }),
      ]),
      'top',
      { lead: makeLead({ fields: { score } }) },
    ).activities.map((activity) => activity.attributes.description);

  it.each([
    [60, ['first']],
    [20, ['second']],
    [7, []],
    [0, ['default']],
  ])('semantics F1 score %i: the first matching choice wins (%j)', (score, expected) => {
    expect(choiceGraph(score)).toEqual(expected);
  });

  it('semantics F1 a step without default action does nothing when no choice holds', () => {
    const graph = makeGraph([makeCampaign('top', { flow: [step(null), step(act.score('+1'))] })]);
    expect(trail(run(graph, 'top'))).toEqual(['CHANGE_SCORE@top']);
  });
});

describe('semantics F9/F10 suspension and resume', () => {
  const graph = makeGraph([
    makeCampaign('top', {
      flow: [
        step(act.score('+1')),
        step(act.wait(3600)),
        step(act.webhook('https://hooks.test/{{lead.id}}', '{"score": {{lead.score}}}')),
        step(act.score('+2')),
      ],
    }),
  ]);

  it('semantics F9 a wait suspends the flow with the time and the step to resume from', () => {
    const result = run(graph, 'top');
    expect(result.suspend).toEqual({
      kind: 'WAIT',
      resumeAt: new Date('2024-06-01T13:00:00.000Z'),
      resumeStepIndex: 2,
    });
    expect(trail(result)).toEqual(['CHANGE_SCORE@top', 'WAIT@top']);
    expect(result.activities[1]?.attributes).toEqual({ seconds: 3600, resumeAt: '2024-06-01T13:00:00.000Z' });
  });

  it('semantics F10 resuming at the next step reaches the webhook, which suspends with its resolved request', () => {
    const lead = makeLead({ fields: { score: 1 } });
    const result = run(graph, 'top', { lead, startStepIndex: 2 });
    expect(result.suspend).toEqual({
      kind: 'WEBHOOK',
      request: { url: 'https://hooks.test/lead-1', method: 'POST', body: '{"score": 1}' },
      resumeStepIndex: 3,
    });
    expect(result.activities).toEqual([]);
    expect(result.effects.history).toEqual([]);
  });

  it('semantics F10 resuming after the webhook runs the remaining steps', () => {
    const result = run(graph, 'top', { lead: makeLead({ fields: { score: 1 } }), startStepIndex: 3 });
    expect(result.suspend).toBeNull();
    expect(result.leadAfter.fields.score).toBe(3);
  });

  it('semantics F10 a webhook without body, and a wait of an unusable length, suspend safely', () => {
    const g = makeGraph([
      makeCampaign('top', { flow: [step(act.webhook('https://x.test', null, 'get')), step(act.wait(-5))] }),
    ]);
    expect(run(g, 'top').suspend).toEqual({
      kind: 'WEBHOOK',
      request: { url: 'https://x.test', method: 'GET', body: null },
      resumeStepIndex: 1,
    });
    expect(run(g, 'top', { startStepIndex: 1 }).suspend).toEqual({
      kind: 'WAIT',
      resumeAt: NOW,
      resumeStepIndex: 2,
    });
  });

  it('semantics E8 waits and webhooks inside an executable are skipped with a reason at run time', () => {
    const g = makeGraph([
      makeCampaign('top', { flow: [step(act.execute('child')), step(act.score('+1'))] }),
      executable('child', {
        flow: [step(act.wait(60)), step(act.webhook('https://x.test')), step(act.score('+1'))],
      }),
    ]);
    const result = run(g, 'top');
    expect(result.suspend).toBeNull();
    expect(result.leadAfter.fields.score).toBe(2);
    expect(result.activities.slice(1, 3)).toMatchObject([
      { type: 'WAIT', depth: 1, attributes: { skipped: true, reason: 'WAIT_IN_EXECUTABLE' } },
      { type: 'CALL_WEBHOOK', depth: 1, attributes: { skipped: true, reason: 'WEBHOOK_IN_EXECUTABLE' } },
    ]);
    const simulatedExecutable = run(g, 'child');
    expect(simulatedExecutable.suspend).toBeNull();
  });
});

describe('runFlow output', () => {
  const graph = makeGraph(
    [
      makeCampaign('top', {
        flow: [
          step(act.score('+5')),
          step(act.score('+2', 'behaviorScore')),
          step(act.data('firstName', 'Ada')),
          step(act.addToList('vip')),
          step(act.status('p1', 'Engaged')),
          step(act.execute('child', true)),
        ],
      }),
      executable('child', {
        flow: [step(act.score('-1')), step(act.moment('{{lead.firstName}} at {{system.time}}'))],
      }),
    ],
    { programs: [makeProgram('p1')] },
  );
  const lead = makeLead({ fields: { score: 10, other: 'kept' }, listIds: ['old'] });

  it('semantics R3 effects are final values for fields and deltas for scores; the input lead is untouched', () => {
    const result = run(graph, 'top', { lead });
    expect(result.effects).toEqual({
      fieldChanges: { firstName: 'Ada' },
      scoreChanges: { score: { set: null, delta: 4 }, behaviorScore: { set: null, delta: 2 } },
      listAdds: ['vip'],
      listRemoves: [],
      programStatuses: { p1: 'Engaged' },
      history: [
        { campaignId: 'top', ranAt: NOW },
        { campaignId: 'child', ranAt: NOW },
      ],
      requestedCampaignIds: [],
      removedFromFlowCampaignIds: [],
    });
    expect(result.leadAfter).toEqual({
      id: 'lead-1',
      email: 'ada@example.com',
      fields: { score: 14, behaviorScore: 2, other: 'kept', firstName: 'Ada' },
      listIds: ['old', 'vip'],
      programMemberships: { p1: 'Engaged' },
    });
    expect(result.activities.at(-1)?.attributes.description).toBe('Ada at 12:00:00');
    expect(lead).toEqual(makeLead({ fields: { score: 10, other: 'kept' }, listIds: ['old'] }));
  });

  it('determinism: the same input twice gives deep-equal output', () => {
    expect(run(graph, 'top', { lead })).toEqual(run(graph, 'top', { lead }));
    const copy = structuredClone(graph);
    expect(run(copy, 'top', { lead })).toEqual(run(graph, 'top', { lead }));
  });

  it('leadAfter shows every score field, 0 when unset', () => {
    const result = run(makeGraph([makeCampaign('top')]), 'top');
    expect(result.leadAfter.fields).toEqual({ score: 0, behaviorScore: 0 });
    expect(result.activities).toEqual([]);
  });

  it('an unknown top campaign is a programmer error', () => {
    expect(() => run(graph, 'nope')).toThrow('runFlow: campaign nope is not in the graph');
  });
});
