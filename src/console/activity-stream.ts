import {
  ActivityAddedDocument,
  type ActivityAddedSubscription,
  type ActivityFilter,
  ExecuteCampaignActivityDocument,
  type ExecuteCampaignActivitySubscription,
  type LatestActivitiesQuery,
} from '../generated/graphql.js';
import type { Api, ApiError } from './api.js';

/** One activity as the feed shows it: Execute Campaign rows have a child and a Qualified value. */
export interface FeedRow {
  id: string;
  type: string;
  occurredAt: string;
  lead: string;
  parent: string | null;
  parentId: string | null;
  child: string | null;
  qualified: boolean | null;
  reason: string | null;
  depth: number | null;
  detail: string | null;
}

type ExecuteActivity = ExecuteCampaignActivitySubscription['executeCampaignActivity'];
type AnyActivity =
  | ActivityAddedSubscription['activityAdded']
  | LatestActivitiesQuery['activities']['edges'][number]['node'];

export const executeRow = (activity: ExecuteActivity): FeedRow => ({
  id: activity.id,
  type: 'EXECUTE_CAMPAIGN',
  occurredAt: activity.occurredAt,
  lead: activity.lead.email,
  parent: activity.campaign?.name ?? null,
  parentId: activity.campaign?.id ?? null,
  child: activity.executedCampaign.name,
  qualified: activity.qualified,
  reason: activity.reason,
  depth: activity.depth,
  detail: null,
});

export const activityRow = (activity: AnyActivity): FeedRow =>
  activity.__typename === 'ExecuteCampaignActivity'
    ? executeRow(activity)
    : {
        id: activity.id,
        type: activity.type,
        occurredAt: activity.occurredAt,
        lead: activity.lead.email,
        parent: activity.campaign?.name ?? null,
        parentId: activity.campaign?.id ?? null,
        child: null,
        qualified: null,
        reason: null,
        depth: null,
        detail: activity.primaryAttributeValue,
      };

/** Activity ids increase in commit order; they are decimal strings, compared as numbers. */
export const isAfter = (id: string, last: string | null) => last === null || BigInt(id) > BigInt(last);

export interface StreamOptions {
  filter: ActivityFilter;
  /** Every activity type (activityAdded), not only Execute Campaign (executeCampaignActivity). */
  allTypes: boolean;
  /** The id of the last activity shown: the stream starts after it. */
  after: string | null;
  onActivity(row: FeedRow): void;
  onStatus(text: string, live: boolean): void;
  /** The key was refused or the filter is not allowed: the stream stopped for good. */
  onFatal(error: ApiError): void;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Follows activities from `after`, resubscribing after a dropped connection from the last id it
 * handed on, and after SUBSCRIPTION_OVERFLOW (or a stopping server) from the error's
 * lastDeliveredId. An id at or before the last one handed on is never handed on twice.
 */
export function followActivities(api: Api, options: StreamOptions): { stop(): void } {
  let last = options.after;
  let end: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  const take = (row: FeedRow) => {
    failures = 0;
    if (!isAfter(row.id, last)) return;
    last = row.id;
    options.onActivity(row);
  };
  const subscribe = (after: string | null) => {
    if (stopped) return;
    options.onStatus(after === null ? 'Live' : `Live, subscribed after activity ${after}`, true);
    const variables = { filter: options.filter, after };
    const handlers = {
      error: (error: ApiError) => resume(error),
      complete: () => resume(null),
    };
    end = options.allTypes
      ? api.subscribe(ActivityAddedDocument, variables, {
          ...handlers,
          next: (data) => take(activityRow(data.activityAdded)),
        })
      : api.subscribe(ExecuteCampaignActivityDocument, variables, {
          ...handlers,
          next: (data) => take(executeRow(data.executeCampaignActivity)),
        });
  };
  const resume = (error: ApiError | null) => {
    if (stopped) return;
    if (error && (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')) {
      options.onFatal(error);
      return;
    }
    const delivered = error?.extensions.lastDeliveredId;
    if (
      typeof delivered === 'string' &&
      (error?.code === 'SUBSCRIPTION_OVERFLOW' || error?.code === 'SERVER_SHUTTING_DOWN')
    ) {
      // What this page handed on is the truth; the server's lastDeliveredId can only be at or past it.
      const from = isAfter(delivered, last) && last !== null ? last : delivered;
      options.onStatus(`${error.code}: resubscribing after activity ${from}`, false);
      subscribe(from);
      return;
    }
    const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] as number;
    failures++;
    options.onStatus(
      `${error ? error.message : 'The stream ended'}; resuming after activity ${last ?? 'none'} in ${wait / 1000} s`,
      false,
    );
    timer = setTimeout(() => subscribe(last), wait);
  };
  subscribe(last);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      end?.();
    },
  };
}
