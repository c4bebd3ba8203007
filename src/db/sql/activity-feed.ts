import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityFilter, FilterableActivity } from '../../domain/activity-filter.js';
import { activityFilterSql, QUALIFIED_SQL } from './activity-filter.js';
import { type LeadRecord, type LeadRecordColumns, leadRecordColumnsSql, leadRecordsOf } from './leads.js';
import { MAX_SHAPED_TEXTS, query } from './query.js';

/**
 * The reads of new activities for live subscriptions: the keys of every new row, the rows some
 * subscription wants, the rows of named leads, runs or campaigns, and how far the table is settled.
 */

/** What subscriptions are matched on: the columns of an activity that filters name. */
export interface ActivityKey extends FilterableActivity {
  readonly id: string;
}

/** A committed activity as subscribers receive it: a plain row, never an entity. */
export interface ActivityEvent extends ActivityKey {
  occurredAt: PrintedInstant;
  primaryAttributeValue: string | null;
  attributes: Record<string, unknown>;
}

/** One page of activities, oldest first. */
export interface ActivityFeedPage {
  events: ActivityEvent[];
  /** Whether the page was full: there may be more after `lastId`. */
  full: boolean;
  /** The highest id read, or null when the page was empty. */
  lastId: bigint | null;
}

interface KeyRow {
  id: string;
  workspace_id: string;
  lead_id: string;
  campaign_id: string | null;
  run_id: string | null;
  type: string;
  qualified: boolean | null;
}

/**
 * An instant as a Date's toISOString prints it (UTC, to the millisecond), printed by the database:
 * the DateTime scalar sends it as it is.
 */
export type PrintedInstant = string & { readonly printedInstant: unique symbol };

interface ActivityRow extends KeyRow {
  /** See OCCURRED_AT_SQL. */
  occurred_at: PrintedInstant;
  primary_attribute_value: string | null;
  attributes: Record<string, unknown>;
}

const KEY_COLUMNS = `id::text, workspace_id::text, lead_id::text, campaign_id::text, run_id::text, type,
  ${QUALIFIED_SQL} as qualified`;
/**
 * The instant as the API prints it (a JavaScript Date's ISO form: UTC, milliseconds truncated, as
 * pg's parser truncates them), formatted by the database: a page or a hub read would otherwise
 * parse each row's text into a Date and print it back. Activities are written at now(): their years
 * have four digits, the form toISOString also prints.
 */
const OCCURRED_AT_SQL = `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `${KEY_COLUMNS}, ${OCCURRED_AT_SQL} as occurred_at, primary_attribute_value, attributes`;

function toKey(row: KeyRow): ActivityKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    leadId: row.lead_id,
    campaignId: row.campaign_id,
    runId: row.run_id,
    type: row.type,
    qualified: row.qualified,
  };
}

/**
 * Spelled out rather than spread from toKey: the hub maps every row of a followed run, and a spread
 * copy costs several times the rest of the mapping (bench/README.md, "Whole-run batch feeds").
 */
function toEvent(row: ActivityRow): ActivityEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    leadId: row.lead_id,
    campaignId: row.campaign_id,
    runId: row.run_id,
    type: row.type,
    qualified: row.qualified,
    occurredAt: row.occurred_at,
    primaryAttributeValue: row.primary_attribute_value,
    attributes: row.attributes ?? {},
  };
}

/** Ids as a PostgreSQL array literal, bound as one parameter. */
const idArray = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;

/** Ascending ids: decimal digits without leading zeros, so a shorter one is smaller. */
const byId = (a: { id: string }, b: { id: string }) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const lastIdOf = (rows: { id: string }[]) =>
  rows.length ? BigInt((rows.at(-1) as { id: string }).id) : null;

/**
 * The keys of the committed activities with `id > after`, oldest first, at most `limit`: what the
 * hub matches every new row on, without reading (and parsing) the rows themselves.
 */
export async function readActivityKeys(
  em: EntityManager,
  range: { after: bigint; limit: number },
): Promise<{ keys: ActivityKey[]; full: boolean; lastId: bigint | null }> {
  const rows = await query<KeyRow>(
    em,
    `select ${KEY_COLUMNS} from activity where id > ? order by activity.id limit ?`,
    [range.after.toString(), range.limit],
    { prepared: 'fixed' },
  );
  return { keys: rows.map(toKey), full: rows.length === range.limit, lastId: lastIdOf(rows) };
}

/** The committed activities with these ids, by id. */
export async function readActivitiesById(
  em: EntityManager,
  ids: readonly string[],
): Promise<Map<string, ActivityEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await query<ActivityRow>(
    em,
    `select ${COLUMNS} from activity where id = any(?::bigint[])`,
    [idArray(ids)],
    { prepared: 'fixed' },
  );
  return new Map(rows.map((row) => [row.id, toEvent(row)]));
}

/**
 * Committed activities with `after < id <= upTo` (no upper bound when `upTo` is null) that the
 * filter wants (every one when it is null), oldest first, at most `limit`.
 */
export async function readActivities(
  em: EntityManager,
  range: { after: bigint; upTo: bigint | null; limit: number },
  filter: ActivityFilter | null,
): Promise<ActivityFeedPage> {
  const where = filter ? activityFilterSql(filter) : { sql: 'true', params: [] };
  const bound = range.upTo === null ? '' : ' and id <= ?';
  const rows = await query<ActivityRow>(
    em,
    `select ${COLUMNS} from activity where id > ?${bound} and ${where.sql} order by activity.id limit ?`,
    [
      range.after.toString(),
      ...(range.upTo === null ? [] : [range.upTo.toString()]),
      ...where.params,
      range.limit,
    ],
    { prepared: 'per-shape' },
  );
  return { events: rows.map(toEvent), full: rows.length === range.limit, lastId: lastIdOf(rows) };
}

/** A connection's page of activities, with what the rows name that its reader asked for. */
export interface ActivityPage {
  events: ActivityEvent[];
  /** The leads the rows name, when asked for (those that exist). */
  leads: LeadRecord[];
  /** The `graph_version` of each workspace of the rows, by workspace id, when asked for. */
  graphVersions: ReadonlyMap<string, string>;
}

/** The columns of the rows a page reads, each aggregated into a JSON list of its own. */
const PAGE_COLUMNS = [
  'id',
  'workspace_id',
  'lead_id',
  'campaign_id',
  'run_id',
  'type',
  'qualified',
  'occurred_at',
  'primary_attribute_value',
  'attributes',
] as const satisfies readonly (keyof ActivityRow)[];

/** ActivityRows as one JSON list per column, in the same order in every list. */
type PageColumns = { [Column in (typeof PAGE_COLUMNS)[number]]: ActivityRow[Column][] | null };

/**
 * An aggregate of `page`'s rows as PageColumns: json_agg over whole rows looks up every column's
 * type again for each row, and a list per column is cheaper for PostgreSQL to build and for
 * JSON.parse to read (bench/README.md, "Measurements quoted by the code").
 */
const PAGE_COLUMNS_SQL = `json_build_object(${PAGE_COLUMNS.map((column) => `'${column}', json_agg(${column})`).join(', ')})`;

/** The rows of PageColumns, in the lists' order. */
function rowsOf(columns: PageColumns | null): ActivityRow[] {
  const at = <T>(column: T[] | null | undefined, index: number) => (column as T[])[index] as T;
  return (columns?.id ?? []).map((id, index) => ({
    id,
    workspace_id: at(columns?.workspace_id, index),
    lead_id: at(columns?.lead_id, index),
    campaign_id: at(columns?.campaign_id, index),
    run_id: at(columns?.run_id, index),
    type: at(columns?.type, index),
    qualified: at(columns?.qualified, index),
    occurred_at: at(columns?.occurred_at, index),
    primary_attribute_value: at(columns?.primary_attribute_value, index),
    attributes: at(columns?.attributes, index),
  }));
}

/**
 * The page's statements by their conditions, order and parts, built once each. Clients choose the
 * shape (which filters, bounds, order, parts), so only the first MAX_SHAPED_TEXTS are kept, no more
 * than may be prepared (the replay reads draw on the same number): a later shape is built for each
 * request, and runs unprepared.
 */
const pageStatements = new Map<string, string>();

/** The statement of readActivityPage for a shape of request (see there). */
function pageSql(where: string, order: 'asc' | 'desc', leads: boolean, graphVersions: boolean): string {
  const shape = `${where}|${order}|${leads}|${graphVersions}`;
  let sql = pageStatements.get(shape);
  if (sql === undefined) {
    const aggregates = [
      `${PAGE_COLUMNS_SQL} as events`,
      ...(leads ? ['array_agg(distinct lead_id::bigint) as lead_ids'] : []),
      ...(graphVersions ? ['array_agg(distinct workspace_id::bigint) as workspace_ids'] : []),
    ];
    const leadsSql = leads ? leadRecordColumnsSql('from lead where id = any(p.lead_ids)') : 'null';
    const graphVersionsSql = graphVersions
      ? '(select json_object_agg(id::text, graph_version::text) from workspace where id = any(p.workspace_ids))'
      : 'null';
    sql = `with page as (
       select ${COLUMNS} from activity where ${where}
       order by activity.id ${order} limit ?
     )
     select p.events, ${leadsSql} as leads, ${graphVersionsSql} as graph_versions
     from (select ${aggregates.join(', ')} from page) as p`;
    if (pageStatements.size < MAX_SHAPED_TEXTS) pageStatements.set(shape, sql);
  }
  return sql;
}

/**
 * The activities every one of `filters` wants (a connection's parent narrows the client's filter),
 * with ids strictly between `after` and `before` (either may be absent), by id in `order`, at most
 * `limit`: plain rows, as the activity connections serve them, without an entity per row. In the
 * same statement, when asked, the leads the rows name and the graph versions of their workspaces:
 * a round trip costs a page more than reading them, and one JSON text per part parses faster than
 * pg's fields. They are looked up by the ids the page's one aggregate collects, as a `page` named
 * three times would be materialized; and the rows are put in order here rather than by json_agg's
 * ORDER BY, which sorts them whole: both cost PostgreSQL more (bench/README.md, "Measurements
 * quoted by the code").
 */
export async function readActivityPage(
  em: EntityManager,
  filters: readonly ActivityFilter[],
  read: { after?: string; before?: string; order: 'asc' | 'desc'; limit: number },
  include: { leads?: boolean; graphVersions?: boolean } = {},
): Promise<ActivityPage> {
  const conditions = filters.map(activityFilterSql);
  const bounds = [
    ...(read.after === undefined ? [] : [{ sql: 'id > ?', params: [read.after] }]),
    ...(read.before === undefined ? [] : [{ sql: 'id < ?', params: [read.before] }]),
  ];
  const where = [...conditions, ...bounds];
  const order = read.order === 'asc' ? 'asc' : 'desc';
  const [row] = await query<{
    events: PageColumns | null;
    leads: LeadRecordColumns | null;
    graph_versions: Record<string, string> | null;
  }>(
    em,
    pageSql(
      where.map(({ sql }) => `(${sql})`).join(' and '),
      order,
      include.leads === true,
      include.graphVersions === true,
    ),
    [...where.flatMap(({ params }) => params), read.limit],
    { prepared: 'per-shape' },
  );
  const events = rowsOf(row?.events ?? null).map(toEvent);
  return {
    events: order === 'asc' ? events.sort(byId) : events.sort((a, b) => byId(b, a)),
    leads: leadRecordsOf(row?.leads ?? null),
    graphVersions: new Map(Object.entries(row?.graph_versions ?? {})),
  };
}

/** The leads, runs and campaigns some subscriptions name, and the types they want (null: any). */
export interface CandidateKeys {
  leadIds: Iterable<string>;
  runIds: Iterable<string>;
  campaignIds: Iterable<string>;
  types: Iterable<string> | null;
}

/**
 * The committed activities with `after < id <= upTo` of these leads, runs or campaigns and of these
 * types (the candidates of narrow subscriptions), oldest first, at most `limit`. Each key's first `limit` ids
 * are read in order through its index, so a page costs the same however many candidates follow
 * it: asking the three indexes at once for any of the keys would fetch and sort all of them.
 */
export async function readCandidates(
  em: EntityManager,
  range: { after: bigint; upTo: bigint; limit: number },
  keys: CandidateKeys,
): Promise<ActivityFeedPage> {
  // Rows of other types are skipped on the index walk rather than read, mapped and dropped.
  const typed = keys.types === null ? '' : ' and type = any(?::text[])';
  const firstIds = (column: string) =>
    `select first.id from unnest(?::bigint[]) as key(value) cross join lateral (
       select id from activity where ${column} = key.value and id > ? and id <= ?${typed} order by id limit ?
     ) as first`;
  const bounds = [
    range.after.toString(),
    range.upTo.toString(),
    ...(keys.types === null ? [] : [idArray(keys.types)]),
    range.limit,
  ];
  const rows = await query<ActivityRow>(
    em,
    `with page as (
       ${firstIds('lead_id')} union ${firstIds('run_id')} union ${firstIds('campaign_id')}
       order by id limit ?
     )
     select ${COLUMNS} from activity join page using (id) order by activity.id`,
    [
      idArray(keys.leadIds),
      ...bounds,
      idArray(keys.runIds),
      ...bounds,
      idArray(keys.campaignIds),
      ...bounds,
      range.limit,
    ],
    { prepared: 'fixed' },
  );
  return { events: rows.map(toEvent), full: rows.length === range.limit, lastId: lastIdOf(rows) };
}

/**
 * An id up to which every activity is settled, committed or never to be (0 when there is none):
 * `announced` when a row with that id is visible (semantics A2: ids are drawn one transaction at a time, so
 * every lower one is then settled), else the highest committed id. Looking the announced id up
 * spares the scan for the highest one, which steps over every row a writer is inserting: a hub
 * read after each committed chunk paid that scan. The lookup guards against an id that is not
 * this database's, from a bus another deployment shares.
 */
export async function settledActivityId(em: EntityManager, announced: bigint | null = null): Promise<bigint> {
  const [row] = await query<{ last: string }>(
    em,
    'select coalesce((select id from activity where id = ?), (select max(id) from activity), 0)::text as last',
    [announced?.toString() ?? null],
    { prepared: 'fixed' },
  );
  return BigInt(row?.last ?? 0);
}
