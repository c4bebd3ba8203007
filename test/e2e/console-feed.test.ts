import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/demo/create-demo.js';
import { ScheduleCampaignDocument } from '../../src/generated/graphql.js';
import { planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  type BrowserSession,
  CHROMIUM_INSTALLED,
  NO_CHROMIUM,
  openBrowser,
  signIn,
} from '../helpers/browser.js';
import { storedExecuteActivities } from '../helpers/campaign-runs.js';
import { upsertLeads } from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

/** With the demo's three, three chunks of a run: the page is reloaded after the first. */
const EXTRA_LEADS = 1_197;

describe('the console’s live feed, in headless Chromium', () => {
  let t: TestApp;
  let demo: Demo;
  let session: BrowserSession;
  /** The Execute Campaign activity ids the page received over its WebSockets, reloads included. */
  const delivered: string[] = [];

  const count = async (name: string) =>
    Number(((await session.page.locator(`[data-count="${name}"]`).textContent()) ?? '').replace(/,/g, ''));

  beforeAll(async () => {
    if (!CHROMIUM_INSTALLED) return;
    t = await startTestApp();
    demo = await createDemo(t.orm, pino({ level: 'silent' }));
    await upsertLeads(
      t,
      { id: globalIdOf('Workspace', demo.workspace.id), key: demo.apiKey },
      Array.from({ length: EXTRA_LEADS }, (_, index) => ({
        email: `lead${index}@example.${index % 3 ? 'com' : 'org'}`,
      })),
    );
    const consoleUrl = new URL('/console', await t.app.start()).href;
    session = await openBrowser();
    session.page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as {
          type: string;
          payload?: { data?: { executeCampaignActivity?: { id: string } } };
        };
        const activity = message.payload?.data?.executeCampaignActivity;
        if (message.type === 'next' && activity) delivered.push(activity.id);
      }),
    );
    await signIn(session, consoleUrl, demo.apiKey);
    await session.page.getByRole('link', { name: 'Live feed' }).click();
    await session.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await session?.browser.close();
    await t?.close();
  });

  it('follows a run live and, reloaded in its middle, shows each of its Execute Campaign activities once', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    const { scheduleCampaign } = await run(t, demo.apiKey, ScheduleCampaignDocument, {
      campaignId: globalIdOf('Campaign', demo.campaigns.parentTrue),
    });
    const runId = databaseIdOf(scheduleCampaign.id);
    const now = new Date();
    const [first, ...rest] = await planRun(t.orm, runId, now);
    expect(rest.length).toBe(2);
    await processChunk(t.orm, runId, first as number, now);
    await expect.poll(() => count('received'), { timeout: 20_000 }).toBe(500);
    await session.screenshot('4-feed-live');

    await page.reload();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Live, subscribed after activity');
    expect(await count('received')).toBe(500);
    for (const seq of rest) await processChunk(t.orm, runId, seq, now);
    await completeIfDone(t.orm, runId, now);

    const stored = await storedExecuteActivities(t, demo.apiKey, scheduleCampaign.id);
    expect(stored.length).toBe(EXTRA_LEADS + 3);
    await expect.poll(() => count('received'), { timeout: 20_000 }).toBe(stored.length);
    expect(await count('qualifiedTrue')).toBe(stored.filter((row) => row.qualified).length);
    expect(await count('qualifiedFalse')).toBe(stored.filter((row) => !row.qualified).length);
    expect([...delivered].sort()).toEqual(stored.map(({ id }) => id).sort());
    const shown = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(shown.length).toBe(stored.length - 500);
    expect(new Set(shown).size).toBe(shown.length);
    await session.screenshot('5-feed-after-reload');
  }, 120_000);

  it('filters by Qualified and by campaign, reading the latest matching activities first', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByLabel('Qualified').selectOption('false');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    expect(new Set(await page.locator('tbody td.q-false, tbody td.q-true').allTextContents())).toEqual(
      new Set(['FALSE']),
    );
    await session.screenshot('6-feed-filtered');
    await page.getByLabel('Parent campaign').selectOption({ label: 'Parent, token context FALSE' });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Live');
    expect(await page.locator('tbody tr').count()).toBe(0);
  }, 60_000);

  it('follows only the last filter chosen while the history of an earlier one was still being read', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    const open = new Set<string>();
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; id?: string };
        if (message.type === 'subscribe' && message.id) open.add(message.id);
        if (message.type === 'complete' && message.id) open.delete(message.id);
      }),
    );
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('query LatestActivities'))
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.getByLabel('Parent campaign').selectOption('');
    await page.getByLabel('Qualified').selectOption('true');
    await page.getByLabel('Qualified').selectOption('');
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toContain('Live');
    await page.unroute('**/graphql');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(open.size).toBe(1);
    expect(await count('received')).toBe(50);
  }, 60_000);

  it('asked no other host for anything, and met no refusal or script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
