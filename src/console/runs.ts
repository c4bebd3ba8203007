import {
  ActivitiesDocument,
  type ActivitiesQuery,
  CampaignDocument,
  CampaignRunUpdatedDocument,
  CancelCampaignRunDocument,
  type RunProgressFragment,
  ScheduleCampaignDocument,
  type TokenInput,
  type TokenType,
} from '../generated/graphql.js';
import { activityRow, type FeedRow, followActivities } from './activity-stream.js';
import type { Api } from './api.js';
import { h, labelled, show } from './dom.js';
import type { WorkspaceGraph } from './graph.js';

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** `my.name = value` lines, typed as the token in effect is (TEXT when none is). */
export function parseTokens(text: string, types: ReadonlyMap<string, TokenType>): TokenInput[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const equals = line.indexOf('=');
      if (equals < 1) throw new Error(`"${line}" is not a token: write my.name = value`);
      const name = line
        .slice(0, equals)
        .trim()
        .replace(/^\{\{|\}\}$/g, '');
      return { name, value: line.slice(equals + 1).trim(), type: types.get(name) ?? 'TEXT' };
    });
}

const labelOf = (row: FeedRow) => `${row.parent ?? '?'} → ${row.child ?? '?'} (depth ${row.depth ?? '?'})`;

interface StepCount {
  label: string;
  qualifiedTrue: number;
  qualifiedFalse: number;
}

/**
 * Schedules a batch campaign, with My Tokens for the run only, and follows it: a progress bar from
 * campaignRunUpdated, a cancel button while it can stop, and the TRUE/FALSE counts of each Execute
 * Campaign step from the run's activities.
 */
export function runsView(api: Api, graph: WorkspaceGraph): HTMLElement {
  const batches = graph.campaigns.filter(({ type }) => type === 'BATCH');
  const campaign = h(
    'select',
    { name: 'campaign', required: true },
    ...batches.map(({ id, name }) => h('option', { value: id }, name)),
  );
  const tokens = h('textarea', { name: 'tokens', rows: 3, cols: 36, spellcheck: 'false' });
  const runAt = h('input', { type: 'datetime-local', name: 'runAt' });
  const message = h('p', { role: 'alert', class: 'error' });
  const box = h('div', { class: 'run-box', 'aria-live': 'polite' });
  let tokenTypes = new Map<string, TokenType>();
  let following: { stop(): void }[] = [];

  const loadTokens = async () => {
    if (!campaign.value) return;
    const { campaign: chosen } = await api.request(CampaignDocument, { id: campaign.value });
    const effective = chosen?.program.effectiveTokens ?? [];
    tokenTypes = new Map(effective.map(({ name, type }) => [name, type]));
    tokens.placeholder =
      effective.map(({ name, value }) => `${name} = ${value}`).join('\n') || 'my.name = value';
  };
  campaign.addEventListener('change', () => void loadTokens());
  void loadTokens();

  const follow = (run: RunProgressFragment) => {
    for (const stream of following) stream.stop();
    const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Run progress' });
    const figures = h('p', { class: 'run-figures' });
    const cancel = h('button', { type: 'button', class: 'danger' }, 'Cancel the run');
    const counts = new Map<string, StepCount>();
    const results = h('tbody');
    const render = (current: RunProgressFragment) => {
      const total = current.leadsTotal ?? 0;
      const done = FINISHED.has(current.status);
      progress.max = Math.max(total, 1);
      progress.value = total ? current.leadsProcessed : done ? 1 : 0;
      const percent = total ? Math.floor((current.leadsProcessed / total) * 100) : done ? 100 : 0;
      figures.textContent = `${current.status} · ${current.leadsProcessed.toLocaleString('en')} of ${
        current.leadsTotal === null ? '?' : total.toLocaleString('en')
      } leads · ${percent} %${current.error ? ` · ${current.error}` : ''}`;
      figures.dataset.status = current.status;
      figures.dataset.percent = String(percent);
      cancel.disabled = done;
      if (done && !recounted) {
        recounted = true;
        void recount();
      }
    };
    let recounted = false;
    /** A finished run's counts, read back from Query.activities: what the live tally must agree with. */
    const recount = async () => {
      const exact = new Map<string, StepCount>();
      const add = (row: FeedRow) => {
        const count = exact.get(labelOf(row)) ?? { label: labelOf(row), qualifiedTrue: 0, qualifiedFalse: 0 };
        if (row.qualified) count.qualifiedTrue++;
        else count.qualifiedFalse++;
        exact.set(count.label, count);
      };
      try {
        for (let after: string | null = null; ; ) {
          const { activities }: ActivitiesQuery = await api.request(ActivitiesDocument, {
            filter: { runId: run.id, types: ['EXECUTE_CAMPAIGN'] },
            first: 100,
            after,
          });
          for (const { node } of activities.edges) add(activityRow(node));
          if (!activities.pageInfo.hasNextPage) break;
          after = activities.pageInfo.endCursor;
        }
      } catch (error) {
        message.textContent = `The run's results could not be read: ${(error as Error).message}`;
        return;
      }
      counts.clear();
      for (const [label, count] of exact) counts.set(label, count);
      drawCounts();
      results.dataset.final = 'true';
    };
    const tally = (row: FeedRow) => {
      if (recounted) return;
      const label = labelOf(row);
      const count = counts.get(label) ?? { label, qualifiedTrue: 0, qualifiedFalse: 0 };
      if (row.qualified) count.qualifiedTrue++;
      else count.qualifiedFalse++;
      counts.set(label, count);
      if (counts.size && !scheduled) {
        scheduled = true;
        requestAnimationFrame(drawCounts);
      }
    };
    let scheduled = false;
    const drawCounts = () => {
      scheduled = false;
      show(
        results,
        ...[...counts.values()].map((count) =>
          h(
            'tr',
            {},
            h('td', {}, count.label),
            h('td', { class: 'q-true', 'data-count': 'runTrue' }, count.qualifiedTrue),
            h('td', { class: 'q-false', 'data-count': 'runFalse' }, count.qualifiedFalse),
          ),
        ),
      );
    };
    cancel.addEventListener('click', async () => {
      cancel.disabled = true;
      try {
        render((await api.request(CancelCampaignRunDocument, { id: run.id })).cancelCampaignRun);
      } catch (error) {
        message.textContent = (error as Error).message;
        cancel.disabled = false;
      }
    });
    show(
      box,
      h('h3', {}, `Run of ${run.campaign.name}`),
      h(
        'p',
        { class: 'muted' },
        run.tokens.length
          ? `My Tokens for this run: ${run.tokens.map(({ name, value }) => `${name} = ${value}`).join(', ')}`
          : 'The stored My Tokens apply.',
      ),
      progress,
      figures,
      cancel,
      h(
        'table',
        { 'aria-label': 'Execute Campaign results of the run' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'Execute Campaign step'), h('th', {}, 'TRUE'), h('th', {}, 'FALSE')),
        ),
        results,
      ),
    );
    box.dataset.run = run.id;
    render(run);
    const updates = {
      stop: api.subscribe(
        CampaignRunUpdatedDocument,
        { runId: run.id },
        {
          next: ({ campaignRunUpdated }) => render(campaignRunUpdated),
          error: (error) => {
            message.textContent = `Following the run stopped: ${error.message}`;
          },
          complete: () => undefined,
        },
      ),
    };
    const activities = followActivities(api, {
      filter: { runId: run.id, types: ['EXECUTE_CAMPAIGN'] },
      after: '0',
      onActivity: tally,
      onStatus: () => undefined,
      onFatal: (error) => {
        message.textContent = `The run's activities could not be followed: ${error.message}`;
      },
    });
    following = [updates, activities];
  };

  const form = h(
    'form',
    {
      class: 'controls',
      onsubmit: async (event) => {
        event.preventDefault();
        message.textContent = '';
        try {
          const { scheduleCampaign } = await api.request(ScheduleCampaignDocument, {
            campaignId: campaign.value,
            tokens: parseTokens(tokens.value, tokenTypes),
            runAt: runAt.value ? new Date(runAt.value).toISOString() : null,
          });
          follow(scheduleCampaign);
        } catch (error) {
          message.textContent = (error as Error).message;
        }
      },
    },
    labelled('Batch campaign', campaign),
    labelled(
      'My Tokens for this run',
      tokens,
      'One per line: my.name = value; the placeholder shows those in effect.',
    ),
    labelled('Run at', runAt, 'Empty: now.'),
    h('button', { type: 'submit' }, 'Schedule the run'),
  );
  return h(
    'div',
    { class: 'runs' },
    h('h2', {}, 'Runs'),
    batches.length ? form : h('p', {}, 'This workspace has no batch campaign.'),
    message,
    box,
  );
}
