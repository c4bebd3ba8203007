import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALLED = existsSync(CHROMIUM);
export const NO_CHROMIUM = `no Chromium at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH) to run it`;

/** Where browser tests leave their screenshots (ignored by git). */
export const SCREENSHOTS = 'test-artifacts/screenshots';

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

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page made to any host but this server's, each refused. */
  elsewhere: string[];
  /** What the page reported: script errors, refused loads, Content-Security-Policy violations. */
  problems: string[];
  screenshot(name: string): Promise<void>;
}

/**
 * Headless Chromium with one page, every host but 127.0.0.1 unreachable. `expectedConsoleErrors`
 * are messages the page logs by design (a refused key is answered 401, which the browser logs).
 */
export async function openBrowser(
  viewport = { width: 1280, height: 800 },
  expectedConsoleErrors: RegExp = /status of 401/,
): Promise<BrowserSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const elsewhere: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1') return route.continue();
    elsewhere.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expectedConsoleErrors.test(message.text()))
      problems.push(message.text());
  });
  return {
    browser,
    context,
    page,
    elsewhere,
    problems,
    screenshot: async (name) => {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
    },
  };
}

/** Opens the console at `url` (its first load bundles the script: a slow start) and signs in with `key`. */
export async function signIn(session: BrowserSession, url: string, key: string): Promise<void> {
  await session.page.goto(url, { timeout: 90_000 });
  await session.page.getByLabel('API key').fill(key);
  await session.page.keyboard.press('Enter');
}
