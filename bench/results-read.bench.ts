/**
 * Reading campaign results (semantics A4) for a finished W1 run: the run is made through the real run
 * path (`w1-workload.ts`), then `CampaignRun.results` and `Campaign.results` are read through the
 * GraphQL API (Yoga's fetch, without a socket) again and again, and each read is timed; beside them,
 * the run's results read without the API (its SQL and the domain's assembly), and a request for the
 * run's status alone, the API's own cost per request.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import pino from 'pino';
import { Campaign } from '../src/db/entities/campaign.entity.js';
import { initOrm } from '../src/db/orm.js';
import { runResultCounts } from '../src/db/sql/run-results.js';
import { campaignResults } from '../src/domain/run-results.js';
import { planRun } from '../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../src/runs/process-chunk.js';
import { buildApp } from '../src/server/app.js';
import { writeResult } from './results-file.js';
import { inParallel, newRun, seedW1, withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const leadCount = process.argv.includes('--leads') ? Number(argument('--leads')) : 100_000;
const reads = process.argv.includes('--reads') ? Number(argument('--reads')) : 200;
const ADMIN_KEY = `bench-admin-${'0'.repeat(24)}`;

const RESULTS = `{ steps { position reached branches { choice count } executeQualified executeNotQualified
  notQualifiedByReason { reason count } } activitiesByType { type count } }`;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

async function main() {
  await withBenchDatabase(async (url) => {
    const orm = await initOrm(url);
    const ids = await seedW1(orm, leadCount);
    const runId = await newRun(orm, ids.workspaceId, ids.a);
    const now = new Date();
    const runStarted = performance.now();
    await inParallel(await planRun(orm, runId, now), (seq) => processChunk(orm, runId, seq, now));
    await completeIfDone(orm, runId, now);
    const runSeconds = (performance.now() - runStarted) / 1000;

    const app = buildApp({
      orm,
      log: pino({ level: 'silent' }),
      adminApiKey: ADMIN_KEY,
      host: '127.0.0.1',
      port: 0,
    });
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const response = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: Record<string, { results: unknown }>;
        errors?: unknown;
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const runResultsRead = async () => {
      const em = orm.em.fork();
      const campaign = await em.findOneOrFail(Campaign, { id: ids.a });
      const counts = await runResultCounts(em, runId);
      const own = counts.filter((count) => count.campaignId === campaign.id);
      return campaignResults(campaign.flow, own, counts);
    };
    const cases = {
      'run results: SQL and domain only': runResultsRead,
      'baseline: campaignRun { status } through the API': () =>
        graphql('query ($id: ID!) { campaignRun(id: $id) { status } }', {
          id: encodeGlobalID('CampaignRun', runId),
        }),
      'CampaignRun.results': () =>
        graphql(`query ($id: ID!) { campaignRun(id: $id) { results ${RESULTS} } }`, {
          id: encodeGlobalID('CampaignRun', runId),
        }),
      'Campaign.results (A, all time)': () =>
        graphql(`query ($id: ID!) { campaign(id: $id) { results ${RESULTS} } }`, {
          id: encodeGlobalID('Campaign', ids.a),
        }),
      'Campaign.results (B, executed, window)': () =>
        graphql(
          `query ($id: ID!, $since: DateTime) { campaign(id: $id) { results(since: $since) ${RESULTS} } }`,
          {
            id: encodeGlobalID('Campaign', ids.b),
            since: new Date(now.getTime() - 3_600_000).toISOString(),
          },
        ),
    };
    const timings: Record<string, { p50Ms: number; p95Ms: number; maxMs: number }> = {};
    const answers: Record<string, unknown> = {};
    for (const [name, read] of Object.entries(cases)) {
      answers[name] = await read();
      const times: number[] = [];
      for (let index = 0; index < reads; index += 1) {
        const started = performance.now();
        await read();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const round = (value: number) => Number(value.toFixed(2));
      timings[name] = {
        p50Ms: round(percentile(times, 0.5)),
        p95Ms: round(percentile(times, 0.95)),
        maxMs: round(times.at(-1) as number),
      };
    }
    // The database's own time for the run's counters, as PostgreSQL measures it: what a busy machine
    // adds around the statement (scheduling, the API) is not in it.
    const executionMs: number[] = [];
    for (let index = 0; index < reads; index += 1) {
      const [plan] = await orm.em
        .fork()
        .getConnection()
        .execute(
          'explain (analyze, format json) select campaign_id, kind, position, key, count from run_result_count where run_id = ?',
          [runId],
        );
      executionMs.push(
        (plan as { 'QUERY PLAN': [{ 'Execution Time': number }] })['QUERY PLAN'][0]['Execution Time'],
      );
    }
    executionMs.sort((a, b) => a - b);
    const counterRows = await orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as rows from run_result_count where run_id = ?', [runId]);
    timings['run counters: PostgreSQL execution time'] = {
      p50Ms: Number(percentile(executionMs, 0.5).toFixed(3)),
      p95Ms: Number(percentile(executionMs, 0.95).toFixed(3)),
      maxMs: Number((executionMs.at(-1) as number).toFixed(3)),
    };
    await app.stop();
    await orm.close();
    const result = {
      leads: leadCount,
      reads,
      runSeconds: Number(runSeconds.toFixed(1)),
      counterRows: counterRows[0]?.rows,
      timings,
      answers,
    };
    console.table(timings);
    console.log(JSON.stringify(answers['CampaignRun.results']));
    console.log(JSON.stringify(answers['Campaign.results (B, executed, window)']));
    await writeResult('results-read.json', result);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
