import {
  type ActivityCriteria,
  criteriaProblem,
  type NormalizedCriteria,
  normalizeCriteria,
} from './activity-criteria.js';
import { EMAIL_FIELD, type FieldIndex, formatValue, type LeadState } from './lead-state.js';
import type { Activity, CampaignGraph, Filter, SmartListDefinition } from './model.js';
import { ownValue } from './own.js';
import { withArticle } from './text.js';
import { parseFieldInput } from './values.js';

/** The filter kinds that read a lead's activity log (semantics S5). */
export const HISTORY_FILTER_KINDS: ReadonlySet<Filter['kind']> = new Set([
  'HAD_ACTIVITY',
  'NOT_HAD_ACTIVITY',
]);

/**
 * Criteria checked against the workspace's fields and put in their compared form, or why they cannot
 * be evaluated: a qualifier the type lacks, a number out of bounds, an unknown field, a value that
 * does not fit the field.
 */
export function resolveCriteria(criteria: ActivityCriteria, fields: FieldIndex): NormalizedCriteria | string {
  const problem = criteriaProblem(criteria);
  if (problem) return problem;
  if (!criteria.attribute) return normalizeCriteria(criteria, null, null);
  const field = fields.get(criteria.attribute.toLowerCase());
  if (!field || field === EMAIL_FIELD) return `unknown field "${criteria.attribute}"`;
  if (criteria.newValue === null || criteria.newValue === undefined) {
    return normalizeCriteria(criteria, field.name, null);
  }
  const value = parseFieldInput(field.type, criteria.newValue);
  if (value === undefined || value === null) {
    return `"${criteria.newValue}" is not ${withArticle(field.type)} value for field "${field.name}"`;
  }
  return normalizeCriteria(criteria, field.name, formatValue(value));
}

function sameText(wanted: string | null, actual: unknown): boolean {
  if (wanted === null) return true;
  return actual !== null && actual !== undefined && String(actual).toLowerCase() === wanted;
}

/**
 * Whether an activity the flow has just written matches; it happened at the run's clock, inside every
 * window. A step that did nothing (`skipped`) is no activity of its kind.
 */
function matches(criteria: NormalizedCriteria, activity: Activity): boolean {
  const { attributes } = activity;
  return (
    activity.type === criteria.type &&
    attributes.skipped !== true &&
    (criteria.campaignId === null || activity.campaignId === criteria.campaignId) &&
    (criteria.executedCampaignId === null || attributes.executedCampaignId === criteria.executedCampaignId) &&
    (criteria.qualified === null || attributes.qualified === criteria.qualified) &&
    sameText(criteria.attribute, attributes.attribute) &&
    sameText(criteria.newValue, criteria.newValue === null ? null : attributes.newValue)
  );
}

/**
 * How many activities of the lead match, up to `minTimes`: those stored before the flow (read for
 * the computation by `criteria.key`) and those the flow wrote since (semantics S5, E2).
 */
export function countActivities(criteria: NormalizedCriteria, lead: LeadState): number {
  let count = ownValue(lead.activityCounts, criteria.key) ?? 0;
  for (const activity of lead.activities) {
    if (count >= criteria.minTimes) break;
    if (matches(criteria, activity)) count += 1;
  }
  return Math.min(count, criteria.minTimes);
}

/**
 * The criteria in words, for dry-run explanations: campaigns by name, since their database ids mean
 * nothing to a client (a campaign the graph does not hold is "a deleted campaign").
 */
export function describeCriteria(
  criteria: NormalizedCriteria,
  campaignName: (id: string) => string | undefined,
): string {
  const named = (id: string) => {
    const name = campaignName(id);
    return name === undefined ? 'a deleted campaign' : `campaign "${name}"`;
  };
  const parts: string[] = [criteria.type];
  if (criteria.campaignId) parts.push(`by ${named(criteria.campaignId)}`);
  if (criteria.executedCampaignId) parts.push(`of ${named(criteria.executedCampaignId)}`);
  if (criteria.qualified !== null) parts.push(`qualified ${criteria.qualified}`);
  if (criteria.attribute) parts.push(`of field "${criteria.attribute}"`);
  if (criteria.newValue !== null) parts.push(`to "${criteria.newValue}"`);
  if (criteria.withinDays !== null) parts.push(`within ${criteria.withinDays} days`);
  return parts.join(' ');
}

function listCriteria(
  definition: SmartListDefinition,
  graph: CampaignGraph,
  fields: FieldIndex,
  seen: Set<string>,
  found: Map<string, NormalizedCriteria>,
): void {
  for (const filter of definition.filters) filterCriteria(filter, graph, fields, seen, found);
}

function filterCriteria(
  filter: Filter,
  graph: CampaignGraph,
  fields: FieldIndex,
  seen: Set<string>,
  found: Map<string, NormalizedCriteria>,
): void {
  if (HISTORY_FILTER_KINDS.has(filter.kind) && filter.activity) {
    const criteria = resolveCriteria(filter.activity, fields);
    if (typeof criteria !== 'string') found.set(criteria.key, criteria);
  }
  const id = filter.kind === 'MEMBER_OF_SMART_LIST' ? filter.smartListId : null;
  const asset = id ? ownValue(graph.smartLists, id) : undefined;
  if (!id || !asset || seen.has(id)) return;
  seen.add(id);
  listCriteria(asset.definition, graph, fields, seen, found);
}

/**
 * Every activity criteria that smart lists and choice conditions read, referenced smart lists
 * included: what a lead's stored activity counts are read for.
 */
export function criteriaOf(
  graph: CampaignGraph,
  fields: FieldIndex,
  sources: { smartLists: readonly SmartListDefinition[]; conditions: readonly Filter[] },
): NormalizedCriteria[] {
  const seen = new Set<string>();
  const found = new Map<string, NormalizedCriteria>();
  for (const list of sources.smartLists) listCriteria(list, graph, fields, seen, found);
  for (const filter of sources.conditions) filterCriteria(filter, graph, fields, seen, found);
  return [...found.values()];
}
