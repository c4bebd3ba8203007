import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/demo/create-demo.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type BrowserSession, CHROMIUM_INSTALLED, NO_CHROMIUM, openBrowser } from '../helpers/browser.js';
import { globalIdOf } from '../helpers/global-ids.js';

describe('the console, served by the server, in headless Chromium with every other host unreachable', () => {
  let t: TestApp;
  let demo: Demo;
  let consoleUrl: string;
  let session: BrowserSession;

  beforeAll(async () => {
    if (!CHROMIUM_INSTALLED) return;
    t = await startTestApp();
    demo = await createDemo(t.orm, pino({ level: 'silent' }));
    consoleUrl = new URL('/console', await t.app.start()).href;
    session = await openBrowser();
    await session.page.goto(consoleUrl, { timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await session?.browser.close();
    await t?.close();
  });

  it('says so when the key is wrong, and keeps it nowhere', async ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByLabel('API key').fill('cek_not-a-key-of-this-server');
    await page.getByRole('button', { name: 'Open the console' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This key was refused');
    expect(await page.evaluate(() => sessionStorage.getItem('console.apiKey'))).toBeNull();
    await session.screenshot('1-wrong-key');
  }, 60_000);

  it('draws the demo graph: the executable child, and an Execute edge from each parent with its token context', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByLabel('API key').fill(demo.apiKey);
    await page.keyboard.press('Enter');
    await page.locator('svg.graph').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('console.apiKey'))).toBe(demo.apiKey);
    const child = globalIdOf('Campaign', demo.campaigns.child);
    expect(await page.locator('svg.graph .node').count()).toBe(4);
    expect(await page.locator(`.node[data-campaign="${child}"]`).getAttribute('class')).toContain(
      'executable',
    );
    const edges = await page
      .locator('.edge-execute')
      .evaluateAll((elements) =>
        elements.map((element) => [
          element.getAttribute('data-from'),
          element.getAttribute('data-to'),
          element.getAttribute('data-token-context'),
        ]),
      );
    expect(edges.sort()).toEqual(
      [
        [globalIdOf('Campaign', demo.campaigns.parentFalse), child, 'false'],
        [globalIdOf('Campaign', demo.campaigns.parentTrue), child, 'true'],
      ].sort(),
    );
    expect(await page.locator('.edge-execute text').allTextContents()).toEqual(
      expect.arrayContaining(['token context TRUE', 'token context FALSE']),
    );
    await session.screenshot('2-graph');
    const transferred = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter(({ name }) => new URL(name).pathname.startsWith('/console'))
        .map((entry) => (entry as PerformanceResourceTiming).transferSize),
    );
    // The page, its script and its stylesheet, gzipped.
    expect(transferred.length).toBe(3);
    console.log(
      `console page transfer: ${transferred.reduce((sum, size) => sum + size, 0)} bytes (${transferred.join(' + ')})`,
    );
  }, 60_000);

  it('shows a campaign chosen with the keyboard: smart list, flow and qualification rule', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.locator(`.node[data-campaign="${globalIdOf('Campaign', demo.campaigns.child)}"]`).focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('complementary', { name: 'Selected campaign' });
    await expect.poll(() => details.textContent()).toContain('Qualification rule');
    const text = await details.textContent();
    expect(text).toContain('email contains @example.com');
    expect(text).toContain('Change score score by {{my.score}}');
    expect(text).toContain('Every time');
    expect(text).toContain('Executed by Parent, token context TRUE');
    await session.screenshot('3-graph-selected');
    await page.setViewportSize({ width: 390, height: 844 });
    await session.screenshot('3-graph-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('forgets the key: its feed stops, nothing is sent with it again, and the tab keeps nothing of it', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByRole('link', { name: 'Live feed' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.headers().authorization) requests.push(request.url());
    });
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await page.getByLabel('API key').waitFor();
    // Past the feed's first two retries, had it gone on.
    await page.waitForTimeout(2_000);
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    expect(sockets).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  }, 60_000);

  it('asked no other host for anything, and met no refusal or script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
