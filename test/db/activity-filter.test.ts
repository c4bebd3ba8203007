import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type Orm } from '../../src/db/orm.js';
import { readActivities, readActivityKeys, readActivityPage } from '../../src/db/sql/activity-feed.js';
import { query } from '../../src/db/sql/query.js';
import { type ActivityFilter, matchesActivityFilter } from '../../src/domain/activity-filter.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * One filter, three uses: the page the `activities` connections read, the SQL of the rows a
 * subscription replays, and the in-memory predicate live rows are matched with. Each filter
 * of the table must select the same rows through all three, and the rows the table names.
 */

/** Workspaces 1 and 2; leads 10, 11 (workspace 1) and 20 (workspace 2); campaigns 100, 101; runs 500, 501. */
const ROWS = {
  newLead: { workspace: 1, lead: 10, campaign: null, run: null, type: 'NEW_LEAD', attributes: {} },
  score: { workspace: 1, lead: 10, campaign: 100, run: 500, type: 'CHANGE_SCORE', attributes: {} },
  qualified: {
    workspace: 1,
    lead: 10,
    campaign: 100,
    run: 500,
    type: 'EXECUTE_CAMPAIGN',
    attributes: { qualified: true },
  },
  notQualified: {
    workspace: 1,
    lead: 11,
    campaign: 100,
    run: 501,
    type: 'EXECUTE_CAMPAIGN',
    attributes: { qualified: false, reason: 'NOT_IN_SMART_LIST' },
  },
  unrecorded: { workspace: 1, lead: 11, campaign: 101, run: 501, type: 'EXECUTE_CAMPAIGN', attributes: {} },
  /** Not an Execute Campaign activity: its `qualified` attribute is no Qualified value. */
  scoreNamedQualified: {
    workspace: 1,
    lead: 11,
    campaign: 101,
    run: null,
    type: 'CHANGE_SCORE',
    attributes: { qualified: true },
  },
  otherWorkspace: {
    workspace: 2,
    lead: 20,
    campaign: 100,
    run: 500,
    type: 'EXECUTE_CAMPAIGN',
    attributes: { qualified: true },
  },
  otherWorkspaceLead: { workspace: 2, lead: 20, campaign: null, run: null, type: 'NEW_LEAD', attributes: {} },
} as const;

type RowName = keyof typeof ROWS;

const FILTERS: { name: string; filter: ActivityFilter; expected: RowName[] }[] = [
  {
    name: 'the empty filter',
    filter: { workspaceIds: null },
    expected: Object.keys(ROWS) as RowName[],
  },
  { name: 'no workspace', filter: { workspaceIds: [] }, expected: [] },
  {
    name: 'one workspace',
    filter: { workspaceIds: ['2'] },
    expected: ['otherWorkspace', 'otherWorkspaceLead'],
  },
  {
    name: 'two workspaces',
    filter: { workspaceIds: ['1', '2'] },
    expected: Object.keys(ROWS) as RowName[],
  },
  { name: 'a workspace nobody wrote in', filter: { workspaceIds: ['3'] }, expected: [] },
  {
    name: 'a campaign (rows of no campaign never match)',
    filter: { workspaceIds: null, campaignId: '100' },
    expected: ['score', 'qualified', 'notQualified', 'otherWorkspace'],
  },
  { name: 'an unknown campaign', filter: { workspaceIds: null, campaignId: '999' }, expected: [] },
  {
    name: 'a lead',
    filter: { workspaceIds: null, leadId: '11' },
    expected: ['notQualified', 'unrecorded', 'scoreNamedQualified'],
  },
  {
    name: 'a run (rows of no run never match)',
    filter: { workspaceIds: null, runId: '501' },
    expected: ['notQualified', 'unrecorded'],
  },
  { name: 'an empty list of types', filter: { workspaceIds: null, types: [] }, expected: [] },
  {
    name: 'one type',
    filter: { workspaceIds: null, types: ['CHANGE_SCORE'] },
    expected: ['score', 'scoreNamedQualified'],
  },
  {
    name: 'two types',
    filter: { workspaceIds: null, types: ['NEW_LEAD', 'CHANGE_SCORE'] },
    expected: ['newLead', 'score', 'scoreNamedQualified', 'otherWorkspaceLead'],
  },
  {
    name: 'qualified: only Execute Campaign activities whose Qualified is TRUE',
    filter: { workspaceIds: null, qualified: true },
    expected: ['qualified', 'otherWorkspace'],
  },
  {
    name: 'not qualified: an unrecorded Qualified is neither TRUE nor FALSE',
    filter: { workspaceIds: null, qualified: false },
    expected: ['notQualified'],
  },
  {
    name: 'qualified among types that leave out Execute Campaign',
    filter: { workspaceIds: null, types: ['CHANGE_SCORE'], qualified: true },
    expected: [],
  },
  {
    name: 'qualified among types that include Execute Campaign',
    filter: { workspaceIds: null, types: ['CHANGE_SCORE', 'EXECUTE_CAMPAIGN'], qualified: true },
    expected: ['qualified', 'otherWorkspace'],
  },
  {
    name: 'a workspace and a lead of another workspace',
    filter: { workspaceIds: ['1'], leadId: '20' },
    expected: [],
  },
  {
    name: 'workspace, campaign and qualified',
    filter: { workspaceIds: ['1'], campaignId: '100', qualified: true },
    expected: ['qualified'],
  },
  {
    name: 'lead, campaign, run and type',
    filter: { workspaceIds: ['1'], leadId: '10', campaignId: '100', runId: '500', types: ['CHANGE_SCORE'] },
    expected: ['score'],
  },
  {
    name: 'every field',
    filter: {
      workspaceIds: ['1', '2'],
      leadId: '11',
      campaignId: '100',
      runId: '501',
      types: ['EXECUTE_CAMPAIGN'],
      qualified: false,
    },
    expected: ['notQualified'],
  },
];

let database: TestDatabase;
let orm: Orm;
const names = new Map<string, RowName>();

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await initOrm(database.url);
  const em = orm.em.fork();
  for (const [name, row] of Object.entries(ROWS)) {
    const [inserted] = await query<{ id: string }>(
      em,
      `insert into activity (workspace_id, lead_id, campaign_id, run_id, type, occurred_at, attributes)
       values (?, ?, ?, ?, ?, now(), ?::jsonb) returning id::text`,
      [row.workspace, row.lead, row.campaign, row.run, row.type, JSON.stringify(row.attributes)],
    );
    names.set((inserted as { id: string }).id, name as RowName);
  }
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

const named = (ids: string[]) => ids.map((id) => names.get(id));

async function throughPage(filter: ActivityFilter) {
  const { events } = await readActivityPage(orm.em.fork(), [filter], { order: 'asc', limit: 100 });
  return named(events.map((event) => event.id));
}

async function throughSql(filter: ActivityFilter) {
  const page = await readActivities(orm.em.fork(), { after: 0n, upTo: null, limit: 100 }, filter);
  return named(page.events.map((event) => event.id));
}

async function inMemory(filter: ActivityFilter) {
  const { keys } = await readActivityKeys(orm.em.fork(), { after: 0n, limit: 100 });
  return named(keys.filter((key) => matchesActivityFilter(filter, key)).map((key) => key.id));
}

describe('the activity filter selects the same rows in a connection page, in SQL and in memory', () => {
  it.each(FILTERS)('$name', async ({ filter, expected }) => {
    const [page, sql, memory] = await Promise.all([
      throughPage(filter),
      throughSql(filter),
      inMemory(filter),
    ]);
    expect({ page, sql, memory }).toEqual({ page: expected, sql: expected, memory: expected });
  });
});
