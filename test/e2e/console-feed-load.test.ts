import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/demo/create-demo.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  type BrowserSession,
  CHROMIUM_INSTALLED,
  NO_CHROMIUM,
  openBrowser,
  signIn,
} from '../helpers/browser.js';
import { upsertLeads } from '../helpers/factories.js';
import { burstIntoFeed, feedCount, feedTable, recordDelivered } from '../helpers/feed-load.js';
import { globalIdOf } from '../helpers/global-ids.js';

/** Far below one second's activities: every second overflows the subscription's buffer. */
const BUFFER_LIMIT = 300;

/** Its speed is measured by bench/console-feed.bench.ts; this proves only that nothing is lost or doubled. */
describe('the console’s feed at 1,000 activities a second, in headless Chromium', () => {
  let t: TestApp;
  let demo: Demo;
  let session: BrowserSession;
  let delivered: string[];

  beforeAll(async () => {
    if (!CHROMIUM_INSTALLED) return;
    t = await startTestApp(undefined, { streaming: { bufferLimit: BUFFER_LIMIT } });
    demo = await createDemo(t.orm, pino({ level: 'silent' }));
    const consoleUrl = new URL('/console', await t.app.start()).href;
    session = await openBrowser();
    delivered = recordDelivered(session.page);
    await signIn(session, `${consoleUrl}#feed`, demo.apiKey);
    await session.page.getByLabel('Other activity types too').check();
    await session.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await session?.browser.close();
    await t?.close();
  });

  it('keeps a bounded list, resumes after each SUBSCRIPTION_OVERFLOW, and counts every activity once', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    const before = await feedCount(page, 'received');
    const otherBefore = await feedCount(page, 'otherTypes');
    const workspace = { id: globalIdOf('Workspace', demo.workspace.id), key: demo.apiKey };
    const load = await burstIntoFeed(
      page,
      delivered,
      (emails) =>
        upsertLeads(
          t,
          workspace,
          emails.map((email) => ({ email })),
        ),
      { seconds: 10, perSecond: 1_000, timeoutMs: 120_000 },
    );
    expect(await feedCount(page, 'received')).toBe(before + load.activities);
    expect(await feedCount(page, 'otherTypes')).toBe(otherBefore + load.activities);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(load.rows).toBe(1_000);
    const table = await feedTable(page);
    expect(table.kept).toBe(1_000);
    expect(load.drawnRows).toBeGreaterThan(0);
    expect(load.drawnRows).toBeLessThanOrEqual(table.mostDrawn);
    expect(load.resumes).toBeGreaterThan(0);
    // Generous: only a page that froze for a second fails it.
    expect(load.maxLagMs).toBeLessThan(1_000);
    await page.getByRole('link', { name: 'Campaign graph' }).click();
    await page.locator('svg.graph').waitFor();
    await page.getByRole('link', { name: 'Live feed' }).click();
    await session.screenshot('10-feed-load');
  }, 180_000);

  it('asked no other host for anything, and met no refusal or script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
