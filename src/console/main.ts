import { ViewerDocument, type ViewerQuery } from '../generated/graphql.js';
import { type Api, ApiError, createApi } from './api.js';
import { h, labelled, show } from './dom.js';
import { dryRunView } from './dry-run.js';
import { feedView } from './feed.js';
import { graphView, loadWorkspaceGraph, type WorkspaceGraph } from './graph.js';
import { runsView } from './runs.js';

/** The tab's own storage: the key never goes into a URL or a cookie, and leaves with the tab. */
const KEY_ITEM = 'console.apiKey';
const WORKSPACE_ITEM = 'console.workspace';

export interface ViewContext {
  api: Api;
  workspaceId: string;
  graph: WorkspaceGraph;
  /** Aborted when the key is forgotten: views stop their streams, timers and listeners. */
  signal: AbortSignal;
}

interface View {
  id: string;
  label: string;
  render(context: ViewContext): HTMLElement;
}

const VIEWS: View[] = [
  { id: 'graph', label: 'Campaign graph', render: ({ api, graph }) => graphView(api, graph) },
  {
    id: 'feed',
    label: 'Live feed',
    render: ({ api, workspaceId, graph, signal }) => feedView(api, workspaceId, graph, signal),
  },
  { id: 'runs', label: 'Runs', render: ({ api, graph }) => runsView(api, graph) },
  {
    id: 'dry-run',
    label: 'Dry run',
    render: ({ api, workspaceId, graph }) => dryRunView(api, workspaceId, graph),
  },
];

const root = document.getElementById('console') as HTMLElement;

function keyForm(message?: string) {
  const input = h('input', {
    type: 'password',
    name: 'key',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': message ? 'key-error' : undefined,
    'aria-invalid': message ? 'true' : undefined,
  });
  const form = h(
    'form',
    {
      class: 'key-form',
      onsubmit: (event) => {
        event.preventDefault();
        void open(input.value.trim());
      },
    },
    h('h1', {}, 'Campaign engine console'),
    h(
      'p',
      {},
      'Give an API key: the admin key or a workspace key (npm start prints them). It is kept in this tab only.',
    ),
    labelled('API key', input),
    message ? h('p', { id: 'key-error', class: 'error', role: 'alert' }, message) : null,
    h('button', { type: 'submit' }, 'Open the console'),
  );
  show(root, h('main', { class: 'key-page' }, form));
  input.focus();
}

function refusal(error: unknown): string {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
    return `This key was refused: ${error.message}. Check it, or ask for a new one.`;
  return `The console could not reach the API: ${(error as Error).message}`;
}

async function open(key: string) {
  const api = createApi(key);
  let viewer: ViewerQuery['viewer'];
  try {
    viewer = (await api.request(ViewerDocument, {})).viewer;
  } catch (error) {
    sessionStorage.removeItem(KEY_ITEM);
    keyForm(refusal(error));
    return;
  }
  sessionStorage.setItem(KEY_ITEM, key);
  const stored = sessionStorage.getItem(WORKSPACE_ITEM);
  const workspace = viewer.workspaces.find(({ id }) => id === stored) ?? viewer.workspaces[0];
  if (!workspace) {
    keyForm('This key sees no workspace yet.');
    return;
  }
  sessionStorage.setItem(WORKSPACE_ITEM, workspace.id);
  let graph: WorkspaceGraph;
  try {
    graph = await loadWorkspaceGraph(api, workspace.id);
  } catch (error) {
    keyForm(refusal(error));
    return;
  }
  renderShell({ api, workspaceId: workspace.id, graph }, viewer);
}

function renderShell(shown: Omit<ViewContext, 'signal'>, viewer: ViewerQuery['viewer']) {
  const forgotten = new AbortController();
  const context: ViewContext = { ...shown, signal: forgotten.signal };
  const choose = h(
    'select',
    {
      name: 'workspace',
      onchange: () => {
        sessionStorage.setItem(WORKSPACE_ITEM, choose.value);
        location.reload();
      },
    },
    ...viewer.workspaces.map(({ id, name }) =>
      h('option', { value: id, selected: id === context.workspaceId }, name),
    ),
  );
  const forget = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        forgotten.abort();
        context.api.close();
        sessionStorage.clear();
        keyForm();
      },
    },
    'Forget the key',
  );
  const panels = new Map<string, HTMLElement>();
  const main = h('main', { id: 'view' });
  const tabs = VIEWS.map((view) =>
    h('a', { href: `#${view.id}`, class: 'tab', 'data-view': view.id }, view.label),
  );
  const route = () => {
    const wanted = location.hash.slice(1);
    const view = VIEWS.find(({ id }) => id === wanted) ?? (VIEWS[0] as View);
    for (const tab of tabs) {
      if (tab.dataset.view === view.id) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    let panel = panels.get(view.id);
    if (!panel) {
      panel = h(
        'section',
        { class: `panel panel-${view.id}`, 'aria-label': view.label },
        view.render(context),
      );
      panels.set(view.id, panel);
      main.append(panel);
    }
    for (const [id, other] of panels) other.hidden = id !== view.id;
  };
  window.addEventListener('hashchange', route, { signal: context.signal });
  show(
    root,
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Campaign engine console'),
      labelled('Workspace', choose),
      forget,
      h('nav', { class: 'tabs', 'aria-label': 'Views' }, ...tabs),
    ),
    main,
  );
  route();
}

const saved = sessionStorage.getItem(KEY_ITEM);
if (saved) void open(saved);
else keyForm();
