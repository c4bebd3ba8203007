import {
  CampaignDocument,
  SimulateCampaignDocument,
  type TokenType,
  WorkspaceLeadsDocument,
} from '../generated/graphql.js';
import type { Api } from './api.js';
import { h, labelled, show } from './dom.js';
import type { WorkspaceGraph } from './graph.js';
import { parseTokens } from './runs.js';

/** The leads offered to pick from: the first page of the workspace's, in creation order. */
const LEADS = 100;

/** A dry run: what a campaign would do to one lead now, the explanation and the activities; nothing is written. */
export function dryRunView(api: Api, workspaceId: string, graph: WorkspaceGraph): HTMLElement {
  const campaign = h(
    'select',
    { name: 'campaign', required: true },
    ...graph.campaigns
      .filter(({ isExecutable }) => !isExecutable)
      .map(({ id, name }) => h('option', { value: id }, name)),
  );
  const lead = h('select', { name: 'lead', required: true });
  const tokens = h('textarea', {
    name: 'tokens',
    rows: 2,
    cols: 32,
    spellcheck: 'false',
    placeholder: 'my.name = value',
  });
  const result = h('div', { class: 'dry-run-result', 'aria-live': 'polite' });
  let tokenTypes = new Map<string, TokenType>();

  void api.request(WorkspaceLeadsDocument, { workspaceId, first: LEADS }).then(({ workspace }) => {
    for (const { node } of workspace?.leads.edges ?? [])
      lead.append(h('option', { value: node.id }, node.email));
  });
  const loadTokens = async () => {
    if (!campaign.value) return;
    const { campaign: chosen } = await api.request(CampaignDocument, { id: campaign.value });
    tokenTypes = new Map((chosen?.program.effectiveTokens ?? []).map(({ name, type }) => [name, type]));
  };
  campaign.addEventListener('change', () => void loadTokens());
  void loadTokens();

  const simulate = async (event: Event) => {
    event.preventDefault();
    show(result, h('p', { class: 'muted' }, 'Running…'));
    try {
      const { simulateCampaign } = await api.request(SimulateCampaignDocument, {
        campaignId: campaign.value,
        leadId: lead.value,
        tokens: parseTokens(tokens.value, tokenTypes),
      });
      const qualified = simulateCampaign.qualified ? 'TRUE' : 'FALSE';
      show(
        result,
        h(
          'h3',
          {},
          'Qualified: ',
          h('span', { class: `q-${qualified.toLowerCase()}`, 'data-qualified': qualified }, qualified),
        ),
        simulateCampaign.explanation.length
          ? null
          : h('p', { class: 'muted' }, 'No smart-list filter or rule to explain: every lead qualifies.'),
        h(
          'ol',
          { class: 'explanation', 'aria-label': 'Explanation' },
          ...simulateCampaign.explanation.map((line) =>
            h(
              'li',
              { class: line.passed ? 'passed' : 'failed' },
              `${line.passed ? 'passed' : 'failed'}: ${line.detail}`,
            ),
          ),
        ),
        h('h3', {}, 'Activities it would write'),
        h(
          'table',
          { 'aria-label': 'Activities the run would write' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Type'),
              h('th', {}, 'Campaign'),
              h('th', {}, 'Depth'),
              h('th', {}, 'Qualified'),
              h('th', {}, 'Detail'),
            ),
          ),
          h(
            'tbody',
            {},
            ...simulateCampaign.activities.map((activity) =>
              h(
                'tr',
                {},
                h('td', {}, activity.type),
                h('td', {}, activity.campaign?.name ?? ''),
                h('td', {}, activity.depth),
                h(
                  'td',
                  { class: activity.qualified === null ? '' : `q-${String(activity.qualified)}` },
                  activity.qualified === null ? '' : activity.qualified ? 'TRUE' : 'FALSE',
                ),
                h('td', {}, activity.primaryAttributeValue ?? ''),
              ),
            ),
          ),
        ),
        h('h3', {}, 'The lead after'),
        h('pre', {}, JSON.stringify(simulateCampaign.leadAfter, null, 2)),
      );
    } catch (error) {
      show(result, h('p', { class: 'error', role: 'alert' }, (error as Error).message));
    }
  };
  return h(
    'div',
    { class: 'dry-run' },
    h('h2', {}, 'Dry run'),
    h(
      'form',
      { class: 'controls', onsubmit: simulate },
      labelled('Campaign', campaign),
      labelled('Lead', lead, `The first ${LEADS} of the workspace.`),
      labelled('My Tokens for the dry run', tokens),
      h('button', { type: 'submit' }, 'Run it dry'),
    ),
    result,
  );
}
