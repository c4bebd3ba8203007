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
  /** Rows the feed keeps (the Shown counter), and rows it drew: those in view and a few more. */
  rows: number;
  drawnRows: number;
  /** The ids the server sent the page, in order, over every connection. */
  delivered: string[];
}

/** Rows the feed draws above and below those in view: OVERSCAN of src/console/feed-list.ts. */
const OVERSCAN = 10;

/** What the feed's table holds now. */
export interface FeedTable {
  /** Rows in the list, drawn or not: the table's aria-rowcount, less its header row. */
  kept: number;
  /** The ids of the rows drawn, top to bottom. */
  ids: string[];
  /** Their aria-rowindex, top to bottom (the header is 1). */
  indexes: number[];
  /** The most rows the feed may draw: those that fit in its box, and OVERSCAN more each way. */
  mostDrawn: number;
}

export const feedTable = (page: Page): Promise<FeedTable> =>
  page.locator('table.feed-table').evaluate((table, overscan) => {
    const box = table.parentElement as HTMLElement;
    const drawn = [...table.querySelectorAll<HTMLElement>('tbody tr[data-id]')];
    const rowPx = drawn[0]?.getBoundingClientRect().height ?? 0;
    return {
      kept: Number(table.getAttribute('aria-rowcount')) - 1,
      ids: drawn.map((row) => row.dataset.id as string),
      indexes: drawn.map((row) => Number(row.getAttribute('aria-rowindex'))),
      mostDrawn: (rowPx ? Math.ceil(box.clientHeight / rowPx) + 1 : 0) + 2 * overscan,
    };
  }, OVERSCAN);

/** The feed's counter `name` as a number. */
export const feedCount = async (page: Page, name: string) =>
  Number(((await page.locator(`[data-count="${name}"]`).textContent()) ?? '').replace(/,/g, ''));

/** The ids of the activities a graphql-ws frame of the feed's (FeedActivityBatches) carries. */
export function activityIdsIn(frame: string | Buffer): string[] {
  const message = JSON.parse(String(frame)) as {
    type: string;
    payload?: { data?: { activityBatches?: { activities: { id: string }[] } } };
  };
  const batch = message.type === 'next' ? message.payload?.data?.activityBatches : undefined;
  return batch?.activities.map(({ id }) => id) ?? [];
}

/** Records the ids of every activity the page's feed receives; call before it connects. */
export function recordDelivered(page: Page): string[] {
  const delivered: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => delivered.push(...activityIdsIn(payload))),
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
    rows: await feedCount(page, 'shown'),
    drawnRows: await page.locator('tbody tr[data-id]').count(),
    delivered,
  };
}
