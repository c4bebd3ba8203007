import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Campaign } from '../../src/domain/model.js';
import {
  type AllowedTargets,
  NO_ALLOWED_TARGETS,
  parseAllowedTargets,
} from '../../src/domain/network-targets.js';
import {
  campaignProblems,
  campaignType,
  cloneProblems,
  requestProblems,
  scheduleProblems,
  validateCampaignGraph,
  validateSmartListDefinition,
} from '../../src/domain/validation.js';
import { act, attr, executable, makeCampaign, makeGraph, smartList, step } from './model-builders.js';

const codes = (campaigns: Campaign[], changed?: string[]) =>
  validateCampaignGraph(makeGraph(campaigns), changed).map(
    (problem) => `${problem.code}@${problem.campaignId}#${problem.stepPosition}`,
  );

/** top > e1 > ... > e{levels}. */
function chain(levels: number): Campaign[] {
  const campaigns = [makeCampaign('top', { flow: [step(act.score('+1')), step(act.execute('e1'))] })];
  for (let level = 1; level <= levels; level += 1) {
    campaigns.push(
      executable(`e${level}`, { flow: level < levels ? [step(act.execute(`e${level + 1}`))] : [] }),
    );
  }
  return campaigns;
}

describe('semantics E5-E8 validateCampaignGraph', () => {
  it('semantics E5 a chain 3 deep is fine', () => {
    expect(codes(chain(3))).toEqual([]);
  });

  it('semantics E5 a chain 4 deep is EXECUTION_DEPTH_EXCEEDED at the step that starts it', () => {
    const problems = validateCampaignGraph(makeGraph(chain(4)));
    expect(problems).toEqual([
      {
        code: 'EXECUTION_DEPTH_EXCEEDED',
        message: 'the execution chain top > e1 > e2 > e3 > e4 is 4 levels deep; at most 3',
        campaignId: 'top',
        stepPosition: 2,
      },
    ]);
  });

  it('semantics E11 editing a grandchild reports the ancestor whose chain it makes too deep', () => {
    expect(codes(chain(5), ['e5'])).toEqual([
      'EXECUTION_DEPTH_EXCEEDED@top#2',
      'EXECUTION_DEPTH_EXCEEDED@e1#1',
    ]);
    expect(codes(chain(5), ['e1'])).toEqual([
      'EXECUTION_DEPTH_EXCEEDED@top#2',
      'EXECUTION_DEPTH_EXCEEDED@e1#1',
    ]);
    expect(codes([...chain(4), makeCampaign('unrelated')], ['unrelated'])).toEqual([]);
  });

  it('semantics E5 the longest of several branches decides; shared children are visited once', () => {
    const campaigns = [
      makeCampaign('top', { flow: [step(act.execute('long')), step(act.execute('short'))] }),
      executable('short', { flow: [step(act.execute('leaf'))] }),
      executable('long', { flow: [step(act.execute('mid'))] }),
      executable('mid', { flow: [step(act.execute('leaf'))] }),
      executable('leaf', { flow: [step(act.execute('tail'))] }),
      executable('tail'),
    ];
    expect(codes(campaigns)).toEqual(['EXECUTION_DEPTH_EXCEEDED@top#1']);
  });

  it('semantics E5 a choice executing a campaign counts like a default action', () => {
    const campaigns = chain(3);
    campaigns[3] = executable('e3', {
      flow: [step(null, [{ when: attr('score', 'IS', '1'), action: act.execute('e4') }])],
    });
    expect(codes([...campaigns, executable('e4')])).toEqual(['EXECUTION_DEPTH_EXCEEDED@top#2']);
  });

  it('semantics E6 cycles are EXECUTION_CYCLE, self-loops included', () => {
    expect(
      codes([
        makeCampaign('top', { flow: [step(act.execute('a'))] }),
        executable('a', { flow: [step(act.execute('b'))] }),
        executable('b', { flow: [step(act.score('+1')), step(act.execute('a'))] }),
        executable('self', { flow: [step(act.execute('self'))] }),
      ]),
    ).toEqual(['EXECUTION_CYCLE@a#1', 'EXECUTION_CYCLE@b#2', 'EXECUTION_CYCLE@self#1']);
    const [problem] = validateCampaignGraph(
      makeGraph([executable('self', { flow: [step(act.execute('self'))] })]),
    );
    expect(problem?.message).toBe('executing "self" closes a cycle of executions');
  });

  it('semantics E6 a cycle filtered by the changed campaigns', () => {
    const campaigns = [
      executable('a', { flow: [step(act.execute('b'))] }),
      executable('b', { flow: [step(act.execute('a'))] }),
      makeCampaign('other'),
    ];
    expect(codes(campaigns, ['b'])).toEqual(['EXECUTION_CYCLE@a#1', 'EXECUTION_CYCLE@b#1']);
    expect(codes(campaigns, ['other'])).toEqual([]);
  });

  it('semantics E7 targets must exist, be executable and share the workspace', () => {
    expect(
      codes([
        makeCampaign('top', {
          flow: [step(act.execute('batch')), step(act.execute('missing')), step(act.execute('foreign'))],
        }),
        makeCampaign('batch'),
        executable('foreign', { workspaceId: 'w2' }),
      ]),
    ).toEqual([
      'EXECUTE_TARGET_NOT_EXECUTABLE@top#1',
      'EXECUTE_TARGET_NOT_EXECUTABLE@top#2',
      'CROSS_WORKSPACE_EXECUTE@top#3',
    ]);
  });

  it('semantics E8 waits, webhooks and triggers are refused in an executable, allowed elsewhere', () => {
    const flow = [
      step(act.wait(60)),
      step(null, [{ when: attr('score', 'IS', '1'), action: act.webhook('https://x') }]),
    ];
    const triggers = [{ kind: 'LEAD_IS_CREATED' as const }];
    expect(
      codes([
        executable('exe', { flow, smartList: smartList([], { triggers }) }),
        makeCampaign('batch', { flow, smartList: smartList([], { triggers }) }),
      ]),
    ).toEqual(['TRIGGER_IN_EXECUTABLE@exe#null', 'WAIT_IN_EXECUTABLE@exe#1', 'WEBHOOK_IN_EXECUTABLE@exe#2']);
  });
});

describe('semantics E1/E10 campaign types and clones', () => {
  it.each([
    [
      executable('x', { smartList: smartList([], { triggers: [{ kind: 'LEAD_IS_CREATED' }] }) }),
      'EXECUTABLE',
    ],
    [makeCampaign('x', { smartList: smartList([], { triggers: [{ kind: 'LEAD_IS_CREATED' }] }) }), 'TRIGGER'],
    [makeCampaign('x'), 'BATCH'],
  ])('semantics E1 %#: type %s', (campaign, type) => {
    expect(campaignType(campaign)).toBe(type);
  });

  it('semantics E10 a campaign with triggers cannot be cloned', () => {
    const trigger = makeCampaign('t', {
      name: 'On create',
      smartList: smartList([], { triggers: [{ kind: 'LEAD_IS_CREATED' }] }),
    });
    expect(cloneProblems(trigger)).toEqual([
      { code: 'CLONE_WITH_TRIGGERS', message: 'campaign "On create" has triggers and cannot be cloned' },
    ]);
    expect(cloneProblems(executable('e'))).toEqual([]);
  });
});

describe('semantics E1/R1/R2 scheduling and requesting', () => {
  const requested = (source?: 'API' | 'FLOW_ACTION') =>
    makeCampaign('t', {
      smartList: smartList([], { triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source }] }),
    });

  it('semantics E1 only batch campaigns can be scheduled', () => {
    expect(scheduleProblems(makeCampaign('b'))).toEqual([]);
    expect(scheduleProblems(executable('e'))).toEqual([
      {
        code: 'NOT_SCHEDULABLE',
        message: 'an executable campaign cannot be scheduled; only batch campaigns can',
      },
    ]);
    expect(scheduleProblems(requested())).toEqual([
      {
        code: 'NOT_SCHEDULABLE',
        message: 'a trigger campaign cannot be scheduled; only batch campaigns can',
      },
    ]);
  });

  it.each([
    [requested(), true, 'API', null],
    [requested('API'), true, 'API', null],
    [requested('FLOW_ACTION'), true, 'FLOW_ACTION', null],
    [
      requested('FLOW_ACTION'),
      true,
      'API',
      'the campaign does not listen for Campaign is Requested from API',
    ],
    [requested(), false, 'API', 'the campaign is not active'],
    [executable('e'), true, 'API', 'an executable campaign cannot be requested'],
    [makeCampaign('b'), true, 'FLOW_ACTION', 'a batch campaign cannot be requested'],
  ] as const)('semantics E1/R2 request %#: %s', (campaign, active, source, message) => {
    expect(requestProblems(campaign, active, source)).toEqual(
      message === null ? [] : [{ code: 'NOT_REQUESTABLE', message }],
    );
  });
});

describe('semantics E4 campaignProblems', () => {
  it("semantics E4 an invalid smart list, a choice that cannot be evaluated, and the campaign's graph problems", () => {
    const broken = makeCampaign('c', {
      smartList: smartList([{ kind: 'MEMBER_OF_SMART_LIST', smartListId: 'gone' }]),
      flow: [
        step(act.execute('batch'), [
          { when: attr('score', 'IS', '1'), action: null },
          { when: attr('shoe', 'IS', '9'), action: null },
        ]),
      ],
    });
    const graph = makeGraph([
      makeCampaign('c'),
      makeCampaign('batch', { flow: [step(act.execute('batch'))] }),
    ]);
    expect(campaignProblems(broken, graph, NO_ALLOWED_TARGETS)).toEqual([
      {
        code: 'INVALID_SMART_LIST',
        message: 'the smart list is invalid, nobody qualifies: filter 1: smart list gone does not exist',
        campaignId: 'c',
        stepPosition: null,
      },
      {
        code: 'INVALID_SMART_LIST',
        message: 'a choice condition cannot be evaluated and never holds: unknown field "shoe"',
        campaignId: 'c',
        stepPosition: 1,
      },
      {
        code: 'EXECUTE_TARGET_NOT_EXECUTABLE',
        message: 'campaign "batch" is not an executable campaign',
        campaignId: 'c',
        stepPosition: 1,
      },
    ]);
  });

  it('semantics E4 a trigger on a field that does not exist never fires: INVALID_SMART_LIST', () => {
    const listener = makeCampaign('c', {
      smartList: smartList([], {
        triggers: [
          { kind: 'DATA_VALUE_CHANGES', attribute: 'shoe' },
          { kind: 'DATA_VALUE_CHANGES', attribute: 'Score' },
          { kind: 'DATA_VALUE_CHANGES' },
        ],
      }),
    });
    expect(campaignProblems(listener, makeGraph([listener]), NO_ALLOWED_TARGETS)).toEqual([
      {
        code: 'INVALID_SMART_LIST',
        message:
          'the DATA_VALUE_CHANGES trigger listens to field "shoe", which does not exist; it never fires',
        campaignId: 'c',
        stepPosition: null,
      },
    ]);
  });

  it('semantics F5 a Request Campaign step aimed at a campaign a flow cannot request: NOT_REQUESTABLE', () => {
    const requested = { kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' } as const;
    const listening = makeCampaign('listening', { smartList: smartList([], { triggers: [requested] }) });
    const apiOnly = makeCampaign('api', {
      smartList: smartList([], { triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] }),
    });
    const batch = makeCampaign('batch');
    const caller = makeCampaign('c', {
      flow: [step(act.request('listening')), step(act.request('batch')), step(act.request('api'))],
    });
    const problems = campaignProblems(
      caller,
      makeGraph([caller, listening, apiOnly, batch]),
      NO_ALLOWED_TARGETS,
    );
    expect(problems.map((problem) => [problem.code, problem.stepPosition])).toEqual([
      ['NOT_REQUESTABLE', 2],
      ['NOT_REQUESTABLE', 3],
    ]);
  });

  it('semantics F10 a webhook step aimed at a target that is not allowed: WEBHOOK_TARGET_NOT_ALLOWED, unless the operator allows it', () => {
    const hooks = makeCampaign('c', {
      flow: [
        step(act.webhook('https://hooks.example.com/in')),
        step(act.webhook('http://169.254.169.254/latest/meta-data/')),
        step(act.webhook('http://localhost:8080/{{lead.id}}')),
        step(act.webhook('https://{{my.host}}/in')),
      ],
    });
    const targetProblems = (allowed: AllowedTargets) =>
      campaignProblems(hooks, makeGraph([hooks]), allowed).filter(
        (problem) => problem.code === 'WEBHOOK_TARGET_NOT_ALLOWED',
      );
    expect(targetProblems(NO_ALLOWED_TARGETS)).toEqual([
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: 'the webhook target 169.254.169.254 is a link-local address, which is not called',
        campaignId: 'c',
        stepPosition: 2,
      },
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: 'the webhook target localhost is a loopback address, which is not called',
        campaignId: 'c',
        stepPosition: 3,
      },
    ]);
    const allowed = parseAllowedTargets('169.254.0.0/16, localhost').targets as AllowedTargets;
    expect(targetProblems(allowed)).toEqual([]);
  });

  it('semantics E4 a sound campaign has no problems, in or out of the graph', () => {
    const sound = makeCampaign('c', { smartList: smartList([attr('score', 'AT_LEAST', '1')]) });
    expect(campaignProblems(sound, makeGraph([sound]), NO_ALLOWED_TARGETS)).toEqual([]);
    expect(campaignProblems(sound, makeGraph([]), NO_ALLOWED_TARGETS)).toEqual([]);
  });
});

describe('semantics E4 validateSmartListDefinition', () => {
  const graph = makeGraph([], {
    smartLists: [{ id: 'old', name: 'Old', definition: smartList(), deleted: true }],
  });

  it('semantics E4 reports every filter that cannot be evaluated and references the graph lacks', () => {
    const definition = smartList(
      [
        attr('shoe', 'IS', '9'),
        { kind: 'MEMBER_OF_SMART_LIST', smartListId: 'old' },
        { kind: 'MEMBER_OF_PROGRAM', programId: 'p9' },
        { kind: 'MEMBER_OF_LIST', staticListId: 'l9' },
        { kind: 'MEMBER_OF_LIST', staticListId: 'l1' },
      ],
      {
        triggers: [
          { kind: 'ADDED_TO_LIST', staticListId: 'l8' },
          { kind: 'ADDED_TO_LIST', staticListId: 'l1' },
        ],
      },
    );
    expect(validateSmartListDefinition(definition, graph, ['l1'])).toEqual([
      { code: 'INVALID_SMART_LIST', message: 'unknown field "shoe"', filterPosition: 1 },
      { code: 'INVALID_SMART_LIST', message: 'smart list "Old" is deleted', filterPosition: 2 },
      { code: 'INVALID_SMART_LIST', message: 'program p9 does not exist', filterPosition: 3 },
      { code: 'INVALID_SMART_LIST', message: 'static list l9 does not exist', filterPosition: 4 },
      { code: 'INVALID_SMART_LIST', message: 'static list l8 does not exist', filterPosition: null },
    ]);
    expect(validateSmartListDefinition(definition, graph)).toHaveLength(3);
  });

  it('semantics E4 reports malformed advanced logic once, without a filter position', () => {
    const definition = smartList([attr('score', 'IS', '1')], { rule: 'ADVANCED', advancedLogic: '1 or 2' });
    expect(validateSmartListDefinition(definition, graph)).toEqual([
      {
        code: 'INVALID_SMART_LIST',
        message: 'malformed advanced logic: filter 2 does not exist (there are 1 filters)',
        filterPosition: null,
      },
    ]);
    expect(validateSmartListDefinition(smartList([attr('score', 'IS', '1')]), graph)).toEqual([]);
  });
});

describe('errors', () => {
  it('DomainError carries its problem code', () => {
    const error = new DomainError('NOT_SCHEDULABLE', 'an executable campaign is never scheduled');
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, code: error.code, message: error.message }).toEqual({
      name: 'DomainError',
      code: 'NOT_SCHEDULABLE',
      message: 'an executable campaign is never scheduled',
    });
  });
});
