/**
 * The console's live feed at 1,000 activities a second (issue #15), in headless Chromium: the
 * in-process server with a subscription buffer far below one second's activities (so that every
 * second ends in SUBSCRIPTION_OVERFLOW and a resubscription), the demo workspace, and a page whose
 * feed follows every activity type; then `--seconds` seconds of `--rate` new leads a second (a
 * NEW_LEAD activity each, one upsertLeads call a second). Reports the page's main-thread lag (how
 * late a 50 ms timer fires: max and samples over 100 ms), when the feed's count took in every
 * activity (seconds from the burst's start), its resubscriptions, the CPU this process (the server
 * and Playwright's driver) spent meanwhile, and checks that every activity arrived once. Writes
 * console-feed.json to bench/results/local/, or with --publish to bench/results/.
 * Usage: npm run bench:console -- [--seconds 10] [--rate 1000] [--buffer 300] [--rounds 1] [--publish]
 */
import { cpus, loadavg } from 'node:os';
import pino from 'pino';
import { initOrm } from '../src/db/orm.js';
import { createDemo } from '../src/demo/create-demo.js';
import { buildApp } from '../src/server/app.js';
import { CHROMIUM_INSTALLED, NO_CHROMIUM, openBrowser, signIn } from '../test/helpers/browser.js';
import { burstIntoFeed, type FeedLoad, recordDelivered } from '../test/helpers/feed-load.js';
import { writeResult } from './results-file.js';
import { withBenchDatabase } from './w1-workload.js';

const option = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const seconds = option('--seconds', 10);
const perSecond = option('--rate', 1_000);
const bufferLimit = option('--buffer', 300);
const rounds = option('--rounds', 1);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

interface Round extends Omit<FeedLoad, 'delivered'> {
  /** Seconds the page's main thread spent, in all and on each kind of work, during the burst. */
  mainThread: { tasks: number; script: number; layout: number; style: number };
  /** CPU seconds of this process (the server, and Playwright's driver) during the burst. */
  processCpu: { user: number; system: number };
  duplicates: number;
  lost: number;
}

async function oneRound(url: string): Promise<Round> {
  const orm = await initOrm(url);
  const app = buildApp({
    orm,
    log: pino({ level: 'silent' }),
    adminApiKey: ADMIN_KEY,
    host: '127.0.0.1',
    port: 0,
    streaming: { bufferLimit },
  });
  const session = await openBrowser();
  try {
    const demo = await createDemo(orm, pino({ level: 'silent' }));
    const base = await app.start();
    const delivered = recordDelivered(session.page);
    await signIn(session, new URL('/console#feed', base).href, demo.apiKey);
    await session.page.getByLabel('Other activity types too').check();
    await session.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const workspaceId = Buffer.from(`Workspace:${demo.workspace.id}`).toString('base64');
    const insert = async (emails: string[]) => {
      const response = await fetch(new URL('/graphql', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
        body: JSON.stringify({
          query:
            'mutation ($ws: ID!, $leads: [LeadInput!]!) { upsertLeads(workspaceId: $ws, leads: $leads) { id } }',
          variables: { ws: workspaceId, leads: emails.map((email) => ({ email })) },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const sql = async (query: string) =>
      ((await orm.em.fork().getConnection().execute(query)) as [{ value: string }])[0].value;
    const lastBefore = BigInt(await sql('select coalesce(max(id), 0)::text as value from activity'));
    const cdp = await session.context.newCDPSession(session.page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      new Map((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
    const start = await metrics();
    const cpuBefore = process.cpuUsage();
    const { delivered: ids, ...load } = await burstIntoFeed(session.page, delivered, insert, {
      seconds,
      perSecond,
      timeoutMs: 180_000,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const end = await metrics();
    const spent = (name: string) => Number(((end.get(name) ?? 0) - (start.get(name) ?? 0)).toFixed(2));
    const mainThread = {
      tasks: spent('TaskDuration'),
      script: spent('ScriptDuration'),
      layout: spent('LayoutDuration'),
      style: spent('RecalcStyleDuration'),
    };
    const burst = ids.filter((id) => BigInt(id) > lastBefore);
    const unique = new Set(burst).size;
    const stored = Number(await sql(`select count(*)::text as value from activity where id > ${lastBefore}`));
    const processCpu = { user: cpu.user / 1e6, system: cpu.system / 1e6 };
    return { ...load, mainThread, processCpu, duplicates: burst.length - unique, lost: stored - unique };
  } finally {
    await session.browser.close();
    await app.stop();
    await orm.close();
  }
}

if (!CHROMIUM_INSTALLED) {
  console.error(NO_CHROMIUM);
  process.exit(1);
}
const results: Round[] = [];
const loadBefore = loadavg();
for (let round = 0; round < rounds; round++) {
  await withBenchDatabase(async (url) => {
    const result = await oneRound(url);
    results.push(result);
    console.log(
      `round ${round + 1}: ${result.activities} activities in ${result.insertSeconds.toFixed(1)} s; all counted ` +
        `${result.caughtUpSeconds.toFixed(1)} s after the start; main-thread lag max ${result.maxLagMs.toFixed(0)} ms, ` +
        `${result.lagsOver100Ms} of ${result.samples} samples over 100 ms; main thread busy ${result.mainThread.tasks} s ` +
        `(script ${result.mainThread.script}, layout ${result.mainThread.layout}, style ${result.mainThread.style}); ` +
        `server process CPU ${result.processCpu.user.toFixed(1)} s user, ${result.processCpu.system.toFixed(1)} s system; ` +
        `resumes ${result.resumes}; rows kept ${result.rows}, drawn ${result.drawnRows}; ` +
        `lost ${result.lost}, duplicated ${result.duplicates}`,
    );
  });
}
await writeResult('console-feed.json', {
  seconds,
  perSecond,
  bufferLimit,
  machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
  rounds: results,
});
