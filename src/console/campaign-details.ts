import type {
  CampaignQuery,
  ConditionFieldsFragment,
  FlowActionFieldsFragment,
  QualificationKind,
  TimeUnit,
} from '../generated/graphql.js';
import { h } from './dom.js';

type Campaign = NonNullable<CampaignQuery['campaign']>;

/** A flow action as one line, the way the campaign editor words it. */
export function describeAction(action: FlowActionFieldsFragment | null): string {
  if (!action) return 'Do nothing';
  switch (action.__typename) {
    case 'ChangeScore':
      return `Change score ${action.scoreName} by ${action.change}`;
    case 'ChangeDataValue':
      return `Change data value ${action.attribute} to ${action.value ?? '(empty)'}`;
    case 'ChangeProgramStatus':
      return `Change program status of ${action.program.name} to ${action.status}`;
    case 'AddToList':
      return `Add to list ${action.list.name}`;
    case 'RemoveFromList':
      return `Remove from list ${action.list.name}`;
    case 'ExecuteCampaign':
      return `Execute campaign ${action.campaign.name} (use parent token context: ${action.useParentTokenContext ? 'TRUE' : 'FALSE'})`;
    case 'RequestCampaign':
      return `Request campaign ${action.campaign.name} (runs apart, in parallel)`;
    case 'RemoveFromFlow':
      return `Remove from flow of ${action.campaigns.map(({ name }) => name).join(', ')}`;
    case 'InterestingMoment':
      return `Interesting moment (${action.kind}): ${action.description}`;
    case 'Wait':
      return `Wait ${action.seconds} s`;
    case 'Webhook':
      return `Call webhook ${action.method} ${action.url}`;
  }
}

export function describeCondition(condition: ConditionFieldsFragment): string {
  switch (condition.kind) {
    case 'ATTRIBUTE':
      return `${condition.attribute} ${condition.operator?.toLowerCase().replace(/_/g, ' ') ?? 'is'} ${condition.values.join(', ')}`;
    case 'MEMBER_OF_LIST':
      return 'Member of a static list';
    case 'MEMBER_OF_PROGRAM':
      return `Member of a program${condition.status ? ` with status ${condition.status}` : ''}`;
    case 'MEMBER_OF_SMART_LIST':
      return 'Member of a smart list';
    case 'HAD_ACTIVITY':
      return 'Had an activity';
    case 'NOT_HAD_ACTIVITY':
      return 'Had no such activity';
  }
}

export function describeRule(rule: {
  kind: QualificationKind;
  every: number | null;
  unit: TimeUnit | null;
}): string {
  if (rule.kind === 'EVERY_TIME') return 'Every time';
  if (rule.kind === 'ONCE') return 'Once (a lead runs through the flow at most once)';
  return `Once every ${rule.every ?? '?'} ${rule.unit?.toLowerCase() ?? ''}`;
}

const section = (title: string, ...content: (Node | null)[]) =>
  h('section', { class: 'detail' }, h('h3', {}, title), ...content);

const list = (items: string[], empty: string, kind: 'ol' | 'ul' | 'plain' = 'ul') =>
  items.length === 0
    ? h('p', { class: 'muted' }, empty)
    : h(kind === 'ol' ? 'ol' : 'ul', { class: kind }, ...items.map((item) => h('li', {}, item)));

/** A campaign's smart list, flow and qualification rule, with its Execute Campaign neighbours. */
export function campaignDetails(campaign: Campaign): HTMLElement {
  const { smartList } = campaign;
  const filters = smartList.filters.map((filter) => `${filter.position}. ${describeCondition(filter)}`);
  const triggers = smartList.triggers.map(
    (trigger) =>
      `Trigger: ${trigger.kind.toLowerCase().replace(/_/g, ' ')}${trigger.attribute ? ` (${trigger.attribute})` : ''}${trigger.source ? ` from ${trigger.source}` : ''}`,
  );
  const steps = campaign.flow.map((step) => {
    const choices = step.choices.map(
      (choice) => `  if ${describeCondition(choice.when)}: ${describeAction(choice.action)}`,
    );
    return [describeAction(step.action), ...choices].join('\n');
  });
  return h(
    'article',
    { class: 'campaign-details', 'aria-live': 'polite' },
    h('h2', {}, campaign.name),
    h(
      'p',
      { class: 'muted' },
      `${campaign.type} campaign · ${campaign.status.toLowerCase()} · program ${campaign.program.name}`,
    ),
    campaign.description ? h('p', {}, campaign.description) : null,
    campaign.problems.length
      ? section(
          'Problems',
          list(
            campaign.problems.map(
              (problem) =>
                `${problem.code}${problem.stepPosition ? ` (step ${problem.stepPosition})` : ''}: ${problem.message}`,
            ),
            '',
          ),
        )
      : null,
    section(
      `Smart list${smartList.isValid ? '' : ' (invalid)'}`,
      h(
        'p',
        { class: 'muted' },
        `Rule: ${smartList.advancedLogic ? `advanced: ${smartList.advancedLogic}` : smartList.rule}`,
      ),
      list([...triggers, ...filters], 'No filter: every lead.', 'plain'),
    ),
    section('Flow', list(steps, 'No step.', 'ol')),
    section('Qualification rule', h('p', {}, describeRule(campaign.qualificationRule))),
    section(
      'Execute Campaign edges',
      list(
        [
          ...campaign.executes.map(({ name }) => `Executes ${name}`),
          ...campaign.executedBy.map(({ name }) => `Executed by ${name}`),
        ],
        'None.',
      ),
    ),
    section(
      'My Tokens in effect',
      list(
        campaign.program.effectiveTokens.map((token) => `{{${token.name}}} = ${token.value} (${token.type})`),
        'None.',
      ),
    ),
  );
}
