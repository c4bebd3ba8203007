import { type ActivityFilter, QUALIFIED_ACTIVITY_TYPE } from '../../domain/activity-filter.js';

/** A condition on the `activity` table with its bound parameters, for `query()`. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * An activity's Qualified value as SQL (null for other types): what the hub matches live rows on and
 * what the filter compares, so that stored and live rows are matched alike.
 */
export const QUALIFIED_SQL = `case when type = '${QUALIFIED_ACTIVITY_TYPE}' then (attributes ->> 'qualified')::boolean end`;

/** A PostgreSQL array literal of ids or enum values, which never need quoting. */
const arrayLiteral = (values: readonly string[]) => `{${values.join(',')}}`;

/** The filter as one condition on `activity` (`true` when it does not narrow). */
export function activityFilterSql(filter: ActivityFilter): SqlCondition {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (filter.workspaceIds) add('workspace_id = any(?::bigint[])', arrayLiteral(filter.workspaceIds));
  if (filter.campaignId !== undefined) add('campaign_id = ?', filter.campaignId);
  if (filter.leadId !== undefined) add('lead_id = ?', filter.leadId);
  if (filter.runId !== undefined) add('run_id = ?', filter.runId);
  if (filter.types) add('type = any(?::text[])', arrayLiteral(filter.types));
  if (filter.qualified !== undefined) add(`(${QUALIFIED_SQL}) = ?::boolean`, filter.qualified);
  return { sql: conditions.length ? conditions.join(' and ') : 'true', params };
}
