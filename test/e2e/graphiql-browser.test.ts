import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, upsertLeads, type WorkspaceWithKey } from '../helpers/factories.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MISSING = `no Chromium at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH) to run it`;
const SCREENSHOT = '/tmp/graphiql-browser.png';

/** Chromium as root on a closed network: no sandbox, and none of its own calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Replaces the active tab's headers with the key, pasted as a user would: typed, the editor would
 * close each bracket and quote a second time.
 */
async function pasteHeaders(page: Page, key: string) {
  await page.locator('.graphiql-editor-tools').getByText('Headers', { exact: true }).click();
  await page.locator('.graphiql-editor-tool .monaco-editor').filter({ visible: true }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(
    (text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
      );
    },
    JSON.stringify({ Authorization: `Bearer ${key}` }),
  );
}

/** The response panel's text; the editor draws spaces as no-break spaces. */
const response = async (page: Page) =>
  ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('GraphiQL, served by the server, in headless Chromium with every other host unreachable', () => {
  const installed = existsSync(CHROMIUM);
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let acme: WorkspaceWithKey;
  /** Requests the page made to any host but this server's, each refused. */
  const elsewhere: string[] = [];
  /** What the page reported: script errors, refused loads, Content-Security-Policy violations. */
  const problems: string[] = [];

  beforeAll(async () => {
    if (!installed) return;
    t = await startTestApp();
    acme = await createWorkspaceWithKey(t, 'Acme from the browser');
    const url = await t.app.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1') return route.continue();
      elsewhere.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Introspection without a valid key is answered 401, which the browser logs: that is the API.
      if (message.type() === 'error' && !message.text().includes('401')) problems.push(message.text());
    });
    await page.goto(url, { timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens its editor on the example operations, from this server alone', async ({ skip }) => {
    skip(!installed, MISSING);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    expect(await page.locator('#root').textContent()).not.toContain('Loading');
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs).toEqual(['CampaignGraph', 'DryRun', 'ScheduleCampaign', 'ActivityFeed']);
  });

  it('runs the first example with the key typed into Headers', async ({ skip }) => {
    skip(!installed, MISSING);
    await pasteHeaders(page, ADMIN_KEY);
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => response(page), { timeout: 30_000 }).toContain('Acme from the browser');
    expect(await response(page)).toContain('"isAdmin": true');
  }, 60_000);

  it('follows the activity feed over server-sent events', async ({ skip }) => {
    skip(!installed, MISSING);
    await page.getByRole('button', { name: 'ActivityFeed', exact: true }).click();
    await pasteHeaders(page, acme.key);
    await page.locator('.graphiql-execute-button').click();
    // The subscription is open once GraphiQL offers to stop it.
    await page.locator('.graphiql-execute-button[aria-label*="Stop"]').waitFor({ timeout: 30_000 });
    await upsertLeads(t, acme, [{ email: 'live@example.com' }]);
    await expect.poll(() => response(page), { timeout: 30_000 }).toContain('live@example.com');
    expect(await response(page)).toContain('NEW_LEAD');
    await page.screenshot({ path: SCREENSHOT });
  }, 60_000);

  it('asked no other host for anything, and met no refusal or script error', ({ skip }) => {
    skip(!installed, MISSING);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});
