/** The contract's ActivityType: what flows write, and NEW_LEAD for a lead the API created. */
export const ACTIVITY_TYPES = [
  'EXECUTE_CAMPAIGN',
  'CHANGE_SCORE',
  'CHANGE_DATA_VALUE',
  'REQUEST_CAMPAIGN',
  'CAMPAIGN_IS_REQUESTED',
  'REMOVE_FROM_FLOW',
  'ADD_TO_LIST',
  'REMOVE_FROM_LIST',
  'CHANGE_PROGRAM_STATUS',
  'WAIT',
  'CALL_WEBHOOK',
  'INTERESTING_MOMENT',
  'NEW_LEAD',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * Which of a lead's activities a HAD_ACTIVITY / NOT_HAD_ACTIVITY filter counts (semantics S5): unset
 * qualifiers match any value.
 */
export interface ActivityCriteria {
  type: ActivityType;
  /** The campaign whose flow wrote the activity. */
  campaignId?: string | null;
  /** EXECUTE_CAMPAIGN only: the executed campaign. */
  executedCampaignId?: string | null;
  /** EXECUTE_CAMPAIGN only: its Qualified value. */
  qualified?: boolean | null;
  /** CHANGE_DATA_VALUE only: the field changed (case-insensitive). */
  attribute?: string | null;
  /** CHANGE_DATA_VALUE only: the value it was changed to, read as the field's type. */
  newValue?: string | null;
  /** Only activities of the last `withinDays` days (24 hours each) before the run's clock. */
  withinDays?: number | null;
  /** How many matching activities HAD_ACTIVITY needs (1 when unset). */
  minTimes?: number | null;
}

/** The bounds of a criteria's numbers (semantics S5). */
export const ACTIVITY_CRITERIA_LIMITS = { maxWithinDays: 3650, maxMinTimes: 1000 } as const;

/** Criteria as compared and counted: qualifiers absent are null, `minTimes` set, texts in lower case. */
export interface NormalizedCriteria {
  readonly type: ActivityType;
  readonly campaignId: string | null;
  readonly executedCampaignId: string | null;
  readonly qualified: boolean | null;
  readonly attribute: string | null;
  readonly newValue: string | null;
  readonly withinDays: number | null;
  readonly minTimes: number;
  /** Names the criteria among those a lead's stored counts are read for. */
  readonly key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The earliest instant an activity may have to count at `now`, or null without a window; inclusive. */
export function windowStart(criteria: NormalizedCriteria, now: Date): Date | null {
  return criteria.withinDays === null ? null : new Date(now.getTime() - criteria.withinDays * DAY_MS);
}

function boundProblem(name: string, value: number | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return Number.isInteger(value) && value >= 1 && value <= max
    ? null
    : `${name} must be an integer from 1 to ${max}, got ${value}`;
}

/** Qualifiers only some activity types have, with the type they need. */
const TYPED_QUALIFIERS = [
  ['executedCampaignId', 'EXECUTE_CAMPAIGN'],
  ['qualified', 'EXECUTE_CAMPAIGN'],
  ['attribute', 'CHANGE_DATA_VALUE'],
  ['newValue', 'CHANGE_DATA_VALUE'],
] as const;

/** Why a criteria's window or count is out of its bounds, or null. */
export function criteriaBoundsProblem(criteria: ActivityCriteria): string | null {
  const { maxWithinDays, maxMinTimes } = ACTIVITY_CRITERIA_LIMITS;
  return (
    boundProblem('withinDays', criteria.withinDays, maxWithinDays) ??
    boundProblem('minTimes', criteria.minTimes, maxMinTimes)
  );
}

/**
 * Why criteria cannot be evaluated, or null: a qualifier the type does not have, a `newValue`
 * without the `attribute` whose type reads it, a number out of its bounds. Fields and values are
 * checked by the compiler, which knows the workspace's fields.
 */
export function criteriaProblem(criteria: ActivityCriteria): string | null {
  for (const [qualifier, type] of TYPED_QUALIFIERS) {
    const value = criteria[qualifier];
    if (value !== null && value !== undefined && criteria.type !== type) {
      return `${qualifier} applies to ${type} activities only, not ${criteria.type}`;
    }
  }
  if (criteria.newValue !== null && criteria.newValue !== undefined && !criteria.attribute) {
    return "newValue needs an attribute: the value is read as that field's type";
  }
  return criteriaBoundsProblem(criteria);
}

/**
 * Criteria in their compared form; `attribute` and `newValue` already canonical (the field's stored
 * name, the value as the field's type prints it).
 */
export function normalizeCriteria(
  criteria: ActivityCriteria,
  attribute: string | null,
  newValue: string | null,
): NormalizedCriteria {
  const fields = {
    type: criteria.type,
    campaignId: criteria.campaignId ?? null,
    executedCampaignId: criteria.executedCampaignId ?? null,
    qualified: criteria.qualified ?? null,
    attribute: attribute?.toLowerCase() ?? null,
    newValue: newValue?.toLowerCase() ?? null,
    withinDays: criteria.withinDays ?? null,
    minTimes: criteria.minTimes ?? 1,
  };
  return { ...fields, key: JSON.stringify(Object.values(fields)) };
}
