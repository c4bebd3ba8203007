import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

const LEADS = 3000;
const STEPS = 10;

let t: TestApp;
let acme: WorkspaceWithKey;

/** `npm run worker` as an operator runs it, on the test database. */
function startWorkerProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

async function progress(runId: string) {
  return (
    await run<{ campaignRun: { status: string; leadsProcessed: number; leadsTotal: number | null } }>(
      t,
      acme.key,
      'query ($id: ID!) { campaignRun(id: $id) { status leadsProcessed leadsTotal } }',
      { id: runId },
    )
  ).campaignRun;
}

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  await upsertLeads(
    t,
    acme,
    Array.from({ length: LEADS }, (_, index) => ({ email: `l${index}@example.com` })),
  );
});
afterAll(() => t.close());

describe('semantics R4 a worker killed in the middle of a run', () => {
  it('is replaced: the run resumes and every lead is processed exactly once', {
    timeout: 120_000,
  }, async () => {
    const campaign = await createCampaign(t, acme, {
      programId: await createProgram(t, acme, 'P'),
      name: 'Long flow',
      flow: Array.from({ length: STEPS }, () => ({ action: { changeScore: { change: '+1' } } })),
    });
    const first = startWorkerProcess();
    const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($id: ID!) { scheduleCampaign(campaignId: $id) { id } }',
      { id: campaign },
    );
    await expect
      .poll(async () => (await progress(scheduleCampaign.id)).leadsProcessed, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await progress(scheduleCampaign.id);
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.leadsProcessed).toBeLessThan(LEADS);

    const second = startWorkerProcess();
    await expect
      .poll(async () => (await progress(scheduleCampaign.id)).status, { timeout: 60_000, interval: 200 })
      .toBe('COMPLETED');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(await progress(scheduleCampaign.id)).toMatchObject({ leadsTotal: LEADS, leadsProcessed: LEADS });
    const em = t.orm.em.fork();
    expect(await em.count(Activity, { type: 'CHANGE_SCORE' })).toBe(LEADS * STEPS);
    const scores = await em
      .getConnection()
      .execute<{ score: number; leads: string }[]>(
        `select (fields->>'score')::int as score, count(*) as leads from lead group by 1`,
      );
    expect(scores).toEqual([{ score: STEPS, leads: String(LEADS) }]);
    expect(await em.count(Lead, {})).toBe(LEADS);
  });
});
