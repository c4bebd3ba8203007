/**
 * The API under load (issue #17): autocannon against one server process (api-server.ts) serving
 * the API, a minimal Yoga server and a bare node:http floor. Cases: the floor, the minimal Yoga
 * server, the trivial `{ viewer { isAdmin } }`, the campaign graph (operations/campaign-graph.graphql)
 * of a workspace of 100 campaigns and of one of 1,000 (its first page of 100, and all ten pages in
 * turn), and a page of 100 typed activities (operations/activity-feed.graphql). Each case runs a
 * short warm-up, then `--duration` seconds at `--connections` connections, in `--rounds` slices:
 * the cases take turns in each round, so that a ratio compares cases measured seconds apart, not a
 * minute (a shared machine's speed drifts that much). Reported: requests/s (overall and by round),
 * p50 and p99 latency, SQL statements and server CPU per request, and the goals' ratios within the
 * run, overall and by round. Writes api.json to bench/results/local/, or with --publish to bench/results/.
 * Usage: npm run bench:api -- [--duration 10] [--rounds 5] [--connections 10] [--publish]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { encodeGlobalID } from '@pothos/plugin-relay';
import autocannon from 'autocannon';
import { print } from 'graphql';
import { initOrm } from '../src/db/orm.js';
import {
  ActivitiesDocument,
  CampaignGraphDocument,
  CampaignGraphPageDocument,
} from '../src/generated/graphql.js';
import { BENCH_ADMIN_KEY, seedActivities, seedCampaignGraph } from './api-workload.js';
import { writeResult } from './results-file.js';
import { withBenchDatabase } from './w1-workload.js';

const argument = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const duration = argument('--duration', 10);
const connections = argument('--connections', 10);
const rounds = argument('--rounds', 5);
const LEADS = 1000;
const PAGE = 100;

interface Stats {
  statements: number;
  cpuMs: number;
}
interface Case {
  name: string;
  url: string;
  key?: string;
  /** The bodies each connection sends in turn. */
  bodies: Record<string, unknown>[];
}

/** Sends a message to the server and resolves with its next reply. */
function ask<T>(server: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    server.once('message', (reply) => resolve(reply as T));
    server.send(message);
  });
}

const headersFor = (key?: string) => ({
  'content-type': 'application/json',
  ...(key && { authorization: `Bearer ${key}` }),
});

async function post<T>(url: string, body: Record<string, unknown>, key?: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: headersFor(key), body: JSON.stringify(body) });
  const answer = (await response.json()) as { data?: T; errors?: unknown };
  if (answer.errors || !answer.data) throw new Error(`${url}: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

async function keyFor(url: string, workspaceId: string): Promise<string> {
  const data = await post<{ createApiKey: { secret: string } }>(
    url,
    {
      query: 'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "bench") { secret } }',
      variables: { id: encodeGlobalID('Workspace', workspaceId) },
    },
    BENCH_ADMIN_KEY,
  );
  return data.createApiKey.secret;
}

const CAMPAIGN_GRAPH = print(CampaignGraphDocument);
const CAMPAIGN_GRAPH_PAGE = print(CampaignGraphPageDocument);

/**
 * The bodies that read every page of a workspace's campaign graph, first to last, as the console
 * does: CampaignGraph for the first page, with the workspace's folders and programs, then
 * CampaignGraphPage, campaigns only.
 */
async function graphPages(url: string, key: string, workspaceId: string) {
  type Page = { workspace: { campaigns: { pageInfo: { hasNextPage: boolean; endCursor: string } } } };
  const bodies: Record<string, unknown>[] = [];
  let after: string | undefined;
  for (;;) {
    const variables = { workspaceId: encodeGlobalID('Workspace', workspaceId), first: PAGE, after };
    const body = { query: after ? CAMPAIGN_GRAPH_PAGE : CAMPAIGN_GRAPH, variables };
    bodies.push(body);
    const { pageInfo } = (await post<Page>(url, body, key)).workspace.campaigns;
    if (!pageInfo.hasNextPage) return bodies;
    after = pageInfo.endCursor;
  }
}

/**
 * Resolves once the server has gone idle (under 10 % of a core over 500 ms): requests a case left
 * in flight when its load stopped must not count against the next.
 */
async function settle(server: ChildProcess): Promise<void> {
  for (let last = await ask<Stats>(server, 'stats'); ; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await ask<Stats>(server, 'stats');
    if (now.cpuMs - last.cpuMs < 50) return;
    last = now;
  }
}

interface Slice {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  statements: number;
  cpuMs: number;
  failed: number;
}

const optionsOf = ({ url, key, bodies }: Case) => ({
  url,
  connections,
  headers: headersFor(key),
  requests: bodies.map((body) => ({ method: 'POST', body: JSON.stringify(body) })),
});

/** Checks the case's answers, then loads it for a second, so that its documents are compiled. */
async function warmUp(server: ChildProcess, measured: Case) {
  for (const body of measured.bodies) await post(measured.url, body, measured.key);
  await autocannon({ ...optionsOf(measured), duration: 1 });
  await settle(server);
}

/** One slice of a case's load: `seconds` of autocannon, the server idle before and after. */
async function slice(server: ChildProcess, measured: Case, seconds: number): Promise<Slice> {
  const before = await ask<Stats>(server, 'stats');
  const result = await autocannon({ ...optionsOf(measured), duration: seconds });
  const after = await ask<Stats>(server, 'stats');
  await settle(server);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statements: after.statements - before.statements,
    cpuMs: after.cpuMs - before.cpuMs,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

const sum = (slices: Slice[], part: (one: Slice) => number) =>
  slices.reduce((total, one) => total + part(one), 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const perSecond = (requests: number, seconds: number) => Math.round((requests / seconds) * 10) / 10;

/** A case's row: its slices together; p50 the median slice's, p99 the worst slice's. */
function rowOf(name: string, slices: Slice[]) {
  const total = sum(slices, (one) => one.requests);
  const row = {
    name,
    requestsPerSecond: perSecond(
      total,
      sum(slices, (one) => one.seconds),
    ),
    requestsPerSecondByRound: slices.map((one) => perSecond(one.requests, one.seconds)),
    p50Ms: median(slices.map((one) => one.p50Ms)),
    p99Ms: Math.max(...slices.map((one) => one.p99Ms)),
    statementsPerRequest: Math.round((sum(slices, (one) => one.statements) / total) * 100) / 100,
    serverCpuMsPerRequest: Math.round((sum(slices, (one) => one.cpuMs) / total) * 100) / 100,
    requests: total,
    failed: sum(slices, (one) => one.failed),
  };
  console.log(JSON.stringify(row));
  return row;
}

await withBenchDatabase(async (databaseUrl) => {
  const orm = await initOrm(databaseUrl);
  const hundred = await seedCampaignGraph(orm, 100, LEADS);
  const thousand = await seedCampaignGraph(orm, 1000, LEADS);
  const { leadId } = await seedActivities(orm, hundred.workspaceId, PAGE);
  await orm.close();

  const server = fork(new URL('api-server.ts', import.meta.url).pathname, [databaseUrl], {
    execArgv: ['--import', 'tsx'],
  });
  const { urls } = await new Promise<{ urls: { api: string; minimalYoga: string; floor: string } }>(
    (resolve) => server.once('message', (message) => resolve(message as never)),
  );
  try {
    const key100 = await keyFor(urls.api, hundred.workspaceId);
    const key1000 = await keyFor(urls.api, thousand.workspaceId);
    const trivial = { query: '{ viewer { isAdmin } }' };
    const graph = (workspaceId: string) => ({
      query: CAMPAIGN_GRAPH,
      variables: { workspaceId: encodeGlobalID('Workspace', workspaceId), first: PAGE },
    });
    const pages = await graphPages(urls.api, key1000, thousand.workspaceId);
    const cases: Case[] = [
      { name: 'bare node:http floor', url: urls.floor, bodies: [trivial] },
      { name: 'minimal Yoga server: { isAdmin }', url: urls.minimalYoga, bodies: [{ query: '{ isAdmin }' }] },
      {
        name: 'trivial: { viewer { isAdmin } }, workspace key',
        url: urls.api,
        key: key100,
        bodies: [trivial],
      },
      {
        name: 'trivial: { viewer { isAdmin } }, admin key',
        url: urls.api,
        key: BENCH_ADMIN_KEY,
        bodies: [trivial],
      },
      {
        name: 'campaign graph, 100 campaigns',
        url: urls.api,
        key: key100,
        bodies: [graph(hundred.workspaceId)],
      },
      {
        name: 'campaign graph, 1,000 campaigns: first page of 100',
        url: urls.api,
        key: key1000,
        bodies: [graph(thousand.workspaceId)],
      },
      {
        name: `campaign graph, 1,000 campaigns: its ${pages.length} pages in turn`,
        url: urls.api,
        key: key1000,
        bodies: pages,
      },
      {
        name: 'activities: a page of 100 with typed fields',
        url: urls.api,
        key: key100,
        bodies: [
          {
            query: print(ActivitiesDocument),
            variables: { filter: { leadId: encodeGlobalID('Lead', leadId) }, first: PAGE },
          },
        ],
      },
    ];
    const loadBefore = loadavg();
    for (const measured of cases) await warmUp(server, measured);
    const slices: Slice[][] = cases.map(() => []);
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, measured] of cases.entries()) {
        slices[index]?.push(await slice(server, measured, duration / rounds));
      }
    }
    const rows = cases.map((measured, index) => rowOf(measured.name, slices[index] ?? []));
    const rps = (index: number) => rows[index]?.requestsPerSecond ?? Number.NaN;
    const roundRps = (index: number, round: number) =>
      rows[index]?.requestsPerSecondByRound[round] ?? Number.NaN;
    const round3 = (value: number) => Math.round(value * 1000) / 1000;
    const ratioOf = (ratio: (rpsOf: (index: number) => number) => number) => ({
      value: round3(ratio(rps)),
      byRound: Array.from({ length: rounds }, (_, round) => round3(ratio((index) => roundRps(index, round)))),
    });
    const ratios = {
      graphVsTrivial: ratioOf((of) => of(4) / of(2)),
      activitiesVsTrivial: ratioOf((of) => of(7) / of(2)),
      trivialVsMinimalYoga: ratioOf((of) => of(2) / of(1)),
      firstPageOf1000VsGraphOf100: ratioOf((of) => of(4) / of(5)),
      whole1000VsWhole100: ratioOf((of) => (pages.length * of(4)) / of(6)),
    };
    const goals = {
      graphVsTrivial: '>= 0.08',
      activitiesVsTrivial: '>= 0.16',
      trivialVsMinimalYoga: '>= 0.8',
      whole1000VsWhole100: '<= 12',
      graphStatementsPerRequest: '<= 6',
    };
    console.log(JSON.stringify(ratios));
    await writeResult('api.json', {
      date: new Date().toISOString(),
      command: `npm run bench:api -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: { cpus: cpus().length, loadAverage1mBefore: loadBefore[0], loadAverage1mAfter: loadavg()[0] },
      durationSeconds: duration,
      rounds,
      connections,
      leads: LEADS,
      cases: rows,
      ratios,
      goals,
    });
  } finally {
    await ask(server, 'stop').catch(() => undefined);
    server.kill();
  }
});
