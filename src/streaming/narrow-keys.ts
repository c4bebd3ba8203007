import { type ActivityFilter, QUALIFIED_ACTIVITY_TYPE } from '../domain/activity-filter.js';

/** The narrow keys of a set of subscriptions: every one of them names a lead, a run or a campaign. */
export interface NarrowKeys {
  leadIds: Set<string>;
  runIds: Set<string>;
  campaignIds: Set<string>;
  /**
   * The activity types some subscription wants, when every one of them names its types (or asks
   * for a Qualified value, which only Execute Campaign activities have); null: any type.
   */
  types: Set<string> | null;
}

/** The types a matcher may want; null when it wants any. */
function typesOf(matcher: ActivityFilter): readonly string[] | null {
  if (matcher.qualified !== undefined) {
    return matcher.types && !matcher.types.includes(QUALIFIED_ACTIVITY_TYPE) ? [] : [QUALIFIED_ACTIVITY_TYPE];
  }
  return matcher.types ?? null;
}

/**
 * The narrow keys of the matchers, or null when one of them is wide (a whole workspace, or every
 * workspace): then every new row may interest someone.
 */
export function narrowKeys(matchers: Iterable<ActivityFilter>): NarrowKeys | null {
  const keys: NarrowKeys = {
    leadIds: new Set(),
    runIds: new Set(),
    campaignIds: new Set(),
    types: new Set(),
  };
  for (const matcher of matchers) {
    const types = typesOf(matcher);
    if (types === null) keys.types = null;
    else for (const type of types) keys.types?.add(type);
    if (matcher.leadId !== undefined) keys.leadIds.add(matcher.leadId);
    else if (matcher.runId !== undefined) keys.runIds.add(matcher.runId);
    else if (matcher.campaignId !== undefined) keys.campaignIds.add(matcher.campaignId);
    else return null;
  }
  return keys;
}
