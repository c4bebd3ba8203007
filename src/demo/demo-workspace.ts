import type { FlowAction, QualificationRule, SmartListDefinition, TokenType } from '../domain/model.js';

/**
 * The seed's example (semantics T6, E3, S3 in docs/semantics.md) as data: what `createDemo` builds
 * through the commands. Campaigns and programs refer to each other by key; the builder resolves the
 * keys.
 */

export interface DemoToken {
  name: string;
  type: TokenType;
  value: string;
}

export type DemoProgramKey = 'library' | 'webinar';
export type DemoCampaignKey = 'child' | 'parentTrue' | 'parentFalse' | 'listener';

/** A flow action whose Execute Campaign step names its target by key. */
export type DemoAction =
  | Exclude<FlowAction, { type: 'executeCampaign' }>
  | { type: 'executeCampaign'; campaign: DemoCampaignKey; useParentTokenContext: boolean };

export interface DemoCampaign {
  key: DemoCampaignKey;
  program: DemoProgramKey;
  name: string;
  description: string;
  executable: boolean;
  smartList: SmartListDefinition;
  /** One action per step. */
  flow: readonly DemoAction[];
  qualificationRule: QualificationRule;
  /** A trigger campaign that listens from the start. */
  activate: boolean;
}

/** Every time, so that each new schedule of a parent (and each trigger) gives new activity. */
const EVERY_TIME: QualificationRule = { kind: 'EVERY_TIME' };
const EVERYONE: SmartListDefinition = { rule: 'ALL', filters: [], triggers: [] };

const parent = (key: 'parentTrue' | 'parentFalse', useParentTokenContext: boolean): DemoCampaign => ({
  key,
  program: 'webinar',
  name: `Parent, token context ${useParentTokenContext ? 'TRUE' : 'FALSE'}`,
  description: useParentTokenContext
    ? 'Executes Change score in its own context: the webinar’s my.score (+10) applies.'
    : 'Executes Change score in the child’s context: the folder’s my.score (+0) applies.',
  executable: false,
  smartList: EVERYONE,
  flow: [{ type: 'executeCampaign', campaign: 'child', useParentTokenContext }],
  qualificationRule: EVERY_TIME,
  activate: false,
});

export const DEMO_WORKSPACE = {
  /** The workspace's name; a second demo in the same database gets " 2", and so on. */
  name: 'Execute Campaign demo',
  apiKeyName: 'Demo key',
  folder: {
    name: 'Scoring',
    /** The child's program defines no my.score: it inherits this one (semantics T2). */
    tokens: [{ name: 'my.score', type: 'SCORE', value: '+0' }] as readonly DemoToken[],
  },
  programs: [
    { key: 'library', name: 'Score library', tokens: [] as readonly DemoToken[] },
    {
      key: 'webinar',
      name: 'Webinar',
      tokens: [{ name: 'my.score', type: 'SCORE', value: '+10' }] as readonly DemoToken[],
    },
  ] as const satisfies readonly { key: DemoProgramKey; name: string; tokens: readonly DemoToken[] }[],
  statuses: ['Not in Program', 'Member', 'Engaged'],
  /** In creation order: a campaign's Execute Campaign targets come before it. */
  campaigns: [
    {
      key: 'child',
      program: 'library',
      name: 'Change score',
      description: 'The executable child: changes the score by {{my.score}}, for leads of example.com only.',
      executable: true,
      smartList: {
        rule: 'ALL',
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'CONTAINS', values: ['@example.com'] }],
        triggers: [],
      },
      flow: [
        { type: 'changeScore', scoreName: 'score', change: '{{my.score}}' },
        {
          type: 'interestingMoment',
          kind: 'Milestone',
          description: 'Scored {{my.score}} in the context of {{campaign.name}}',
        },
      ],
      qualificationRule: EVERY_TIME,
      activate: false,
    },
    parent('parentTrue', true),
    parent('parentFalse', false),
    {
      key: 'listener',
      program: 'webinar',
      name: 'Score watcher',
      description: 'A trigger campaign: notes every score change.',
      executable: false,
      smartList: { rule: 'ALL', filters: [], triggers: [{ kind: 'SCORE_IS_CHANGED', attribute: 'score' }] },
      flow: [
        {
          type: 'interestingMoment',
          kind: 'Milestone',
          description: '{{trigger.name}}: the score is now {{lead.score}}',
        },
      ],
      qualificationRule: EVERY_TIME,
      activate: true,
    },
  ] as readonly DemoCampaign[],
  /** Two leads pass the child's smart list (Qualified TRUE), one does not (FALSE). */
  leads: ['ada@example.com', 'grace@example.com', 'linus@example.org'],
} as const;
