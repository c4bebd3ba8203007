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
import { activityIdsIn, feedTable } from '../helpers/feed-load.js';
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
      socket.on('framereceived', ({ payload }) => delivered.push(...activityIdsIn(payload))),
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
    // Kept: those after the reload; drawn: only the newest, those in view and a few more.
    const ids = stored.map(({ id }) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const kept = stored.length - 500;
    expect(await count('shown')).toBe(kept);
    const top = await feedTable(page);
    expect(top.kept).toBe(kept);
    expect(top.ids.length).toBeGreaterThan(0);
    expect(top.ids.length).toBeLessThanOrEqual(top.mostDrawn);
    expect(top.ids.length).toBeLessThan(kept);
    expect(top.ids.map(BigInt)).toEqual(ids.slice(-top.ids.length).reverse());
    expect(top.indexes).toEqual(top.ids.map((_, index) => index + 2));
    await session.screenshot('5-feed-after-reload');

    // Scrolled to the end, the oldest rows kept are drawn in their places.
    await page.locator('.feed-scroll').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await expect.poll(async () => (await feedTable(page)).indexes.at(-1)).toBe(kept + 1);
    const end = await feedTable(page);
    expect(end.ids.length).toBeLessThanOrEqual(end.mostDrawn);
    expect(end.ids.map(BigInt)).toEqual(ids.slice(500, 500 + end.ids.length).reverse());
    expect(end.indexes).toEqual(end.ids.map((_, index) => kept + 2 - end.ids.length + index));
    // The header stays at the top of the scrolled box.
    const header = await page.getByRole('columnheader', { name: 'Lead' }).boundingBox();
    const box = await page.locator('.feed-scroll').boundingBox();
    expect(Math.abs((header?.y ?? -1) - (box?.y ?? 1))).toBeLessThan(2);
  }, 120_000);

  it('filters by Qualified and by campaign, reading the latest matching activities first', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByLabel('Qualified').selectOption('false');
    await expect.poll(() => count('shown')).toBe(50);
    expect((await feedTable(page)).kept).toBe(50);
    expect(new Set(await page.locator('tbody td.q-false, tbody td.q-true').allTextContents())).toEqual(
      new Set(['FALSE']),
    );
    await session.screenshot('6-feed-filtered');
    await page.getByLabel('Parent campaign').selectOption({ label: 'Parent, token context FALSE' });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Live');
    expect(await page.locator('tbody tr[data-id]').count()).toBe(0);
    expect(await count('shown')).toBe(0);
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
