import type { Page } from 'playwright-core';

/** What the console's feed did under a burst of new leads (a NEW_LEAD activity each). */
export interface FeedLoad {
  activities: number;
  insertSeconds: number;
  /** From the burst's start until the feed's received count took in every activity. */
  caughtUpSeconds: number;
  /** How late a 50 ms timer of the page fired at worst while the feed drew: the main thread's lag. */
  maxLagMs: number;
  lagsOver100Ms: number;
  samples: number;
  resumes: number;
  rows: number;
  /** The ids the server sent the page, in order, over every connection. */
  delivered: string[];
}

/** The feed's counter `name` as a number. */
export const feedCount = async (page: Page, name: string) =>
  Number(((await page.locator(`[data-count="${name}"]`).textContent()) ?? '').replace(/,/g, ''));

/** Records the ids of every activityAdded message the page receives; call before it connects. */
export function recordDelivered(page: Page): string[] {
  const delivered: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        payload?: { data?: { activityAdded?: { id: string } } };
      };
      const activity = message.payload?.data?.activityAdded;
      if (message.type === 'next' && activity) delivered.push(activity.id);
    }),
  );
  return delivered;
}

/**
 * `seconds` seconds of `perSecond` new leads, each second's inserted by `insert` in one call, on a
 * page whose feed follows every activity type; waits until the feed counted them all (at most
 * `timeoutMs`), measuring the page's main-thread lag all along.
 */
export async function burstIntoFeed(
  page: Page,
  delivered: string[],
  insert: (emails: string[]) => Promise<unknown>,
  { seconds, perSecond, timeoutMs }: { seconds: number; perSecond: number; timeoutMs: number },
): Promise<FeedLoad> {
  const before = await feedCount(page, 'received');
  await page.evaluate(() => {
    const probe = { maxLagMs: 0, lagsOver100Ms: 0, samples: 0 };
    (window as unknown as { probe: typeof probe }).probe = probe;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      const lag = now - last - 50;
      last = now;
      probe.samples++;
      probe.maxLagMs = Math.max(probe.maxLagMs, lag);
      if (lag > 100) probe.lagsOver100Ms++;
    }, 50);
  });
  const tag = Date.now().toString(36);
  const started = Date.now();
  for (let second = 0; second < seconds; second++) {
    await insert(
      Array.from({ length: perSecond }, (_, index) => `load-${tag}-${second}-${index}@example.com`),
    );
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, started + (second + 1) * 1_000 - Date.now())),
    );
  }
  const insertSeconds = (Date.now() - started) / 1_000;
  const activities = seconds * perSecond;
  for (;;) {
    if ((await feedCount(page, 'received')) >= before + activities) break;
    if (Date.now() - started > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const caughtUpSeconds = (Date.now() - started) / 1_000;
  const probe = await page.evaluate(
    () => (window as unknown as { probe: Pick<FeedLoad, 'maxLagMs' | 'lagsOver100Ms' | 'samples'> }).probe,
  );
  return {
    activities,
    insertSeconds,
    caughtUpSeconds,
    ...probe,
    resumes: await feedCount(page, 'resumes'),
    rows: await page.locator('tbody tr').count(),
    delivered,
  };
}
