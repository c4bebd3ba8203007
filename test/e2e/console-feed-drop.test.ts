import pino from 'pino';
import type { WebSocketRoute } from 'playwright-core';
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

/** With the demo's three, three chunks of a run: the connection drops after the first. */
const EXTRA_LEADS = 1_197;

/**
 * Every WebSocket of the page goes through this test to the server, so that the test can drop the
 * connection at both ends while the page stays, and refuse new ones while the network is "down".
 */
describe('the console’s live feed when its WebSocket drops in the middle of a run, in headless Chromium', () => {
  let t: TestApp;
  let demo: Demo;
  let session: BrowserSession;
  let down = false;
  let refused = 0;
  const open = new Set<WebSocketRoute>();
  /** The Execute Campaign activity ids the server sent the page, over every connection. */
  const delivered: string[] = [];
  /** Every text the feed's status showed, in order. */
  const statuses: string[] = [];

  /** The id and aria-rowindex of the first row the feed's box shows below its header. */
  const topInView = () =>
    session.page.locator('.feed-scroll').evaluate((box) => {
      const top = (box.querySelector('th') as HTMLElement).getBoundingClientRect().bottom;
      const rows = [...box.querySelectorAll<HTMLElement>('tbody tr[data-id]')];
      const row = rows.find((each) => each.getBoundingClientRect().bottom > top + 1);
      return row && { id: row.dataset.id, index: Number(row.getAttribute('aria-rowindex')) };
    });

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
    await session.page.routeWebSocket(/\/graphql$/, (page) => {
      if (down) {
        refused++;
        void page.close();
        return;
      }
      const server = page.connectToServer();
      open.add(page);
      page.onClose(() => {
        open.delete(page);
        void server.close();
      });
      server.onClose(() => {
        open.delete(page);
        void page.close();
      });
      page.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        delivered.push(...activityIdsIn(message));
        page.send(message);
      });
    });
    await session.page.exposeFunction('statusShown', (text: string) => statuses.push(text));
    await signIn(session, consoleUrl, demo.apiKey);
    await session.page.getByRole('link', { name: 'Live feed' }).click();
    await session.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await session.page.evaluate(() => {
      const status = document.querySelector('[role="status"]') as HTMLElement;
      const shown = (window as unknown as { statusShown(text: string): void }).statusShown;
      new MutationObserver(() => shown(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  }, 120_000);

  afterAll(async () => {
    await session?.browser.close();
    await t?.close();
  });

  it('shows the drop, resumes after the last activity it showed, and counts each activity of the run once', async ({
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
    const resumesBefore = await count('resumes');
    // Scrolled down to the 101st row: it stays at the top of the view while the rest comes in above.
    await page.locator('.feed-scroll').evaluate((box) => {
      const row = box.querySelector('tbody tr[data-id]') as HTMLElement;
      box.scrollTop = 100 * row.getBoundingClientRect().height;
    });
    await expect.poll(async () => (await topInView())?.index).toBe(102);
    const readAt = (await topInView())?.id;
    expect(readAt).toBeDefined();

    down = true;
    expect(open.size).toBe(1);
    for (const socket of open) await socket.close();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('resuming after activity');
    expect(await page.getByRole('status').getAttribute('class')).toContain('down');
    for (const seq of rest) await processChunk(t.orm, runId, seq, now);
    await completeIfDone(t.orm, runId, now);
    // The page tried again while the network was down, and was refused.
    await expect.poll(() => refused, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await count('received')).toBe(500);
    await session.screenshot('12-feed-dropped');
    down = false;

    const stored = await storedExecuteActivities(t, demo.apiKey, scheduleCampaign.id);
    expect(stored.length).toBe(EXTRA_LEADS + 3);
    await expect.poll(() => count('received'), { timeout: 30_000 }).toBe(stored.length);
    expect(await count('qualifiedTrue')).toBe(stored.filter((row) => row.qualified).length);
    expect(await count('qualifiedFalse')).toBe(stored.filter((row) => !row.qualified).length);
    expect([...delivered].sort()).toEqual(stored.map(({ id }) => id).sort());
    const table = await feedTable(page);
    expect(table.kept).toBe(Math.min(stored.length, 1_000));
    expect(new Set(table.ids).size).toBe(table.ids.length);
    expect(table.ids.length).toBeLessThanOrEqual(table.mostDrawn);
    expect(await topInView()).toEqual({ id: readAt, index: 102 + stored.length - 500 });
    expect(await count('resumes')).toBeGreaterThan(resumesBefore);
    const resumed = statuses.findLastIndex((text) => text.startsWith('Live, subscribed after activity'));
    const dropped = statuses.findIndex((text) => text.includes('resuming after activity'));
    expect(dropped).toBeGreaterThanOrEqual(0);
    expect(resumed).toBeGreaterThan(dropped);
    expect(open.size).toBe(1);
    await session.screenshot('13-feed-resumed');
  }, 120_000);

  it('asked no other host for anything, and met no script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
