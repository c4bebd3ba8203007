import {
  type ActivityFilter,
  FeedActivityBatchesDocument,
  type FeedActivityFieldsFragment,
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

type AnyActivity = FeedActivityFieldsFragment | LatestActivitiesQuery['activities']['edges'][number]['node'];

export const activityRow = (activity: AnyActivity): FeedRow => {
  const execute = activity.__typename === 'ExecuteCampaignActivity' ? activity : null;
  return {
    id: activity.id,
    type: activity.type,
    occurredAt: activity.occurredAt,
    lead: activity.lead.email,
    parent: activity.campaign?.name ?? null,
    parentId: activity.campaign?.id ?? null,
    child: execute?.executedCampaign.name ?? null,
    qualified: execute?.qualified ?? null,
    reason: execute?.reason ?? null,
    depth: execute?.depth ?? null,
    detail: execute ? null : activity.primaryAttributeValue,
  };
};

/** Activity ids increase in commit order; they are decimal strings, compared as numbers. */
export const isAfter = (id: string, last: string | null) => last === null || BigInt(id) > BigInt(last);

export interface StreamOptions {
  filter: ActivityFilter;
  /** The id of the last activity shown: the stream starts after it. */
  after: string | null;
  onActivity(row: FeedRow): void;
  onStatus(text: string, live: boolean): void;
  /** The key was refused or the filter is not allowed: the stream stopped for good. */
  onFatal(error: ApiError): void;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Follows activities from `after`, those of each read of the server's as one message
 * (semantics A10), resubscribing after a dropped connection from the last id it handed on, and after
 * SUBSCRIPTION_OVERFLOW (or a stopping server) from the error's lastDeliveredId. An id at or
 * before the last one handed on is never handed on twice.
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
    end = api.subscribe(
      FeedActivityBatchesDocument,
      { filter: options.filter, after },
      {
        next: ({ activityBatches }) => {
          for (const activity of activityBatches.activities) take(activityRow(activity));
        },
        error: (error: ApiError) => resume(error),
        complete: () => resume(null),
      },
    );
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
