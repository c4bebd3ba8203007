import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/demo/create-demo.js';
import { ActivitiesDocument, type ActivitiesQuery } from '../../src/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  type BrowserSession,
  CHROMIUM_INSTALLED,
  NO_CHROMIUM,
  openBrowser,
  signIn,
} from '../helpers/browser.js';
import { startTestWorker } from '../helpers/campaign-runs.js';
import { upsertLeads } from '../helpers/factories.js';
import { globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

const EXTRA_LEADS = 297;

describe('the console’s runs and dry runs, in headless Chromium', () => {
  let t: TestApp;
  let worker: { stop(): Promise<void> };
  let demo: Demo;
  let session: BrowserSession;

  beforeAll(async () => {
    if (!CHROMIUM_INSTALLED) return;
    t = await startTestApp();
    worker = await startTestWorker(t);
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
    await signIn(session, consoleUrl, demo.apiKey);
    await session.page
      .locator('svg.graph')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: Error) => {
        await session.screenshot('runs-setup-failed');
        throw error;
      });
    await session.page.getByRole('link', { name: 'Runs' }).click();
  }, 120_000);

  afterAll(async () => {
    await session?.browser.close();
    await worker?.stop();
    await t?.close();
  });

  it('schedules a batch run with a token override and follows it to 100 %, with the TRUE/FALSE counts of its Execute step', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page
      .getByLabel('Batch campaign', { exact: true })
      .selectOption({ label: 'Parent, token context TRUE' });
    await page.getByLabel('My Tokens for this run').fill('my.score = +7');
    await page.getByRole('button', { name: 'Schedule the run' }).click();
    const figures = page.locator('.run-figures');
    await expect.poll(() => figures.getAttribute('data-status'), { timeout: 60_000 }).toBe('COMPLETED');
    expect(await figures.getAttribute('data-percent')).toBe('100');
    expect(await figures.textContent()).toContain('300 of 300 leads');
    expect(await page.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).position)).toBe(1);
    expect(await page.locator('.run-box').textContent()).toContain('my.score = +7');
    expect(await page.getByRole('button', { name: 'Cancel the run' }).isDisabled()).toBe(true);

    const runId = (await page.locator('.run-box').getAttribute('data-run')) as string;
    const { activities }: ActivitiesQuery = await run(t, demo.apiKey, ActivitiesDocument, {
      filter: { runId, types: ['EXECUTE_CAMPAIGN'] },
      first: 100,
    });
    expect(activities.pageInfo.hasNextPage).toBe(true);
    const expected = { TRUE: 200, FALSE: 100 };
    await page.locator('.run-box tbody[data-final]').waitFor();
    await expect
      .poll(async () => [
        await page.locator('[data-count="runTrue"]').textContent(),
        await page.locator('[data-count="runFalse"]').textContent(),
      ])
      .toEqual([String(expected.TRUE), String(expected.FALSE)]);
    expect(await page.locator('.run-box tbody td').first().textContent()).toBe(
      'Parent, token context TRUE → Change score (depth 1)',
    );
    await session.screenshot('7-run-completed');
  }, 90_000);

  it('cancels a run scheduled for later', async ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByLabel('My Tokens for this run').fill('');
    await page.getByLabel('Run at').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Schedule the run' }).click();
    const figures = page.locator('.run-figures');
    await expect
      .poll(
        async () =>
          `${await figures.getAttribute('data-status')} ${await page.locator('.runs [role=alert]').textContent()}`,
      )
      .toBe('SCHEDULED ');
    await page.getByRole('button', { name: 'Cancel the run' }).click();
    await expect.poll(() => figures.getAttribute('data-status')).toBe('CANCELLED');
    await session.screenshot('8-run-cancelled');
  }, 60_000);

  it('runs a campaign dry for a lead: the explanation and the activities it would write', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    await page.getByRole('link', { name: 'Dry run' }).click();
    await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Parent, token context TRUE' });
    await page.getByLabel('Lead', { exact: true }).selectOption({ label: 'linus@example.org' });
    await page.getByRole('button', { name: 'Run it dry' }).click();
    await page.locator('[data-qualified]').waitFor();
    expect(await page.locator('[data-qualified]').textContent()).toBe('TRUE');
    const rows = page.getByRole('table', { name: 'Activities the run would write' }).locator('tbody tr');
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(/^EXECUTE_CAMPAIGN\s+Parent, token context TRUE\s+1\s+FALSE/),
    ]);
    await session.screenshot('9-dry-run');
    await page.setViewportSize({ width: 390, height: 844 });
    await session.screenshot('9-dry-run-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('asked no other host for anything, and met no refusal or script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
