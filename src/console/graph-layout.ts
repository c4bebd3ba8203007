import type { CampaignNodeFragment } from '../generated/graphql.js';

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'execute' | 'request';
  /** Execute Campaign only: whether the child runs in the parent's token context. */
  useParentTokenContext?: boolean;
  /** The step's position in the caller's flow. */
  step: number;
}

export interface PlacedNode {
  campaign: CampaignNodeFragment;
  layer: number;
  row: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: GraphEdge[];
  /** Campaigns per layer, layer 0 first. */
  layers: PlacedNode[][];
}

/** Execute Campaign nests at most 3 deep; a longer chain is a cycle or a problem, drawn at the cap. */
const MAX_LAYER = 4;

type Action = CampaignNodeFragment['flow'][number]['action'];

function edgeOf(from: string, step: number, action: Action): GraphEdge | null {
  if (action?.__typename === 'ExecuteCampaign')
    return {
      from,
      to: action.campaign.id,
      kind: 'execute',
      useParentTokenContext: action.useParentTokenContext,
      step,
    };
  if (action?.__typename === 'RequestCampaign')
    return { from, to: action.campaign.id, kind: 'request', step };
  return null;
}

/** Every Execute Campaign and Request Campaign action of the flows, steps' and choices' alike. */
export function edgesOf(campaigns: readonly CampaignNodeFragment[]): GraphEdge[] {
  const known = new Set(campaigns.map(({ id }) => id));
  const edges: GraphEdge[] = [];
  for (const campaign of campaigns) {
    for (const step of campaign.flow) {
      for (const action of [step.action, ...step.choices.map((choice) => choice.action)]) {
        const edge = edgeOf(campaign.id, step.position, action);
        if (edge && known.has(edge.to)) edges.push(edge);
      }
    }
  }
  return edges;
}

/**
 * Layers by execution depth: a campaign that nothing executes is at layer 0, one that is executed at
 * one more than the deepest of its callers. Request Campaign starts a run apart, so it does not
 * deepen. Within a layer, callers' order (then program, then name) keeps edges short.
 */
export function layOut(
  campaigns: readonly CampaignNodeFragment[],
  programOrder: readonly string[],
): GraphLayout {
  const edges = edgesOf(campaigns);
  const executions = edges.filter((edge) => edge.kind === 'execute' && edge.from !== edge.to);
  const layerOf = new Map(campaigns.map(({ id }) => [id, 0]));
  for (let pass = 0; pass < MAX_LAYER; pass++) {
    let moved = false;
    for (const { from, to } of executions) {
      const deeper = Math.min(MAX_LAYER, (layerOf.get(from) ?? 0) + 1);
      if (deeper > (layerOf.get(to) ?? 0)) {
        layerOf.set(to, deeper);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const programRank = new Map(programOrder.map((id, index) => [id, index]));
  const byProgramThenName = (a: CampaignNodeFragment, b: CampaignNodeFragment) =>
    (programRank.get(a.program.id) ?? 0) - (programRank.get(b.program.id) ?? 0) ||
    a.name.localeCompare(b.name);
  const depth = Math.max(0, ...layerOf.values());
  const layers: PlacedNode[][] = [];
  const rowOf = new Map<string, number>();
  for (let layer = 0; layer <= depth; layer++) {
    const members = campaigns.filter(({ id }) => layerOf.get(id) === layer);
    const callerRow = (id: string) => {
      const rows = executions.filter((edge) => edge.to === id).map((edge) => rowOf.get(edge.from) ?? 0);
      return rows.length ? rows.reduce((sum, row) => sum + row, 0) / rows.length : 0;
    };
    members.sort((a, b) => (layer === 0 ? 0 : callerRow(a.id) - callerRow(b.id)) || byProgramThenName(a, b));
    const placed = members.map((campaign, row) => ({ campaign, layer, row }));
    for (const node of placed) rowOf.set(node.campaign.id, node.row);
    layers.push(placed);
  }
  return { nodes: layers.flat(), edges, layers };
}
