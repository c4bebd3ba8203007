import type { EntityName } from '@mikro-orm/core';
import { contextCacheSymbol } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { Lead } from '../db/entities/lead.entity.js';
import { forgetStatements, hasRunStatements } from '../db/sql/query.js';
import type { ActivityFilter as ActivityFilterRule } from '../domain/activity-filter.js';
import { type ActivityType, FINISHED_RUN_STATUSES } from '../domain/model.js';
import type { BatchItem, StreamItem } from '../streaming/activity-hub.js';
import { ServerStoppingError, SubscriptionLimitError } from '../streaming/quota.js';
import { type ActivityFilter, ActivityFilterRef, ActivityRef, type ActivityView } from './activity.js';
import { activityView, ExecuteCampaignActivityRef } from './activity-types.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { type Owned, requireNode } from './loading.js';
import { CampaignRunRef, requireRun } from './run.js';
import { requireWorkspace } from './tenancy.js';

/** The codes of the errors that end an activity subscription early; both say where to resume. */
const INTERRUPTED = {
  overflow: {
    code: 'SUBSCRIPTION_OVERFLOW',
    message: 'This subscription fell too far behind and was ended',
  },
  shutdown: { code: 'SERVER_SHUTTING_DOWN', message: 'The server is stopping' },
} as const;

/**
 * A subscription's context lives as long as the subscription: each event starts with an empty
 * identity map and fresh dataloaders, so it neither reads stale objects nor keeps every lead it
 * ever resolved in memory. Events of one subscription are executed one after the other. Loaders
 * read through `em`, into its identity map or with statements of their own (leads, lists, the
 * workspace's snapshot): when it holds nothing and ran none, nothing was loaded, and the caches
 * (and the query's complexity, computed once) are kept, which spares most of an event's cost when
 * the selection needs no lookups.
 */
function freshEventScope(context: GraphQLContext): void {
  const loaded = context.em.getUnitOfWork().getIdentityMap();
  if (loaded[Symbol.iterator]().next().done && !hasRunStatements(context.em)) return;
  context.em.clear();
  forgetStatements(context.em);
  (context as unknown as Record<symbol, unknown>)[contextCacheSymbol] = {};
}

/**
 * The filter as a matcher, narrowed to what the key may see. An id that is malformed, of another
 * workspace or unknown is NOT_FOUND, as in mutations; `onlyType` narrows to one activity type.
 */
async function matcherFor(
  context: GraphQLContext,
  filter: ActivityFilter | null | undefined,
  onlyType?: ActivityType,
): Promise<ActivityFilterRule> {
  const viewer = context.viewer;
  let workspaceIds: string[] | null = viewer?.kind === 'workspace' ? [viewer.workspaceId] : null;
  if (!viewer) workspaceIds = [];
  if (filter?.workspaceId) workspaceIds = [(await requireWorkspace(context, filter.workspaceId)).id];
  const visible = async <T extends Owned>(entity: EntityName<T>, typename: string, globalId: string) =>
    (await requireNode(context, entity, typename, globalId)).id;
  let types: ActivityType[] | undefined = filter?.types?.length ? [...filter.types] : undefined;
  if (onlyType) types = types ? types.filter((type) => type === onlyType) : [onlyType];
  return {
    workspaceIds,
    campaignId: filter?.campaignId ? await visible(Campaign, 'Campaign', filter.campaignId) : undefined,
    leadId: filter?.leadId ? await visible(Lead, 'Lead', filter.leadId) : undefined,
    runId: filter?.runId ? await visible(CampaignRun, 'CampaignRun', filter.runId) : undefined,
    types,
    qualified: filter?.qualified ?? undefined,
  };
}

/** Who a subscription counts against: its API key (every admin key counts as one). */
function ownerOf(context: GraphQLContext): string {
  const viewer = context.viewer;
  return viewer?.kind === 'workspace' ? `key:${viewer.apiKeyId}` : 'admin';
}

/**
 * Opens a stream, refusing one more than the key's quota with BAD_USER_INPUT, and one opened while
 * the server stops with SERVER_SHUTTING_DOWN.
 */
async function withinQuota<T>(open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof SubscriptionLimitError) throw userError('BAD_USER_INPUT', error.message);
    if (error instanceof ServerStoppingError) {
      const { code, message } = INTERRUPTED.shutdown;
      throw new GraphQLError(message, { extensions: { code } });
    }
    throw error;
  }
}

function parseAfter(after: string | null | undefined): bigint | null {
  if (after === null || after === undefined) return null;
  if (!/^[0-9]{1,19}$/.test(after)) {
    throw userError('BAD_USER_INPUT', `after must be an activity id (the id of the last activity seen)`);
  }
  return BigInt(after);
}

/** Ends the subscription with the error saying why and where to resume. */
function interrupted(item: Extract<StreamItem, { kind: 'interrupted' }>): never {
  const { code, message } = INTERRUPTED[item.reason];
  throw new GraphQLError(
    `${message}; subscribe again with after: "${item.lastDeliveredId}" to resume where it stopped`,
    { extensions: { code, lastDeliveredId: item.lastDeliveredId } },
  );
}

function presentItem(item: StreamItem, context: GraphQLContext): ActivityView {
  freshEventScope(context);
  if (item.kind === 'interrupted') interrupted(item);
  return activityView(item.activity);
}

interface BatchView {
  activities: ActivityView[];
  lastId: string;
}

function presentBatch(item: BatchItem, context: GraphQLContext): BatchView {
  freshEventScope(context);
  if (item.kind === 'interrupted') interrupted(item);
  return {
    activities: item.activities.map(activityView),
    lastId: (item.activities.at(-1) as { id: string }).id,
  };
}

const LAST_ID =
  'The id of the batch’s last activity: the `after` to subscribe again with to go on after this batch.';

const ActivityBatchRef = builder.objectRef<BatchView>('ActivityBatch').implement({
  description:
    'The activities of one read of the server’s (semantics A10 in docs/semantics.md), oldest first: never empty, none twice.',
  fields: (t) => ({
    activities: t.field({
      type: [ActivityRef],
      description: 'The activities, in commit order.',
      resolve: (batch) => batch.activities,
    }),
    lastId: t.exposeID('lastId', { description: LAST_ID }),
  }),
});

const ExecuteCampaignActivityBatchRef = builder
  .objectRef<BatchView>('ExecuteCampaignActivityBatch')
  .implement({
    description:
      'The Execute Campaign activities of one read of the server’s (semantics A10 in docs/semantics.md), oldest first: never empty, none twice.',
    fields: (t) => ({
      activities: t.field({
        type: [ExecuteCampaignActivityRef],
        description: 'The activities, in commit order.',
        resolve: (batch) => batch.activities,
      }),
      lastId: t.exposeID('lastId', { description: LAST_ID }),
    }),
  });

const streamArgs = builder.args((t) => ({
  filter: t.field({
    type: ActivityFilterRef,
    required: false,
    description:
      'Narrows the stream; an id in it the key may not see is NOT_FOUND. Absent: every activity the key sees.',
  }),
  after: t.id({
    required: false,
    description:
      'The id of the last activity seen: every activity committed after it is delivered first (stored ones, then live ones, none twice). Without it, only activities committed from now on.',
  }),
}));

const RESUME =
  'When the client falls too far behind (or the server stops), the subscription ends with an error whose extensions carry code SUBSCRIPTION_OVERFLOW (or SERVER_SHUTTING_DOWN) and lastDeliveredId: subscribe again with after set to it.';

builder.subscriptionFields((t) => ({
  activityAdded: t.field({
    type: ActivityRef,
    description: `Activities as they are committed, in commit order, that the filter and the key allow. Stored activities after the cursor first (when given), then live ones: no gap, no duplicate. ${RESUME}`,
    args: streamArgs,
    subscribe: async (_root, args, context) => {
      const after = parseAfter(args.after);
      const matcher = await matcherFor(context, args.filter);
      return withinQuota(() => context.streams.openActivities(matcher, after, ownerOf(context)));
    },
    resolve: (item, _args, context) => presentItem(item, context),
  }),
  executeCampaignActivity: t.field({
    type: ExecuteCampaignActivityRef,
    description: `The same stream narrowed to Execute Campaign activities. ${RESUME}`,
    args: streamArgs,
    subscribe: async (_root, args, context) => {
      const after = parseAfter(args.after);
      const matcher = await matcherFor(context, args.filter, 'EXECUTE_CAMPAIGN');
      return withinQuota(() => context.streams.openActivities(matcher, after, ownerOf(context)));
    },
    resolve: (item, _args, context) => presentItem(item, context),
  }),
  activityBatches: t.field({
    type: ActivityBatchRef,
    description: `The activities of activityAdded, those of each read of the server’s as one event (semantics A10 in docs/semantics.md): the same filter, the same \`after\`, the same order, for a fraction of the cost when they come by thousands. ${RESUME}`,
    args: streamArgs,
    subscribe: async (_root, args, context) => {
      const after = parseAfter(args.after);
      const matcher = await matcherFor(context, args.filter);
      return withinQuota(() => context.streams.openActivityBatches(matcher, after, ownerOf(context)));
    },
    resolve: (item, _args, context) => presentBatch(item, context),
  }),
  executeCampaignActivities: t.field({
    type: ExecuteCampaignActivityBatchRef,
    description: `The activities of executeCampaignActivity, those of each read of the server’s as one event (semantics A10 in docs/semantics.md). ${RESUME}`,
    args: streamArgs,
    subscribe: async (_root, args, context) => {
      const after = parseAfter(args.after);
      const matcher = await matcherFor(context, args.filter, 'EXECUTE_CAMPAIGN');
      return withinQuota(() => context.streams.openActivityBatches(matcher, after, ownerOf(context)));
    },
    resolve: (item, _args, context) => presentBatch(item, context),
  }),
  campaignRunUpdated: t.field({
    type: CampaignRunRef,
    description:
      'The run now, then again each time its status or counters change; completes after it is COMPLETED, FAILED or CANCELLED.',
    args: { runId: t.arg.id({ description: 'The run’s global id (NOT_FOUND if the key may not see it).' }) },
    subscribe: async (_root, args, context) => {
      const { id: runId } = await requireRun(context, args.runId);
      return withinQuota(() =>
        context.streams.watchRun(
          runId,
          (em) => em.findOne(CampaignRun, { id: runId }),
          {
            signature: (state) =>
              JSON.stringify([
                state.status,
                state.leadsTotal,
                state.leadsProcessed,
                state.leadsQualified,
                state.startedAt,
                state.finishedAt,
                state.error,
              ]),
            isFinal: (state) => FINISHED_RUN_STATUSES.includes(state.status),
          },
          ownerOf(context),
        ),
      );
    },
    resolve: (run, _args, context) => {
      freshEventScope(context);
      return run;
    },
  }),
}));
