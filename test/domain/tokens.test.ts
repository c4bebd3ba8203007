import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignGraph, Folder } from '../../src/domain/model.js';
import {
  effectiveTokens,
  MAX_TOKEN_NAME_LENGTH,
  normalizeTokenName,
  parseTemplate,
  type TokenOwner,
} from '../../src/domain/tokens.js';
import {
  act,
  executable,
  makeCampaign,
  makeGraph,
  makeLead,
  makeProgram,
  makeRun,
  NOW,
  run,
  step,
} from './model-builders.js';

describe('semantics T1 template parsing', () => {
  it.each([
    ['plain text', ['plain text']],
    ['', ['']],
    ['{{my.score}}', [{ kind: 'my', key: 'score', fallback: null }]],
    [
      'Hi {{ Lead . First  Name : default = there }}!',
      ['Hi ', { kind: 'lead', key: 'first name', fallback: 'there' }, '!'],
    ],
    [
      '{{system.date}}{{SYSTEM.Time}}',
      [
        { kind: 'system', key: 'date', fallback: null },
        { kind: 'system', key: 'time', fallback: null },
      ],
    ],
    ['{{my.a:default=}}', [{ kind: 'my', key: 'a', fallback: '' }]],
    ['unterminated {{my.score', ['unterminated {{my.score']],
    ['{{nonsense}} and {{other.x}}', ['{{nonsense}} and {{other.x}}']],
    ['{{my.}}', ['{{my.}}']],
    ['{{my.a:fallback=x}}', ['{{my.a:fallback=x}}']],
    ['{{ {{my.a}}', ['{{ ', { kind: 'my', key: 'a', fallback: null }]],
    ['}} {{my.a}} }}', ['}} ', { kind: 'my', key: 'a', fallback: null }, ' }}']],
  ])('semantics T1 %j parses', (text, parts) => {
    expect(parseTemplate(text)).toEqual(parts);
  });
});

describe('semantics T7 token names', () => {
  it.each([
    ['my.score', 'my.score'],
    ['{{my.score}}', 'my.score'],
    ['  {{ MY . Big Score }} ', 'my.Big Score'],
    [`my.${'x'.repeat(MAX_TOKEN_NAME_LENGTH)}`, `my.${'x'.repeat(50)}`],
  ])('semantics T7 %j is normalized to %j', (input, name) => {
    expect(normalizeTokenName(input)).toEqual({ ok: true, name });
  });

  it.each([
    ['score', 'is not a My Token name (my.x or {{my.x}})'],
    ['lead.score', 'is not a My Token name (my.x or {{my.x}})'],
    ['{{program.name}}', 'is not a My Token name (my.x or {{my.x}})'],
    ['my.', 'has an empty name'],
    ['{{my.  }}', 'has an empty name'],
    [`my.${'x'.repeat(51)}`, 'is longer than 50 characters'],
    ['my.a:b', 'may not contain braces or colons'],
    ['my.a}', 'may not contain braces or colons'],
    ['my.a\tb', 'may not contain control characters'],
    ['my.a\u0007', 'may not contain control characters'],
  ])('semantics T7 %j is INVALID_TOKEN (%s)', (input, message) => {
    expect(normalizeTokenName(input)).toEqual({
      ok: false,
      problem: { code: 'INVALID_TOKEN', message: `"${input}" ${message}` },
    });
  });
});

/** A campaign whose only step records the rendered text as an interesting moment. */
function renderIn(campaign: Partial<Campaign>, text: string): Campaign {
  return makeCampaign('top', { ...campaign, flow: [step(act.moment(text))] });
}

function rendered(graph: CampaignGraph, options: Parameters<typeof run>[2] = {}): string {
  const result = run(graph, 'top', options);
  return result.activities[0]?.attributes.description as string;
}

describe('semantics T1-T3 token kinds', () => {
  const program = makeProgram('p1', { description: 'Spring launch', tokens: { 'my.Greeting': 'Hello' } });
  const lead = makeLead({
    id: 'lead-7',
    email: 'ada@example.com',
    fields: { firstName: 'Ada', age: 36, vip: false },
    programMemberships: { p1: 'Engaged' },
  });

  it.each([
    ['{{my.greeting}} {{lead.FirstName}}', 'Hello Ada'],
    [
      '{{lead.email}} {{lead.id}} {{lead.age}} {{lead.vip}} {{lead.score}}',
      'ada@example.com lead-7 36 false 0',
    ],
    ['{{lead.revenue:default=none}} [{{lead.revenue}}] {{lead.shoeSize:default=?}}', 'none [] ?'],
    ['{{campaign.name}}|{{campaign.id}}|{{campaign.description}}', 'Welcome|top|Greets'],
    [
      '{{program.name}}|{{program.id}}|{{program.description}}|{{program.owner}}',
      'Program p1|p1|Spring launch|',
    ],
    ['{{member.status}}|{{member.since:default=-}}', 'Engaged|-'],
    [
      '{{system.date}} {{system.time}} {{system.dateTime}} {{system.year}}',
      '2024-06-01 12:00:00 2024-06-01T12:00:00.000Z ',
    ],
    ['{{my.unknown}}|{{my.unknown:default=fallback}}|{{trigger.name:default=none}}', '|fallback|none'],
  ])('semantics T1 %s renders %j', (text, expected) => {
    const graph = makeGraph([renderIn({ name: 'Welcome', description: 'Greets' }, text)], {
      programs: [program],
    });
    expect(rendered(graph, { lead })).toBe(expected);
  });

  it('semantics T1 a campaign without description and program renders empty', () => {
    const graph = makeGraph([
      renderIn({ programId: 'gone' }, '[{{campaign.description}}{{program.name}}{{member.status}}]'),
    ]);
    expect(rendered(graph)).toBe('[]');
  });

  it('semantics T3 trigger tokens reach triggered runs only', () => {
    const graph = makeGraph([renderIn({}, '{{trigger.Name:default=none}}/{{trigger.value}}')]);
    const trigger = { name: 'Data Value Changes', Value: 'Gold' };
    expect(rendered(graph, { run: makeRun({ kind: 'TRIGGERED', trigger }) })).toBe('Data Value Changes/Gold');
    expect(rendered(graph, { run: makeRun({ kind: 'BATCH', trigger }) })).toBe('none/');
    expect(rendered(graph, { run: makeRun({ kind: 'TRIGGERED', trigger: null }) })).toBe('none/');
  });
});

describe('semantics T2 My Token precedence', () => {
  const folders: Folder[] = [
    { id: 'root', parentId: null, tokens: { 'my.a': 'root-a', 'my.b': 'root-b', 'my.c': 'root-c' } },
    { id: 'child', parentId: 'root', tokens: { 'my.b': 'child-b', 'my.c': 'child-c' } },
  ];
  const program = makeProgram('p1', {
    folderId: 'child',
    tokens: { '{{my.C}}': 'program-c', 'bad name': 'x' },
  });
  const graph = makeGraph([renderIn({}, '{{my.a}} {{my.b}} {{my.c}} {{my.d}}')], {
    programs: [program],
    folders,
  });

  it('semantics T2 the program, then the nearest folder up the chain', () => {
    expect(rendered(graph)).toBe('root-a child-b program-c ');
  });

  it('semantics T2 each effective token comes with the folder or program that defines it', () => {
    const byId = new Map(folders.map((folder) => [folder.id, folder]));
    const tokensOf = (owner: TokenOwner) =>
      Object.entries(owner.kind === 'program' ? program.tokens : (byId.get(owner.id)?.tokens ?? {})).map(
        ([name, value]) => ({ name, value }),
      );
    expect(effectiveTokens(program, (id) => byId.get(id), tokensOf)).toEqual([
      { key: 'c', token: { name: '{{my.C}}', value: 'program-c' }, definedBy: { kind: 'program', id: 'p1' } },
      { key: 'b', token: { name: 'my.b', value: 'child-b' }, definedBy: { kind: 'folder', id: 'child' } },
      { key: 'a', token: { name: 'my.a', value: 'root-a' }, definedBy: { kind: 'folder', id: 'root' } },
    ]);
  });

  it('semantics T7 API-passed tokens override My Tokens for that run only', () => {
    const tokens = { '{{my.b}}': 'api-b', 'my.d': 'api-d' };
    expect(rendered(graph, { run: makeRun({ tokens }) })).toBe('root-a api-b program-c api-d');
    expect(rendered(graph)).toBe('root-a child-b program-c ');
  });

  it('semantics T2 a folder chain that loops is cut where it repeats', () => {
    const looping: Folder[] = [
      { id: 'x', parentId: 'y', tokens: { 'my.a': 'x' } },
      { id: 'y', parentId: 'x', tokens: { 'my.a': 'y', 'my.b': 'y' } },
    ];
    const g = makeGraph([renderIn({}, '{{my.a}} {{my.b}}')], {
      programs: [makeProgram('p1', { folderId: 'x' })],
      folders: looping,
    });
    expect(rendered(g)).toBe('x y');
  });
});

describe('semantics T4-T6 token context of executed campaigns', () => {
  const programs = [
    makeProgram('parent-program', { tokens: { 'my.score': '+10', 'my.label': 'parent' } }),
    makeProgram('child-program', {
      tokens: { 'my.score': '+0', 'my.label': 'child', 'my.only': 'child-only' },
    }),
    makeProgram('grandchild-program', { tokens: { 'my.deep': 'grandchild-deep' } }),
  ];
  const child = executable('child', {
    programId: 'child-program',
    flow: [step(act.score('{{my.score}}'))],
  });

  function parent(useParentTokenContext: boolean): Campaign {
    return makeCampaign('parent', {
      programId: 'parent-program',
      flow: [step(act.execute('child', useParentTokenContext))],
    });
  }

  it.each([
    [true, 10],
    [false, 0],
  ])(
    'semantics T6 the seed example: Use Parent Token Context %s changes the score by %i',
    (useParent, expected) => {
      const graph = makeGraph([parent(useParent), child], { programs });
      const result = run(graph, 'parent', { lead: makeLead({ fields: { score: 5 } }) });
      expect(result.leadAfter.fields.score).toBe(5 + expected);
      expect(result.activities[1]).toMatchObject({
        type: 'CHANGE_SCORE',
        campaignId: 'child',
        depth: 1,
        attributes: {
          scoreName: 'score',
          change: useParent ? '+10' : '+0',
          oldValue: 5,
          newValue: 5 + expected,
        },
      });
      expect(result.effects.scoreChanges).toEqual({ score: { set: null, delta: expected } });
    },
  );

  it.each([
    [true, '+7'],
    [false, '+0'],
  ])(
    'semantics T4/T5/T7 API-passed tokens reach the child only through TRUE (%s ⇒ %s)',
    (useParent, change) => {
      const graph = makeGraph([parent(useParent), child], { programs });
      const result = run(graph, 'parent', { run: makeRun({ tokens: { 'my.score': '+7' } }) });
      expect(result.activities[1]?.attributes.change).toBe(change);
    },
  );

  function contextProbe(text: string, useParent = true): CampaignGraph {
    const probe = executable('child', {
      programId: 'child-program',
      name: 'Child',
      flow: [step(act.moment(text))],
    });
    return makeGraph([{ ...parent(useParent), name: 'Parent' }, probe], { programs });
  }

  it('semantics T4 a My Token the parent context lacks falls back to the child, per token', () => {
    const result = run(contextProbe('{{my.label}} {{my.only}} {{my.missing:default=none}}'), 'parent');
    expect(result.activities[1]?.attributes.description).toBe('parent child-only none');
  });

  it('semantics T4 campaign, program and member tokens come from the parent with TRUE, from the child with FALSE', () => {
    const text = '{{campaign.name}} {{program.id}} {{member.status:default=-}}';
    const lead = makeLead({ programMemberships: { 'parent-program': 'Member', 'child-program': 'Engaged' } });
    expect(run(contextProbe(text, true), 'parent', { lead }).activities[1]?.attributes.description).toBe(
      'Parent parent-program Member',
    );
    expect(run(contextProbe(text, false), 'parent', { lead }).activities[1]?.attributes.description).toBe(
      'Child child-program Engaged',
    );
  });

  it('semantics T4 trigger tokens reach a TRUE child of a triggered run, not a FALSE one', () => {
    const triggered = makeRun({ kind: 'TRIGGERED', trigger: { name: 'Score is Changed' } });
    const text = '{{trigger.name:default=none}}';
    expect(
      run(contextProbe(text, true), 'parent', { run: triggered }).activities[1]?.attributes.description,
    ).toBe('Score is Changed');
    expect(
      run(contextProbe(text, false), 'parent', { run: triggered }).activities[1]?.attributes.description,
    ).toBe('none');
  });

  it('semantics T4 nested TRUE through 3 levels: each level passes on the context it resolves in', () => {
    const text = '{{my.score}} {{my.label}} {{my.only}} {{my.deep}} {{campaign.name}}';
    const graph = makeGraph(
      [
        makeCampaign('top', {
          name: 'Top',
          programId: 'parent-program',
          flow: [step(act.execute('c1', true))],
        }),
        executable('c1', { programId: 'child-program', flow: [step(act.execute('c2', true))] }),
        executable('c2', { programId: 'grandchild-program', flow: [step(act.execute('c3', true))] }),
        executable('c3', { programId: 'grandchild-program', flow: [step(act.moment(text))] }),
      ],
      { programs },
    );
    const result = run(graph, 'top', { run: makeRun({ tokens: { 'my.score': '+99' } }) });
    expect(result.activities.at(-1)).toMatchObject({
      type: 'INTERESTING_MOMENT',
      campaignId: 'c3',
      depth: 3,
      attributes: { description: '+99 parent child-only grandchild-deep Top' },
    });
  });

  it('semantics T5 a FALSE link in the chain resets the context below it', () => {
    const graph = makeGraph(
      [
        makeCampaign('top', { programId: 'parent-program', flow: [step(act.execute('c1', true))] }),
        executable('c1', { programId: 'child-program', flow: [step(act.execute('c2', false))] }),
        executable('c2', {
          programId: 'grandchild-program',
          flow: [step(act.moment('{{my.label:default=own}}'))],
        }),
      ],
      { programs },
    );
    expect(run(graph, 'top').activities.at(-1)?.attributes.description).toBe('own');
  });

  it('semantics T1 system tokens use the run clock', () => {
    const graph = makeGraph([renderIn({}, '{{system.dateTime}}')]);
    expect(rendered(graph, { now: new Date('2030-01-02T03:04:05.678Z') })).toBe('2030-01-02T03:04:05.678Z');
    expect(rendered(graph)).toBe(NOW.toISOString());
  });
});
