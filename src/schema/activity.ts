import type { FilterQuery } from '@mikro-orm/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { activityFilterQuery } from '../db/activity-filter-query.js';
import { Activity } from '../db/entities/activity.entity.js';
import type { Campaign } from '../db/entities/campaign.entity.js';
import type { ActivityFilter as ActivityFilterRule } from '../domain/activity-filter.js';
import type { JsonValue } from '../domain/model.js';
import { ActivityTypeEnum } from './activity-type.js';
import { builder } from './builder.js';
import { CampaignRef, campaignsIncludingDeleted } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { databaseId } from './ids.js';
import { LeadRef } from './lead.js';
import { pageArgs } from './page-args.js';
import { idCursorPage, idWithin, type PageArgs } from './paging.js';
import { CampaignRunRef } from './run.js';

export { ActivityTypeEnum };

/** Attribute keys that hold database ids, and the type whose global id clients know them by. */
const ID_ATTRIBUTES: Record<string, string> = {
  executedCampaignId: 'Campaign',
  requestedCampaignId: 'Campaign',
  campaignIds: 'Campaign',
  stoppedCampaignIds: 'Campaign',
  listId: 'StaticList',
  programId: 'Program',
};

/** Activity attributes as clients see them: ids are the global ids the rest of the API uses. */
export function presentAttributes(
  attributes: Readonly<Record<string, JsonValue>>,
): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => {
      const typename = ID_ATTRIBUTES[key];
      if (!typename) return [key, value];
      if (Array.isArray(value)) return [key, value.map((id) => encodeGlobalID(typename, String(id)))];
      return [key, typeof value === 'string' ? encodeGlobalID(typename, value) : value];
    }),
  );
}

/**
 * What the Activity types resolve from: a stored entity (queries) or the plain row a subscription
 * received (live events), which carries only the ids of its lead, campaign and run.
 */
export interface ActivityView {
  id: string;
  type: Activity['type'];
  lead: { id: string };
  campaign?: { id: string } | null;
  run?: { id: string } | null;
  occurredAt: Date;
  primaryAttributeValue?: string | null;
  attributes: Record<string, unknown>;
}

/** A stored attribute, as the domain wrote it. */
const attribute = <T>(activity: FlowRow, key: string, fallback: T): T =>
  (activity.attributes[key] as T | undefined) ?? fallback;

/** What FlowActivity resolves from: a stored activity (ActivityView) or a dry run's row (the domain's). */
interface FlowRow {
  type: Activity['type'];
  campaignId?: string;
  campaign?: { id: string } | null;
  primaryAttributeValue?: string | null;
  attributes: Readonly<Record<string, unknown>>;
}

export const FlowActivityRef = builder.interfaceRef<FlowRow>('FlowActivity').implement({
  description:
    'The fields a dry run’s rows (SimulatedActivity) and stored activities share, with the same meaning: one fragment on FlowActivity reads both (semantics A6 in docs/semantics.md).',
  resolveType: (row) => {
    if (!('id' in row)) return 'SimulatedActivity';
    if (row.type === 'EXECUTE_CAMPAIGN') return 'ExecuteCampaignActivity';
    return row.type === 'CHANGE_SCORE' ? 'ChangeScoreActivity' : 'GenericActivity';
  },
  fields: (t) => ({
    type: t.field({ type: ActivityTypeEnum, resolve: (row) => row.type }),
    campaign: t.field({
      type: CampaignRef,
      nullable: true,
      description: 'The campaign whose flow ran the step (for Execute Campaign: the parent).',
      resolve: (row, _args, context) => {
        const id = row.campaignId ?? row.campaign?.id;
        return id ? campaignsIncludingDeleted(context).load(id) : null;
      },
    }),
    primaryAttributeValue: t.string({ nullable: true, resolve: (row) => row.primaryAttributeValue ?? null }),
    attributes: t.field({
      type: 'JSON',
      resolve: (row) => presentAttributes(row.attributes as Record<string, JsonValue>),
    }),
    qualified: t.boolean({
      nullable: true,
      description:
        'Execute Campaign rows: their Qualified value (semantics E3 in docs/semantics.md); null on other rows.',
      resolve: (row) => (row.type === 'EXECUTE_CAMPAIGN' ? row.attributes.qualified === true : null),
    }),
    executionDepth: t.int({
      nullable: true,
      description:
        'Execute Campaign rows: the depth of the executed campaign below the top campaign (semantics E5 in docs/semantics.md: 1 for its child, at most 3), as ExecuteCampaignActivity.depth; null on other rows.',
      resolve: (row) => (row.type === 'EXECUTE_CAMPAIGN' ? attribute(row, 'depth', 1) : null),
    }),
  }),
});

export const ActivityRef = builder.interfaceRef<ActivityView>('Activity').implement({
  interfaces: [FlowActivityRef],
  description: 'An immutable record of something that happened to a lead.',
  resolveType: (activity) => {
    if (activity.type === 'EXECUTE_CAMPAIGN') return 'ExecuteCampaignActivity';
    if (activity.type === 'CHANGE_SCORE') return 'ChangeScoreActivity';
    return 'GenericActivity';
  },
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Increases in the order activities are committed: ask for everything after the last one seen.',
    }),
    lead: t.field({ type: LeadRef, resolve: (activity) => activity.lead.id }),
    run: t.field({ type: CampaignRunRef, nullable: true, resolve: (activity) => activity.run?.id ?? null }),
    occurredAt: t.field({ type: 'DateTime', resolve: (activity) => activity.occurredAt }),
  }),
});

export const ExecuteCampaignActivityRef = builder.objectRef<ActivityView>('ExecuteCampaignActivity');

builder.objectType(ExecuteCampaignActivityRef, {
  interfaces: [FlowActivityRef, ActivityRef],
  description: 'An Execute Campaign step: whether the lead qualified for the executable campaign.',
  fields: (t) => ({
    qualified: t.boolean({
      description: 'Qualified: TRUE when the lead passed the child’s smart list and qualification rule.',
      resolve: (activity) => attribute(activity, 'qualified', false),
    }),
    executedCampaign: t.field({
      type: CampaignRef,
      resolve: async (activity, _args, context) =>
        (await campaignsIncludingDeleted(context).load(
          attribute(activity, 'executedCampaignId', ''),
        )) as Campaign,
    }),
    useParentTokenContext: t.boolean({
      resolve: (activity) => attribute(activity, 'useParentTokenContext', false),
    }),
    depth: t.int({
      description: '1 for a child of a top campaign, at most 3.',
      resolve: (activity) => attribute(activity, 'depth', 1),
    }),
    reason: t.string({
      nullable: true,
      description: 'Why the lead did not qualify, when it did not.',
      resolve: (activity) => attribute<string | null>(activity, 'reason', null),
    }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('ChangeScoreActivity'), {
  interfaces: [FlowActivityRef, ActivityRef],
  fields: (t) => ({
    scoreName: t.string({ resolve: (activity) => attribute(activity, 'scoreName', '') }),
    change: t.string({ resolve: (activity) => attribute(activity, 'change', '') }),
    oldValue: t.int({ resolve: (activity) => attribute(activity, 'oldValue', 0) }),
    newValue: t.int({ resolve: (activity) => attribute(activity, 'newValue', 0) }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('GenericActivity'), {
  interfaces: [FlowActivityRef, ActivityRef],
  description: 'Any other activity; its type-specific details are in attributes.',
  fields: () => ({}),
});

export const ActivityFilterRef = builder.inputType('ActivityFilter', {
  fields: (t) => ({
    workspaceId: t.id({ required: false }),
    campaignId: t.id({ required: false }),
    leadId: t.id({ required: false }),
    runId: t.id({ required: false }),
    types: t.field({ type: [ActivityTypeEnum], required: false }),
    qualified: t.boolean({
      required: false,
      description: 'Execute Campaign activities only: their Qualified value.',
    }),
  }),
});

export type ActivityFilter = typeof ActivityFilterRef.$inferInput;

const ActivityConnection = builder.connectionObject({ type: ActivityRef, name: 'ActivityConnection' });

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

/** One page of activities, oldest first (in commit order); the cursor is the activity id. */
export function activityConnection(
  context: GraphQLContext,
  args: PageArgs & { filter?: ActivityFilter | null },
  scope: FilterQuery<Activity> = {},
) {
  // The connection's parent (a lead, a campaign, a run) narrows the filter; it never widens it.
  const where = { $and: [scope, activityFilterQuery(activityFilterOf(context, args.filter))] };
  return idCursorPage<Activity>(args, (read) =>
    context.em.find(
      Activity,
      { $and: [where, idWithin(read)] },
      { orderBy: { id: read.order }, limit: read.limit },
    ),
  );
}

const ACTIVITIES_DESCRIPTION = 'Oldest first, in commit order; `last` alone gives the newest page.';

const activityArgs = builder.args((t) => ({
  filter: t.field({ type: ActivityFilterRef, required: false }),
  ...pageArgs,
  after: t.string({ required: false, description: 'The id of the last activity seen.' }),
}));

builder.queryFields((t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: `${ACTIVITIES_DESCRIPTION} Every activities connection of the schema is ordered the same way.`,
    args: activityArgs,
    complexity: COST.page,
    resolve: (_root, args, context) => activityConnection(context, args),
  }),
}));

builder.objectFields(LeadRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: ACTIVITIES_DESCRIPTION,
    args: activityArgs,
    complexity: COST.page,
    resolve: (lead, args, context) => activityConnection(context, args, { lead: lead.id }),
  }),
}));

builder.objectFields(CampaignRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: `${ACTIVITIES_DESCRIPTION} Activities written by this campaign’s own flow steps.`,
    args: activityArgs,
    complexity: COST.page,
    resolve: (campaign, args, context) => activityConnection(context, args, { campaign: campaign.id }),
  }),
}));

builder.objectFields(CampaignRunRef, (t) => ({
  activities: t.field({
    type: ActivityConnection,
    description: ACTIVITIES_DESCRIPTION,
    args: activityArgs,
    complexity: COST.page,
    resolve: (run, args, context) => activityConnection(context, args, { run: run.id }),
  }),
}));
