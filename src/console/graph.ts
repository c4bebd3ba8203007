import {
  CampaignDocument,
  CampaignGraphDocument,
  CampaignGraphPageDocument,
  type CampaignGraphQuery,
  type CampaignNodeFragment,
} from '../generated/graphql.js';
import type { Api } from './api.js';
import { campaignDetails } from './campaign-details.js';
import { h, s, show } from './dom.js';
import { type GraphEdge, layOut, type PlacedNode } from './graph-layout.js';

type Workspace = NonNullable<CampaignGraphQuery['workspace']>;

export interface WorkspaceGraph {
  name: string;
  programs: Workspace['programs'];
  campaigns: CampaignNodeFragment[];
}

/**
 * A workspace's programs and every campaign, a page of 100 at a time: the first page with the
 * workspace's folders and programs, the next ones with campaigns only.
 */
export async function loadWorkspaceGraph(api: Api, workspaceId: string): Promise<WorkspaceGraph> {
  const { workspace } = await api.request(CampaignGraphDocument, { workspaceId, first: 100 });
  if (!workspace) throw new Error('This key does not see that workspace.');
  const campaigns: CampaignNodeFragment[] = workspace.campaigns.edges.map(({ node }) => node);
  for (let { pageInfo } = workspace.campaigns; pageInfo.hasNextPage; ) {
    const { workspace: next } = await api.request(CampaignGraphPageDocument, {
      workspaceId,
      first: 100,
      after: pageInfo.endCursor,
    });
    if (!next) throw new Error('This key does not see that workspace.');
    campaigns.push(...next.campaigns.edges.map(({ node }) => node));
    pageInfo = next.campaigns.pageInfo;
  }
  return { name: workspace.name, programs: workspace.programs, campaigns };
}

const NODE_WIDTH = 230;
const NODE_HEIGHT = 62;
const COLUMN_WIDTH = NODE_WIDTH + 170;
const ROW_HEIGHT = NODE_HEIGHT + 18;
const TOP = 34;
const LEFT = 12;

const short = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

const problemsOf = (campaign: CampaignNodeFragment) =>
  campaign.problems.length + (campaign.smartList.isValid ? 0 : 1);

function position({ layer, row }: PlacedNode) {
  return { x: LEFT + layer * COLUMN_WIDTH, y: TOP + row * ROW_HEIGHT };
}

/**
 * Where an edge leaves its caller: a caller's edges leave from their own points down its right side,
 * in the order of their targets, and each label sits on its edge's first stretch, inside the caller's
 * row, so that labels of one caller or of neighbouring callers never cover one another.
 */
interface Port {
  index: number;
  count: number;
}

function edgePath(edge: GraphEdge, from: PlacedNode, to: PlacedNode, port: Port): SVGElement {
  const start = position(from);
  const end = position(to);
  const x1 = start.x + NODE_WIDTH;
  const y1 = start.y + (NODE_HEIGHT * (port.index + 1)) / (port.count + 1);
  const x2 = end.x;
  const y2 = end.y + NODE_HEIGHT / 2 + (edge.kind === 'request' ? 12 : 0);
  const bend = Math.max(50, Math.abs(x2 - x1) / 2);
  const d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  const label =
    edge.kind === 'execute'
      ? `token context ${edge.useParentTokenContext ? 'TRUE' : 'FALSE'}`
      : 'request (parallel)';
  const labelX = x1 + 62;
  const labelY = y1 - 3;
  return s(
    'g',
    {
      class: `edge edge-${edge.kind}`,
      'data-from': edge.from,
      'data-to': edge.to,
      'data-token-context':
        edge.useParentTokenContext === undefined ? undefined : String(edge.useParentTokenContext),
    },
    s('path', { d, 'marker-end': `url(#arrow-${edge.kind})` }),
    s('text', { x: labelX, y: labelY, 'text-anchor': 'middle' }, label),
  );
}

function nodeOf(node: PlacedNode, programName: string, onSelect: (id: string) => void): SVGElement {
  const { campaign } = node;
  const { x, y } = position(node);
  const problems = problemsOf(campaign);
  const badges = [
    campaign.isExecutable ? 'EXECUTABLE' : campaign.type,
    campaign.status === 'ACTIVE' ? 'active' : null,
    problems ? `⚠ ${problems} problem${problems > 1 ? 's' : ''}` : null,
  ].filter(Boolean);
  const select = () => onSelect(campaign.id);
  return s(
    'g',
    {
      class: `node${campaign.isExecutable ? ' executable' : ''}${problems ? ' has-problems' : ''}`,
      'data-campaign': campaign.id,
      'data-layer': node.layer,
      tabindex: 0,
      role: 'button',
      'aria-label': `${campaign.name}, ${campaign.isExecutable ? 'executable' : campaign.type.toLowerCase()} campaign of ${programName}${problems ? `, ${problems} problems` : ''}`,
      transform: `translate(${x},${y})`,
      onclick: select,
      onkeydown: (event) => {
        const { key } = event as KeyboardEvent;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          select();
        }
      },
    },
    s('title', {}, campaign.name),
    s('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6 }),
    s('text', { x: 10, y: 16, class: 'program' }, short(programName, 34)),
    s('text', { x: 10, y: 34, class: 'name' }, short(campaign.name, 29)),
    s('text', { x: 10, y: 52, class: 'badges' }, badges.join(' · ')),
  );
}

/**
 * The campaign graph: programs and their campaigns in a list, and the campaigns drawn by layers of
 * execution depth with their Execute Campaign edges (token context on each) and Request Campaign
 * edges dashed apart; selecting one shows its definition.
 */
export function graphView(api: Api, graph: WorkspaceGraph): HTMLElement {
  const programName = new Map(graph.programs.map(({ id, name }) => [id, name]));
  const layout = layOut(
    graph.campaigns,
    graph.programs.map(({ id }) => id),
  );
  const details = h(
    'aside',
    { class: 'details', 'aria-label': 'Selected campaign' },
    h('p', { class: 'muted' }, 'Select a campaign to see its smart list, flow and qualification rule.'),
  );
  const byId = new Map(layout.nodes.map((node) => [node.campaign.id, node]));
  const select = async (id: string) => {
    for (const element of document.querySelectorAll('[data-campaign].selected, [data-pick].selected'))
      element.classList.remove('selected');
    for (const element of document.querySelectorAll(`[data-campaign="${id}"], [data-pick="${id}"]`))
      element.classList.add('selected');
    show(details, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { campaign } = await api.request(CampaignDocument, { id });
      show(details, campaign ? campaignDetails(campaign) : h('p', {}, 'This campaign no longer exists.'));
    } catch (error) {
      show(details, h('p', { class: 'error', role: 'alert' }, (error as Error).message));
    }
  };
  const rows = Math.max(1, ...layout.layers.map((layer) => layer.length));
  const width = LEFT * 2 + layout.layers.length * COLUMN_WIDTH - (COLUMN_WIDTH - NODE_WIDTH);
  const height = TOP + rows * ROW_HEIGHT;
  const marker = (kind: string) =>
    s(
      'marker',
      {
        id: `arrow-${kind}`,
        viewBox: '0 0 10 10',
        refX: 10,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      s('path', { d: 'm0,0 l10,5 l-10,5 z', class: `arrow-${kind}` }),
    );
  const headers = layout.layers.map((_, layer) =>
    s(
      'text',
      { x: LEFT + layer * COLUMN_WIDTH, y: 18, class: 'layer' },
      layer === 0 ? 'Depth 0: scheduled or triggered' : `Depth ${layer}: executed`,
    ),
  );
  const drawn = layout.edges.flatMap((edge) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    return from && to ? [{ edge, from, to }] : [];
  });
  const leaving = new Map<PlacedNode, typeof drawn>();
  for (const item of drawn) leaving.set(item.from, [...(leaving.get(item.from) ?? []), item]);
  const edges = [...leaving.values()].flatMap((out) =>
    out
      .sort((a, b) => a.to.layer - b.to.layer || a.to.row - b.to.row)
      .map(({ edge, from, to }, index) => edgePath(edge, from, to, { index, count: out.length })),
  );
  const drawing = s(
    'svg',
    {
      class: 'graph',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': `Campaign graph of ${graph.name}: ${layout.nodes.length} campaigns, ${layout.edges.length} edges`,
    },
    s('defs', {}, marker('execute'), marker('request')),
    ...headers,
    ...edges,
    ...layout.nodes.map((node) => nodeOf(node, programName.get(node.campaign.program.id) ?? '', select)),
  );
  const programs = h(
    'nav',
    { class: 'programs', 'aria-label': 'Programs and their campaigns' },
    h('h2', {}, 'Programs'),
    ...graph.programs.map((program) =>
      h(
        'details',
        { open: true },
        h('summary', {}, program.name),
        h(
          'ul',
          {},
          ...graph.campaigns
            .filter((campaign) => campaign.program.id === program.id)
            .map((campaign) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    'data-pick': campaign.id,
                    onclick: () => select(campaign.id),
                  },
                  campaign.name,
                  campaign.isExecutable ? h('span', { class: 'tag' }, 'executable') : null,
                  problemsOf(campaign) ? h('span', { class: 'tag warn' }, '⚠') : null,
                ),
              ),
            ),
        ),
      ),
    ),
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'key execute' }, 'Execute Campaign: serial, inside the caller’s flow'),
    h('span', { class: 'key request' }, 'Request Campaign: a run apart, in parallel'),
    h('span', { class: 'key executable' }, 'executable campaign'),
    h('span', { class: 'key problem' }, 'has problems'),
  );
  return h(
    'div',
    { class: 'graph-view' },
    programs,
    h('div', { class: 'graph-pane' }, legend, h('div', { class: 'graph-scroll', tabindex: -1 }, drawing)),
    details,
  );
}
