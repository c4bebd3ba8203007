import type { FilterQuery } from '@mikro-orm/core';
import { type ActivityFilter, QUALIFIED_ACTIVITY_TYPE } from '../domain/activity-filter.js';
import type { Activity } from './entities/activity.entity.js';

/** The filter as an ORM query on Activity (`{}` when it does not narrow). */
export function activityFilterQuery(filter: ActivityFilter): FilterQuery<Activity> {
  const conditions: FilterQuery<Activity>[] = [];
  if (filter.workspaceIds) conditions.push({ workspace: { $in: [...filter.workspaceIds] } });
  if (filter.campaignId !== undefined) conditions.push({ campaign: filter.campaignId });
  if (filter.leadId !== undefined) conditions.push({ lead: filter.leadId });
  if (filter.runId !== undefined) conditions.push({ run: filter.runId });
  if (filter.types) conditions.push({ type: { $in: [...filter.types] } });
  if (filter.qualified !== undefined) {
    conditions.push({ type: QUALIFIED_ACTIVITY_TYPE, attributes: { qualified: filter.qualified } });
  }
  return conditions.length ? { $and: conditions } : {};
}
