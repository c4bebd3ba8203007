import type { ActivityFilter } from '../domain/activity-filter.js';

/** The narrow keys of a set of subscriptions: every one of them names a lead, a run or a campaign. */
export interface NarrowKeys {
  leadIds: Set<string>;
  runIds: Set<string>;
  campaignIds: Set<string>;
}

/**
 * The narrow keys of the matchers, or null when one of them is wide (a whole workspace, or every
 * workspace): then every new row may interest someone.
 */
export function narrowKeys(matchers: Iterable<ActivityFilter>): NarrowKeys | null {
  const keys: NarrowKeys = { leadIds: new Set(), runIds: new Set(), campaignIds: new Set() };
  for (const matcher of matchers) {
    if (matcher.leadId !== undefined) keys.leadIds.add(matcher.leadId);
    else if (matcher.runId !== undefined) keys.runIds.add(matcher.runId);
    else if (matcher.campaignId !== undefined) keys.campaignIds.add(matcher.campaignId);
    else return null;
  }
  return keys;
}
