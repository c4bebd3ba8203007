import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityFilter } from '../../src/domain/activity-filter.js';
import { createInProcessEventBus, type EventBus } from '../../src/pubsub/events.js';
import {
  type ActivityHub,
  type ActivityHubOptions,
  createActivityHub,
  type StreamItem,
} from '../../src/streaming/activity-hub.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

/**
 * The hub alone, on a real database: rows are written with SQL by concurrent transactions, as
 * runs write them, and subscriptions are read directly, without a transport.
 */
let t: TestApp;
let workspaceId: string;
let otherWorkspaceId: string;
let leadId: string;
let otherLeadId: string;
const log = pino({ level: 'silent' });
/** The API key every stream of these tests counts against. */
const OWNER = 'key';
const open: { hub: ActivityHub; bus: EventBus }[] = [];

function startHub(options: Omit<ActivityHubOptions, 'orm' | 'events' | 'log'> = {}) {
  const bus = createInProcessEventBus();
  const hub = createActivityHub({ orm: t.orm, events: bus, log, ...options });
  open.push({ hub, bus });
  return hub.start().then(() => ({ hub, bus }));
}

/** Commits `count` activities in one transaction (of `workspace`); resolves with their ids. */
async function commit(count: number, workspace = workspaceId, lead = leadId): Promise<string[]> {
  const rows: { id: string }[] = await t.orm.em.fork().transactional((em) =>
    em.getConnection().execute(
      `insert into activity (workspace_id, lead_id, type, occurred_at, attributes)
       select ?, ?, 'INTERESTING_MOMENT', now(), jsonb_build_object('n', g) from generate_series(1, ?) g
       returning id::text`,
      [workspace, lead, count],
      'all',
      em.getTransactionContext(),
    ),
  );
  return rows.map((row) => row.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}

async function maxId(): Promise<bigint> {
  const [row]: { last: string | null }[] = await t.orm.em
    .fork()
    .getConnection()
    .execute('select max(id)::text as last from activity');
  return BigInt(row?.last ?? 0);
}

/** Reads the stream until it delivered an activity with id `last` (or ended); returns what it gave. */
async function readUntil(stream: AsyncIterator<StreamItem>, last: bigint): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for (;;) {
    const { done, value } = await stream.next();
    if (done) return items;
    items.push(value);
    if (value.kind !== 'activity' || BigInt(value.activity.id) >= last) return items;
  }
}

const ids = (items: StreamItem[]) =>
  items.flatMap((item) => (item.kind === 'activity' ? [item.activity.id] : []));

const mine: ActivityFilter = { workspaceIds: null };

beforeAll(async () => {
  t = await startTestApp();
  const acme = await createWorkspaceWithKey(t, 'Acme');
  const globex = await createWorkspaceWithKey(t, 'Globex');
  workspaceId = Buffer.from(acme.id, 'base64').toString().split(':')[1] as string;
  otherWorkspaceId = Buffer.from(globex.id, 'base64').toString().split(':')[1] as string;
  const { upsertLeads } = await run<{ upsertLeads: { id: string }[] }>(
    t,
    acme.key,
    'mutation ($ws: ID!) { upsertLeads(workspaceId: $ws, leads: [{ email: "hub@example.com" }, { email: "other@example.com" }]) { id } }',
    { ws: acme.id },
  );
  [leadId, otherLeadId] = upsertLeads.map(
    (lead) => Buffer.from(lead.id, 'base64').toString().split(':')[1] as string,
  ) as [string, string];
});
afterEach(async () => {
  for (const { hub, bus } of open.splice(0)) {
    await hub.stop();
    await bus.close();
  }
});
afterAll(() => t.close());

describe('activity hub', () => {
  it('replays from any cursor, then follows live, while writers commit concurrently: every id once, in order', async () => {
    const { hub } = await startHub({ pollMs: 10, pageSize: 7 });
    const start = await maxId();
    const written: string[] = [];
    const writers = Array.from({ length: 3 }, async () => {
      for (let batch = 0; batch < 15; batch += 1) written.push(...(await commit(5)));
    });
    // Subscriptions opened at different moments, from cursors behind and at the end of the table.
    const opened: { after: bigint; stream: AsyncIterator<StreamItem> }[] = [];
    for (let index = 0; index < 6; index += 1) {
      await commit(2).then((rows) => written.push(...rows));
      const after = index % 2 ? start : await maxId();
      opened.push({ after, stream: await hub.openActivities(mine, after, OWNER) });
    }
    await Promise.all(writers);
    const last = await maxId();
    for (const { after, stream } of opened) {
      const expected = written
        .filter((id) => BigInt(id) > after)
        .sort((a, b) => Number(BigInt(a) - BigInt(b)));
      expect(ids(await readUntil(stream, last))).toEqual(expected);
    }
    expect(written).toHaveLength(6 * 2 + 3 * 15 * 5);
  });

  it('slow readers under concurrent commits, resuming whenever they are ended, still get every id once', async () => {
    const { hub } = await startHub({ pollMs: 5, bufferLimit: 3, pageSize: 5 });
    const start = await maxId();
    const written: string[] = [...(await commit(10))];
    let writing = true;
    const writer = (async () => {
      for (let batch = 0; batch < 40; batch += 1) written.push(...(await commit(4)));
      writing = false;
    })();
    // Each reader pauses now and then, so its buffer keeps filling: while replaying it chases the
    // table; once live it is ended (overflow) and opens again from the last id it got.
    const readers = Array.from({ length: 3 }, async () => {
      const seen: string[] = [];
      let ends = 0;
      let stream = await hub.openActivities(mine, start, OWNER);
      for (;;) {
        const { done, value } = await stream.next();
        if (done) throw new Error('a stream ended without saying why');
        if (value.kind === 'interrupted') {
          ends += 1;
          stream = await hub.openActivities(mine, BigInt(value.lastDeliveredId), OWNER);
          continue;
        }
        seen.push(value.activity.id);
        if (!writing && BigInt(value.activity.id) >= (await maxId())) return { seen, ends };
        if (seen.length % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    const results = await Promise.all(readers);
    await writer;
    const all = [...written].sort((a, b) => Number(BigInt(a) - BigInt(b)));
    for (const { seen } of results) expect(seen).toEqual(all);
    expect(all).toHaveLength(170);
  });

  it('subscriptions that all name a lead read only those leads’ rows, and still get each of theirs once', async () => {
    const { hub } = await startHub({ pollMs: 5, pageSize: 3 });
    const start = await maxId();
    const written = new Map<string, string[]>([
      [leadId, []],
      [otherLeadId, []],
    ]);
    const writer = (async () => {
      for (let batch = 0; batch < 60; batch += 1) {
        const lead = batch % 3 ? leadId : otherLeadId;
        written.get(lead)?.push(...(await commit(2, workspaceId, lead)));
      }
    })();
    const opened: { lead: string; after: bigint; stream: AsyncIterator<StreamItem> }[] = [];
    for (let index = 0; index < 6; index += 1) {
      const lead = index % 2 ? leadId : otherLeadId;
      const after = index < 3 ? start : await maxId();
      opened.push({
        lead,
        after,
        stream: await hub.openActivities({ workspaceIds: null, leadId: lead }, after, OWNER),
      });
      // Halfway, a wide subscription joins for a moment: the hub reads every row while it is open.
      if (index === 3) await (await hub.openActivities(mine, null, OWNER)).return?.();
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await writer;
    for (const { lead, after, stream } of opened) {
      const expected = (written.get(lead) ?? []).filter((id) => BigInt(id) > after);
      if (expected.length === 0) continue;
      expect(ids(await readUntil(stream, BigInt(expected.at(-1) as string)))).toEqual(expected);
    }
  });

  it('delivers only what the matcher wants, and never another workspace’s rows', async () => {
    const { hub } = await startHub({ pollMs: 10 });
    const stream = await hub.openActivities({ workspaceIds: [otherWorkspaceId] }, null, OWNER);
    await commit(3);
    const theirs = await commit(2, otherWorkspaceId);
    await commit(3);
    const mark = await commit(1, otherWorkspaceId);
    expect(ids(await readUntil(stream, BigInt(mark[0] as string)))).toEqual([...theirs, ...mark]);
  });

  it('a buffer that fills during the replay does not end the subscription: the rest is read from the table', async () => {
    const { hub } = await startHub({ pollMs: 10, bufferLimit: 3, pageSize: 4 });
    const after = await maxId();
    const stored = await commit(10);
    const stream = await hub.openActivities(mine, after, OWNER);
    const [first] = ids(await readUntil(stream, BigInt(stored[0] as string)));
    // Live rows arrive faster than this reader reads: the buffer of 3 overflows mid-replay.
    const live = [...(await commit(6)), ...(await commit(6))];
    await expect.poll(() => hub.stats().cursor).toBe(live.at(-1));
    const rest = await readUntil(stream, BigInt(live.at(-1) as string));
    expect([first, ...ids(rest)]).toEqual([...stored, ...live]);
    // Still live afterwards.
    const later = await commit(2);
    expect(ids(await readUntil(stream, BigInt(later[1] as string)))).toEqual(later);
  });

  it('a live subscriber that does not read is ended with the last delivered id; resuming from it misses nothing', async () => {
    const { hub } = await startHub({ pollMs: 10, bufferLimit: 5 });
    const stream = await hub.openActivities(mine, null, OWNER);
    const read = await commit(2);
    expect(ids(await readUntil(stream, BigInt(read[1] as string)))).toEqual(read);
    const unread = await commit(12);
    await expect.poll(() => hub.stats().activityStreams).toBe(0);
    const { value } = await stream.next();
    expect(value).toEqual({ kind: 'interrupted', reason: 'overflow', lastDeliveredId: read[1] });
    expect((await stream.next()).done).toBe(true);
    const resumed = await hub.openActivities(
      mine,
      BigInt((value as { lastDeliveredId: string }).lastDeliveredId),
      OWNER,
    );
    expect(ids(await readUntil(resumed, BigInt(unread.at(-1) as string)))).toEqual(unread);
  });

  it('reads on a notification without waiting for the poll, and ends open streams on stop', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    const stream = await hub.openActivities(mine, null, OWNER);
    const rows = await commit(3);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: rows[2] as string });
    expect(ids(await readUntil(stream, BigInt(rows[2] as string)))).toEqual(rows);
    await hub.stop();
    expect((await stream.next()).value).toEqual({
      kind: 'interrupted',
      reason: 'shutdown',
      lastDeliveredId: rows[2],
    });
  });

  it('a subscription that joins while the last other one closes keeps its cursor when a third opens', async () => {
    const { hub, bus } = await startHub({ pollMs: 60_000, pageSize: 1 });
    const first = await hub.openActivities(mine, null, OWNER);
    const paged = await commit(40);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: paged.at(-1) as string });
    // The hub reads the 40 rows a page at a time: the next subscription waits for a page's end.
    await expect.poll(() => BigInt(hub.stats().cursor) > BigInt(paged[0] as string)).toBe(true);
    const joining = hub.openActivities(mine, null, OWNER);
    await first.return?.();
    const joined = await joining;
    await expect.poll(() => hub.stats().cursor).toBe(paged.at(-1));
    const unseen = await commit(3);
    await hub.openActivities(mine, null, OWNER);
    const later = await commit(2);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: later.at(-1) as string });
    const delivered = ids(await readUntil(joined, BigInt(later.at(-1) as string)));
    expect(delivered.slice(-5)).toEqual([...unseen, ...later]);
  });

  it('reads start minReadIntervalMs apart while notifications keep coming; streams opened meanwhile join at once', async () => {
    const interval = 500;
    const { hub, bus } = await startHub({ pollMs: 3_600_000, minReadIntervalMs: interval });
    const stream = await hub.openActivities(mine, null, OWNER);
    const first = await commit(2);
    const second = await commit(2);
    const burst = performance.now();
    // The first starts a read; the second comes during it, so the next read waits for the interval.
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: first[1] as string });
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: second[1] as string });
    expect(ids(await readUntil(stream, BigInt(second[1] as string)))).toEqual([...first, ...second]);
    const opening = performance.now();
    const joined = await hub.openActivities(mine, null, OWNER);
    expect(performance.now() - opening).toBeLessThan(interval / 2);
    const third = await commit(2);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: third[1] as string });
    expect(ids(await readUntil(stream, BigInt(third[1] as string)))).toEqual(third);
    expect(ids(await readUntil(joined, BigInt(third[1] as string)))).toEqual(third);
    expect(performance.now() - burst).toBeGreaterThanOrEqual(interval - 10);
  });

  it('stops without waiting for the rest between reads', async () => {
    const interval = 10_000;
    const { hub, bus } = await startHub({ pollMs: 3_600_000, minReadIntervalMs: interval });
    const stream = await hub.openActivities(mine, null, OWNER);
    const rows = await commit(1);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: rows[0] as string });
    expect(ids(await readUntil(stream, BigInt(rows[0] as string)))).toEqual(rows);
    const stopping = performance.now();
    await hub.stop();
    expect(performance.now() - stopping).toBeLessThan(interval / 2);
  });

  it('narrow subscriptions read up to the announced id, once that row is committed', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    const stream = await hub.openActivities({ workspaceIds: null, leadId }, null, OWNER);
    const first = await commit(3);
    const second = await commit(3);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: first.at(-1) as string });
    expect(ids(await readUntil(stream, BigInt(first.at(-1) as string)))).toEqual(first);
    expect(hub.stats().cursor).toBe(first.at(-1));
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: second.at(-1) as string });
    expect(ids(await readUntil(stream, BigInt(second.at(-1) as string)))).toEqual(second);
  });

  it('an announced id that is not in the table (another database’s, on a shared bus) loses nothing', async () => {
    const { hub, bus } = await startHub({ pollMs: 3_600_000 });
    const stream = await hub.openActivities({ workspaceIds: null, leadId }, null, OWNER);
    const before = await commit(2);
    const foreign = ((await maxId()) + 1_000_000n).toString();
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: foreign });
    expect(ids(await readUntil(stream, BigInt(before[1] as string)))).toEqual(before);
    const after = await commit(2);
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: after[1] as string });
    expect(ids(await readUntil(stream, BigInt(after[1] as string)))).toEqual(after);
  });

  it('without a cursor, a subscription gets only what commits after it, even when the hub was idle', async () => {
    const { hub } = await startHub({ pollMs: 10 });
    const first = await hub.openActivities(mine, null, OWNER);
    await first.return?.();
    // Nobody listens: the hub does not follow the table...
    await commit(4);
    const stream = await hub.openActivities(mine, null, OWNER);
    // ...and a new subscription starts at the end of it.
    const rows = await commit(2);
    expect(ids(await readUntil(stream, BigInt(rows[1] as string)))).toEqual(rows);
  });
});
