import type { GraphQLResolveInfo } from 'graphql';
import { type ActivityPage, readActivityPage } from '../db/sql/activity-feed.js';
import type { ActivityFilter as ActivityFilterRule } from '../domain/activity-filter.js';
import { type ActivityFilter, ActivityFilterRef, ActivityRef, type ActivityView } from './activity.js';
import { activityView } from './activity-types.js';
import { builder } from './builder.js';
import { CampaignRef } from './campaign.js';
import { readWorkspaces } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { databaseId } from './ids.js';
import { LeadRef, leadsInHand } from './lead.js';
import { pageArgs } from './page-args.js';
import { idCursorPage, type PageArgs } from './paging.js';
import { CampaignRunRef, runsInHand } from './run.js';
import { selectedFields } from './selection.js';

/* The activities connections: of the query, of a lead, of a campaign and of a run. */

const ActivityConnection = builder.connectionObject(
  {
    type: ActivityRef,
    name: 'ActivityConnection',
    description: 'A page of activities, oldest first (commit order).',
  },
  { description: 'An activity and its cursor (the activity’s id).' },
);

/**
 * The filter in database ids, narrowed to the workspaces the viewer may see: a workspace key that
 * asks for another workspace sees nothing. An empty list of types does not narrow.
 */
function activityFilterOf(
  context: GraphQLContext,
  input: ActivityFilter | null | undefined,
): ActivityFilterRule {
  const viewer = context.viewer;
  const workspaceId = input?.workspaceId ? databaseId(input.workspaceId, 'Workspace') : undefined;
  if (viewer?.kind === 'workspace' && workspaceId && workspaceId !== viewer.workspaceId) {
    return { workspaceIds: [] };
  }
  const visibleWorkspaceId = viewer?.kind === 'workspace' ? viewer.workspaceId : workspaceId;
  return {
    workspaceIds: visibleWorkspaceId ? [visibleWorkspaceId] : null,
    campaignId: input?.campaignId ? databaseId(input.campaignId, 'Campaign') : undefined,
    leadId: input?.leadId ? databaseId(input.leadId, 'Lead') : undefined,
    runId: input?.runId ? databaseId(input.runId, 'CampaignRun') : undefined,
    types: input?.types?.length ? input.types : undefined,
    qualified: input?.qualified ?? undefined,
  };
}

/** The fields of an activity that name a campaign, program or list: their workspace's snapshot answers them. */
const SNAPSHOT_FIELDS = [
  'campaign',
  'executedCampaign',
  'requestedCampaign',
  'campaigns',
  'stoppedCampaigns',
  'list',
  'program',
];

/**
 * Puts what the page's rows name and the operation asks for into the request, for all of them at
 * once: the leads and the graph versions read with the page, the runs, and the snapshot of their
 * workspace. The rows' fields then answer without a promise each.
 */
function holdReferences(context: GraphQLContext, selected: ReadonlySet<string>, page: ActivityPage) {
  const { events } = page;
  leadsInHand.hold(context, page.leads);
  const runIds = events.flatMap((event) => (event.runId ? [event.runId] : []));
  const workspaceIds = new Set(events.map((event) => event.workspaceId));
  return Promise.all([
    selected.has('run') ? runsInHand.read(context, runIds) : undefined,
    // Rows of several workspaces (an admin's page) have their objects loaded by id, a batch per
    // type, rather than the snapshot (every asset) of each workspace they touch read.
    workspaceIds.size === 1 && page.graphVersions.size > 0
      ? readWorkspaces(context, workspaceIds, page.graphVersions)
      : undefined,
  ]);
}

/** One page of activities, oldest first (in commit order); the cursor is the activity id. */
export function activityConnection(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  args: PageArgs & { filter?: ActivityFilter | null },
  scope: Pick<ActivityFilterRule, 'leadId' | 'campaignId' | 'runId'> = {},
) {
  // The connection's parent (a lead, a campaign, a run) narrows the filter; it never widens it.
  const filters = [activityFilterOf(context, args.filter), { workspaceIds: null, ...scope }];
  const selected = selectedFields(info, ['edges', 'node']);
  const include = {
    leads: selected.has('lead'),
    graphVersions: SNAPSHOT_FIELDS.some((field) => selected.has(field)),
  };
  return idCursorPage<ActivityView>(args, async (read) => {
    // A probe's row is never shown: nothing it names is read for it.
    const page = await readActivityPage(context.em, filters, read, read.probe ? {} : include);
    if (!read.probe) await holdReferences(context, selected, page);
    return page.events.map(activityView);
  });
}

const ACTIVITIES_DESCRIPTION = 'Oldest first, in commit order; `last` alone gives the newest page.';

const activityArgs = builder.args((t) => ({
  filter: t.field({
    type: ActivityFilterRef,
    required: false,
    description: 'Narrows the list; absent: all.',
  }),
  ...pageArgs,
  after: t.string({ required: false, description: 'The id of the last activity seen.' }),
}));

builder.queryFields((t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: `${ACTIVITIES_DESCRIPTION} Every activities connection of the schema is ordered the same way.`,
    args: activityArgs,
    complexity: COST.page,
    resolve: (_root, args, context, info) => activityConnection(context, info, args),
  }),
}));

builder.objectFields(LeadRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: ACTIVITIES_DESCRIPTION,
    args: activityArgs,
    complexity: COST.page,
    resolve: (lead, args, context, info) => activityConnection(context, info, args, { leadId: lead.id }),
  }),
}));

builder.objectFields(CampaignRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: `${ACTIVITIES_DESCRIPTION} Activities written by this campaign’s own flow steps.`,
    args: activityArgs,
    complexity: COST.page,
    resolve: (campaign, args, context, info) =>
      activityConnection(context, info, args, { campaignId: campaign.id }),
  }),
}));

builder.objectFields(CampaignRunRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: ACTIVITIES_DESCRIPTION,
    args: activityArgs,
    complexity: COST.page,
    resolve: (run, args, context, info) => activityConnection(context, info, args, { runId: run.id }),
  }),
}));
