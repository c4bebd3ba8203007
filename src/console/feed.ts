import { type ActivityFilter, LatestActivitiesDocument } from '../generated/graphql.js';
import { activityRow, type FeedRow, followActivities } from './activity-stream.js';
import type { Api } from './api.js';
import { h, labelled } from './dom.js';
import { feedList } from './feed-list.js';
import type { WorkspaceGraph } from './graph.js';

/** The most rows the feed keeps (it draws only those in view); counters go on counting past it. */
export const FEED_ROWS = 1_000;
/** How many stored activities the feed opens on. */
const HISTORY = 50;
/**
 * The least time between two draws: activities arriving faster are drawn in batches, so that the
 * page stays responsive whatever the rate.
 */
const DRAW_MS = 200;
/** The least time between two writes of the tab's state; leaving the page writes it at once. */
const PERSIST_MS = 1_000;

const integer = new Intl.NumberFormat('en');

interface FeedFilter {
  campaignId: string;
  qualified: '' | 'true' | 'false';
  allTypes: boolean;
}

interface Counts {
  received: number;
  qualifiedTrue: number;
  qualifiedFalse: number;
  otherTypes: number;
  resumes: number;
}

/** What the tab keeps across reloads: the filter, the last id shown and the counts. */
interface FeedState {
  filter: FeedFilter;
  lastId: string | null;
  counts: Counts;
}

const NO_COUNTS: Counts = { received: 0, qualifiedTrue: 0, qualifiedFalse: 0, otherTypes: 0, resumes: 0 };

function readState(item: string): FeedState | null {
  try {
    return JSON.parse(sessionStorage.getItem(item) ?? 'null') as FeedState | null;
  } catch {
    return null;
  }
}

/**
 * The live feed of Execute Campaign activities (other types on demand), filtered by campaign and by
 * Qualified. It opens on the latest stored ones, then follows; a reload resumes after the last id
 * it showed. Rows arrive in batches, drawn at most every DRAW_MS; the page keeps the newest
 * FEED_ROWS and draws only those in view (feedList).
 */
export function feedView(
  api: Api,
  workspaceId: string,
  graph: WorkspaceGraph,
  signal: AbortSignal,
): HTMLElement {
  const stateItem = `console.feed.${workspaceId}`;
  const state: FeedState = readState(stateItem) ?? {
    filter: { campaignId: '', qualified: '', allTypes: false },
    lastId: null,
    counts: { ...NO_COUNTS },
  };
  const campaign = h(
    'select',
    { name: 'campaign' },
    h('option', { value: '' }, 'All campaigns'),
    ...graph.campaigns.map(({ id, name }) =>
      h('option', { value: id, selected: id === state.filter.campaignId }, name),
    ),
  );
  const qualified = h(
    'select',
    { name: 'qualified' },
    ...(
      [
        ['', 'TRUE or FALSE'],
        ['true', 'TRUE'],
        ['false', 'FALSE'],
      ] as const
    ).map(([value, text]) => h('option', { value, selected: value === state.filter.qualified }, text)),
  );
  const allTypes = h('input', { type: 'checkbox', name: 'allTypes', checked: state.filter.allTypes });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Connecting…');
  const counter = (name: string) => h('b', { 'data-count': name }, '0');
  const counters = {
    received: counter('received'),
    qualifiedTrue: counter('qualifiedTrue'),
    qualifiedFalse: counter('qualifiedFalse'),
    otherTypes: counter('otherTypes'),
    shown: counter('shown'),
    rate: counter('rate'),
    resumes: counter('resumes'),
  };
  const list = feedList(FEED_ROWS);

  let pending: FeedRow[] = [];
  let scheduled = false;
  let lastDraw = 0;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  let stream: { stop(): void } | undefined;
  /** Bumped by every start: a start overtaken while it read the history must not follow too. */
  let generation = 0;
  /** Arrivals since `rateSince`; the rate shown is that of the last whole second or more. */
  let arrived = 0;
  let rateSince = performance.now();
  let rate = 0;

  const persist = () => {
    clearTimeout(persistTimer);
    persistTimer = undefined;
    // A forgotten key's tab keeps nothing of it.
    if (!signal.aborted) sessionStorage.setItem(stateItem, JSON.stringify(state));
  };
  // The state is written together (last id and counts from the same moment): a reload resumes
  // from an id it may have counted past, and counts again exactly what came after that id.
  const persistSoon = () => {
    persistTimer ??= setTimeout(persist, PERSIST_MS);
  };
  addEventListener('pagehide', persist, { signal });
  signal.addEventListener('abort', () => {
    generation++;
    clearTimeout(persistTimer);
    stream?.stop();
    stream = undefined;
  });
  const setCount = (element: HTMLElement, value: number) => {
    const text = integer.format(value);
    if (element.textContent !== text) element.textContent = text;
  };
  const flush = () => {
    scheduled = false;
    lastDraw = performance.now();
    list.add(pending);
    pending = [];
    if (lastDraw - rateSince >= 1_000) {
      rate = Math.round((arrived * 1_000) / (lastDraw - rateSince));
      arrived = 0;
      rateSince = lastDraw;
    }
    for (const name of ['received', 'qualifiedTrue', 'qualifiedFalse', 'otherTypes', 'resumes'] as const)
      setCount(counters[name], state.counts[name]);
    setCount(counters.shown, list.size);
    setCount(counters.rate, rate);
    persistSoon();
  };
  // A timer, not an animation frame: a hidden tab gets no frames, and its counts and stored id
  // must stay current.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(flush, Math.max(0, lastDraw + DRAW_MS - performance.now()));
  };
  const add = (row: FeedRow) => {
    state.lastId = row.id;
    state.counts.received++;
    if (row.qualified === true) state.counts.qualifiedTrue++;
    else if (row.qualified === false) state.counts.qualifiedFalse++;
    else state.counts.otherTypes++;
    arrived++;
    pending.push(row);
    if (pending.length > 2 * FEED_ROWS) pending = pending.slice(-FEED_ROWS);
    schedule();
  };
  const serverFilter = (): ActivityFilter => ({
    workspaceId,
    campaignId: state.filter.campaignId || null,
    qualified: state.filter.qualified === '' ? null : state.filter.qualified === 'true',
    types: state.filter.allTypes ? null : ['EXECUTE_CAMPAIGN'],
  });
  const follow = () => {
    stream = followActivities(api, {
      filter: serverFilter(),
      after: state.lastId,
      onActivity: add,
      onStatus: (text, live) => {
        if (!live && !text.startsWith('Live')) state.counts.resumes++;
        status.textContent = text;
        status.className = `status ${live ? 'live' : 'down'}`;
        schedule();
      },
      onFatal: (error) => {
        status.textContent = `Stopped: ${error.message}`;
        status.className = 'status down';
      },
    });
  };
  /** A new filter starts over: the latest stored activities it matches, then live ones. */
  const start = async (resume: boolean) => {
    const mine = ++generation;
    stream?.stop();
    stream = undefined;
    pending = [];
    list.clear();
    if (!resume) {
      state.lastId = null;
      state.counts = { ...NO_COUNTS };
      status.textContent = 'Reading the latest activities…';
      try {
        const { activities } = await api.request(LatestActivitiesDocument, {
          filter: serverFilter(),
          last: HISTORY,
        });
        if (mine !== generation) return;
        for (const { node } of activities.edges) add(activityRow(node));
        state.lastId ??= '0';
      } catch (error) {
        if (mine !== generation) return;
        status.textContent = `The latest activities could not be read: ${(error as Error).message}`;
      }
    }
    flush();
    follow();
  };
  const onFilter = () => {
    state.filter = {
      campaignId: campaign.value,
      qualified: qualified.value as FeedFilter['qualified'],
      allTypes: allTypes.checked,
    };
    void start(false);
  };
  for (const control of [campaign, qualified, allTypes]) control.addEventListener('change', onFilter);
  void start(state.lastId !== null);

  return h(
    'div',
    { class: 'feed' },
    h('h2', {}, 'Live feed'),
    h(
      'div',
      { class: 'controls' },
      labelled('Parent campaign', campaign),
      labelled('Qualified', qualified),
      h('label', { class: 'field inline' }, allTypes, ' Other activity types too'),
    ),
    status,
    h(
      'p',
      { class: 'counters', 'aria-label': 'Counters' },
      h('span', {}, 'Received ', counters.received),
      h('span', {}, 'TRUE ', counters.qualifiedTrue),
      h('span', {}, 'FALSE ', counters.qualifiedFalse),
      h('span', {}, 'Other types ', counters.otherTypes),
      h('span', {}, 'Shown ', counters.shown, ` of at most ${FEED_ROWS.toLocaleString('en')}`),
      h('span', {}, 'Per second ', counters.rate),
      h('span', {}, 'Resumes ', counters.resumes),
    ),
    list.element,
  );
}
