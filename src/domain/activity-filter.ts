import type { ActivityType } from './model.js';

/**
 * Which activities a reader wants: the contract's ActivityFilter in database ids, already narrowed
 * to what the viewer may see. Every condition given must hold; an absent one does not narrow.
 * One declaration for the three places that apply it: the `activities` connections' pages (SQL),
 * the stored rows a subscription replays (SQL) and the live rows it is offered (in memory).
 */
export interface ActivityFilter {
  /** The workspaces the viewer may see and the filter asks for (an empty list: none); null: every workspace. */
  readonly workspaceIds: readonly string[] | null;
  readonly campaignId?: string | undefined;
  readonly leadId?: string | undefined;
  readonly runId?: string | undefined;
  /** Any of these types (an empty list: none); absent: any type. */
  readonly types?: readonly ActivityType[] | undefined;
  /** Execute Campaign activities whose Qualified value is this; no activity of another type. */
  readonly qualified?: boolean | undefined;
}

/** What a filter reads of an activity. */
export interface FilterableActivity {
  readonly workspaceId: string;
  readonly leadId: string;
  readonly campaignId: string | null;
  readonly runId: string | null;
  readonly type: string;
  /** Execute Campaign activities: their Qualified value (null for other types, or when unrecorded). */
  readonly qualified: boolean | null;
}

/**
 * The type Qualified is recorded on (semantics E3): a filter on Qualified keeps only activities of this type.
 */
export const QUALIFIED_ACTIVITY_TYPE: ActivityType = 'EXECUTE_CAMPAIGN';

/** Whether the activity is one the filter wants. */
export function matchesActivityFilter(filter: ActivityFilter, activity: FilterableActivity): boolean {
  if (filter.workspaceIds && !filter.workspaceIds.includes(activity.workspaceId)) return false;
  if (filter.campaignId !== undefined && activity.campaignId !== filter.campaignId) return false;
  if (filter.leadId !== undefined && activity.leadId !== filter.leadId) return false;
  if (filter.runId !== undefined && activity.runId !== filter.runId) return false;
  if (filter.types && !(filter.types as readonly string[]).includes(activity.type)) return false;
  if (filter.qualified !== undefined) {
    return activity.type === QUALIFIED_ACTIVITY_TYPE && activity.qualified === filter.qualified;
  }
  return true;
}
