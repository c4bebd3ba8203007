import { loadavg } from 'node:os';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { CampaignRun } from '../src/db/entities/campaign-run.entity.js';
import { initOrm, type Orm } from '../src/db/orm.js';
import { planRun } from '../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../src/runs/process-chunk.js';
import { writeResult } from './results-file.js';
import { CONCURRENCY, inParallel, newRun, seedW1, withBenchDatabase } from './w1-workload.js';

const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const leadCount = process.argv.includes('--leads') ? Number(argument('--leads')) : 100_000;
const historyFilter = process.argv.includes('--history-filter');
const rounds = process.argv.includes('--rounds') ? Number(argument('--rounds')) : 3;

/** The engine: plan, every chunk through runFlow and its writes, completion. Returns the planning time. */
async function engine(orm: Orm, runId: string): Promise<number> {
  const now = new Date();
  const started = performance.now();
  const seqs = await planRun(orm, runId, now);
  const planSeconds = (performance.now() - started) / 1000;
  await inParallel(seqs, (seq) => processChunk(orm, runId, seq, now));
  await completeIfDone(orm, runId, now);
  return planSeconds;
}

/** B1: the same writes as hand-written set-based SQL, chunk by chunk, on the engine's chunks. */
async function setBased(
  url: string,
  ids: Awaited<ReturnType<typeof seedW1>>,
  engineRun: string,
  runId: string,
) {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  const chunks = (
    await pool.query('select seq, lead_ids from run_chunk where run_id = $1 order by seq', [engineRun])
  ).rows;
  await inParallel(chunks, async (chunk: { seq: number; lead_ids: string[] }) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const leadIds = JSON.stringify(chunk.lead_ids);
      await client.query(
        'select id from lead where id in (select value::bigint from jsonb_array_elements_text($1::jsonb)) order by id for update',
        [leadIds],
      );
      await client.query(
        `update lead set updated_at = now(), fields = fields || jsonb_build_object(
           'score', coalesce((fields->>'score')::int, 0) + case when (fields->>'Group')::int = 0 then 6 else 1 end,
           'Segment', 'w1')
         where id in (select value::bigint from jsonb_array_elements_text($1::jsonb))`,
        [leadIds],
      );
      await client.query(
        `insert into lead_campaign_history (lead_id, campaign_id, run_count, first_run_at, last_run_at)
         select l.id, c.campaign_id, 1, now(), now()
         from lead l join (values ($2::bigint, false), ($3::bigint, true), ($4::bigint, true)) as c(campaign_id, group0) on
           (not c.group0 or (l.fields->>'Group')::int = 0)
         where l.id in (select value::bigint from jsonb_array_elements_text($1::jsonb))
         on conflict (lead_id, campaign_id) do update
           set run_count = lead_campaign_history.run_count + 1, last_run_at = excluded.last_run_at`,
        [leadIds, ids.a, ids.b, ids.c],
      );
      await client.query(
        `with handed as (
           insert into campaign_run (workspace_id, campaign_id, kind, status, scheduled_for, lead_ids, tokens, created_at)
           values ($1, $2, 'TRIGGERED', 'QUEUED', now(), $3::jsonb, '[]', now()) returning id)
         select graphile_worker.add_job('run:plan', json_build_object('runId', id::text), job_key := 'b1:' || id) from handed`,
        [ids.workspaceId, ids.listener, leadIds],
      );
      await client.query(
        'update campaign_run set leads_processed = leads_processed + $1, leads_qualified = leads_qualified + $1 where id = $2',
        [chunk.lead_ids.length, runId],
      );
      await client.query(
        `insert into activity (workspace_id, lead_id, campaign_id, run_id, type, occurred_at, primary_attribute_value, attributes)
         select $2, l.id, s.campaign_id, $3, s.type, now(), s.primary_value, s.attributes
         from lead l cross join lateral (values
           (1, $4::bigint, 'CHANGE_SCORE', 'score', jsonb_build_object('scoreName', 'score', 'change', '+1', 'oldValue', 0, 'newValue', 1)),
           (2, $4::bigint, 'CHANGE_DATA_VALUE', 'Segment', jsonb_build_object('attribute', 'Segment', 'oldValue', null, 'newValue', 'w1')),
           (3, $4::bigint, 'EXECUTE_CAMPAIGN', 'B', jsonb_build_object('executedCampaignId', $5::text, 'qualified', (l.fields->>'Group')::int = 0, 'depth', 1, 'useParentTokenContext', true)),
           (4, $5::bigint, 'CHANGE_SCORE', 'score', jsonb_build_object('scoreName', 'score', 'change', '+2', 'oldValue', 1, 'newValue', 3)),
           (5, $5::bigint, 'EXECUTE_CAMPAIGN', 'C', jsonb_build_object('executedCampaignId', $6::text, 'qualified', true, 'depth', 2, 'useParentTokenContext', true)),
           (6, $6::bigint, 'CHANGE_SCORE', 'score', jsonb_build_object('scoreName', 'score', 'change', '+3', 'oldValue', 3, 'newValue', 6)),
           (7, $4::bigint, 'REQUEST_CAMPAIGN', 'T', jsonb_build_object('requestedCampaignId', $7::text))
         ) as s(step, campaign_id, type, primary_value, attributes)
         where l.id in (select value::bigint from jsonb_array_elements_text($1::jsonb))
           and (s.step in (1, 2, 3, 7) or (l.fields->>'Group')::int = 0)
         order by l.id, s.step`,
        [leadIds, ids.workspaceId, runId, ids.a, ids.b, ids.c, ids.listener],
      );
      await client.query('update run_chunk set completed_at = now() where run_id = $1 and seq = $2', [
        engineRun,
        chunk.seq,
      ]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  });
  await pool.end();
}

/** B0: COPY the engine's activity rows into an empty copy of the table; only the COPY in is timed. */
async function copyFloor(url: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const columns =
    'workspace_id, lead_id, campaign_id, run_id, type, occurred_at, primary_attribute_value, attributes';
  await client.query('create table activity_floor (like activity including defaults including indexes)');
  const rows: Buffer[] = [];
  const out = client.query(
    copyTo(`copy (select ${columns} from activity where run_id = ${Number(runId)} order by id) to stdout`),
  );
  for await (const chunk of out) rows.push(chunk as Buffer);
  const started = performance.now();
  await pipeline(
    (async function* () {
      yield* rows;
    })(),
    client.query(copyFrom(`copy activity_floor (${columns}) from stdin`)),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** One engine run of a campaign: its time, planning time and audience. */
async function timedRun(orm: Orm, workspaceId: string, campaignId: string) {
  const runId = await newRun(orm, workspaceId, campaignId);
  const started = performance.now();
  const planSeconds = await engine(orm, runId);
  const seconds = (performance.now() - started) / 1000;
  const run = await orm.em.fork().findOneOrFail(CampaignRun, { id: runId });
  return { seconds: round(seconds), planSeconds: round(planSeconds), leadsTotal: run.leadsTotal };
}

/**
 * The history-filter case (semantics S5): W1's campaign A without and with one HAD_ACTIVITY filter
 * in its smart list, in rounds on the same database, after a first run of A that gives every lead
 * the history the filter reads (so both runs have the same audience and work). The order within a
 * round alternates, as each run makes the activity table larger for the next.
 */
async function historyFilterCase(orm: Orm, ids: Awaited<ReturnType<typeof seedW1>>) {
  const warmUp = await timedRun(orm, ids.workspaceId, ids.a);
  const pairs = [];
  for (let index = 0; index < rounds; index += 1) {
    const plainFirst = index % 2 === 0;
    const first = await timedRun(orm, ids.workspaceId, plainFirst ? ids.a : ids.aWithHistory);
    const second = await timedRun(orm, ids.workspaceId, plainFirst ? ids.aWithHistory : ids.a);
    const [plain, filtered] = plainFirst ? [first, second] : [second, first];
    pairs.push({ plain, filtered, ratio: round(filtered.seconds / plain.seconds) });
  }
  const ratios = pairs.map((pair) => pair.ratio).sort((x, y) => x - y);
  const result = {
    leads: leadCount,
    warmUp,
    rounds: pairs,
    medianRatio: ratios[Math.floor(ratios.length / 2)],
  };
  console.table(
    pairs.map((pair) => ({
      'W1 s': pair.plain.seconds,
      'W1 plan s': pair.plain.planSeconds,
      'W1 + filter s': pair.filtered.seconds,
      'filter plan s': pair.filtered.planSeconds,
      audience: pair.filtered.leadsTotal,
      ratio: pair.ratio,
    })),
  );
  console.log(JSON.stringify(result, null, 2));
  await writeResult('w1-history.json', result);
}

async function main() {
  await withBenchDatabase(async (url) => {
    const orm = await initOrm(url);
    const ids = await seedW1(orm, leadCount);
    if (historyFilter) {
      await historyFilterCase(orm, ids);
      await orm.close();
      return;
    }

    const engineRun = await newRun(orm, ids.workspaceId, ids.a);
    const loadBefore = loadavg()[0] as number;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const planSeconds = await engine(orm, engineRun);
    const engineSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const [counted] = await orm.em
      .fork()
      .getConnection()
      .execute<{ count: number }[]>('select count(*)::int as count from activity where run_id = ?', [
        engineRun,
      ]);

    const floorSeconds = await copyFloor(url, engineRun);

    const baselineRun = await newRun(orm, ids.workspaceId, ids.a);
    const baselineStarted = performance.now();
    await setBased(url, ids, engineRun, baselineRun);
    const setBasedSeconds = (performance.now() - baselineStarted) / 1000;
    const loadAfter = loadavg()[0] as number;
    await orm.close();

    const result = {
      leads: leadCount,
      activities: counted?.count ?? 0,
      engine: {
        seconds: round(engineSeconds),
        planSeconds: round(planSeconds),
        leadsPerSecond: Math.round(leadCount / engineSeconds),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
      baselines: {
        copyFloor: { seconds: round(floorSeconds) },
        setBasedSql: {
          seconds: round(setBasedSeconds),
          leadsPerSecond: Math.round(leadCount / setBasedSeconds),
        },
      },
      // The machine's 1-minute load average before the engine's run and after B1's: figures taken on a
      // shared machine are labelled with it.
      loadAverage: { before: round(loadBefore, 1), after: round(loadAfter, 1) },
      ratios: {
        engineVsSetBased: round(leadCount / engineSeconds / (leadCount / setBasedSeconds)),
        engineVsCopyFloor: round(engineSeconds / floorSeconds),
      },
    };
    console.table({
      'engine (runFlow + writes)': {
        seconds: result.engine.seconds,
        'leads/s': result.engine.leadsPerSecond,
      },
      'B1 set-based SQL': {
        seconds: result.baselines.setBasedSql.seconds,
        'leads/s': result.baselines.setBasedSql.leadsPerSecond,
      },
      'B0 COPY floor (activities only)': { seconds: result.baselines.copyFloor.seconds, 'leads/s': null },
    });
    console.log(JSON.stringify(result, null, 2));
    await writeResult('latest.json', result);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
