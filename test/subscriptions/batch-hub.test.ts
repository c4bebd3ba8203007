import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityFilter } from '../../src/domain/activity-filter.js';
import { createInProcessEventBus, type EventBus } from '../../src/pubsub/events.js';
import { type ActivityHub, type BatchItem, createActivityHub } from '../../src/streaming/activity-hub.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

/**
 * Batch streams of the hub alone, on a real database (semantics A10): what a read gives is one
 * batch, shared by the streams alike; a replay gives a batch per page; overflow says where to resume.
 */
let t: TestApp;
let workspaceId: string;
let leadId: string;
const log = pino({ level: 'silent' });
const OWNER = 'key';
const open: { hub: ActivityHub; bus: EventBus }[] = [];
const everything: ActivityFilter = { workspaceIds: null };

async function startHub(pageSize: number, bufferLimit?: number) {
  const bus = createInProcessEventBus();
  const hub = createActivityHub({ orm: t.orm, events: bus, log, pollMs: 3_600_000, pageSize, bufferLimit });
  open.push({ hub, bus });
  await hub.start();
  /** Announces the rows and waits until the hub has read them: each call is one read. */
  const announce = async (rows: string[]) => {
    const last = rows.at(-1) as string;
    bus.publish('activitiesCommitted', { workspaceId, lastActivityId: last });
    await expect.poll(() => BigInt(hub.stats().cursor) >= BigInt(last)).toBe(true);
  };
  return { hub, announce };
}

/** Commits `count` activities in one transaction; resolves with their ids, in order. */
async function commit(count: number): Promise<string[]> {
  const rows: { id: string }[] = await t.orm.em.fork().transactional((em) =>
    em.getConnection().execute(
      `insert into activity (workspace_id, lead_id, type, occurred_at, attributes)
       select ?, ?, 'INTERESTING_MOMENT', now(), '{}'::jsonb from generate_series(1, ?) g
       returning id::text`,
      [workspaceId, leadId, count],
      'all',
      em.getTransactionContext(),
    ),
  );
  return rows.map((row) => row.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}

/** Commits activities of these types (Execute Campaign ones qualified) in one transaction, in order. */
async function commitTypes(types: string[]): Promise<string[]> {
  const rows: { id: string }[] = await t.orm.em.fork().transactional((em) =>
    em.getConnection().execute(
      `insert into activity (workspace_id, lead_id, type, occurred_at, attributes)
       select ?, ?, type, now(), '{"qualified": true}'::jsonb
       from unnest(?::text[]) with ordinality as given(type, position) order by position
       returning id::text`,
      [workspaceId, leadId, `{${types.join(',')}}`],
      'all',
      em.getTransactionContext(),
    ),
  );
  return rows.map((row) => row.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}

async function next(stream: AsyncIterator<BatchItem>): Promise<BatchItem> {
  const { done, value } = await stream.next();
  if (done) throw new Error('the stream ended');
  return value;
}

const idsOf = (item: BatchItem) => (item.kind === 'batch' ? item.activities.map((row) => row.id) : item);

beforeAll(async () => {
  t = await startTestApp();
  const acme = await createWorkspaceWithKey(t, 'Acme');
  workspaceId = Buffer.from(acme.id, 'base64').toString().split(':')[1] as string;
  const { upsertLeads } = await run<{ upsertLeads: { id: string }[] }>(
    t,
    acme.key,
    'mutation ($ws: ID!) { upsertLeads(workspaceId: $ws, leads: [{ email: "batch@example.com" }]) { id } }',
    { ws: acme.id },
  );
  leadId = Buffer.from(upsertLeads[0]?.id as string, 'base64')
    .toString()
    .split(':')[1] as string;
});
afterEach(async () => {
  for (const { hub, bus } of open.splice(0)) {
    await hub.stop();
    await bus.close();
  }
});
afterAll(() => t.close());

describe('batch streams of the activity hub', () => {
  it('yield the rows of several transactions read at once as one batch, the same object for streams alike', async () => {
    const { hub, announce } = await startHub(100);
    const first = await hub.openActivityBatches(everything, null, OWNER);
    const alike = await hub.openActivityBatches(everything, null, OWNER);
    const narrower = await hub.openActivityBatches({ workspaceIds: [workspaceId] }, null, OWNER);
    const rows = [...(await commit(3)), ...(await commit(3))];
    await announce(rows);
    const [a, b, c] = await Promise.all([next(first), next(alike), next(narrower)]);
    expect(idsOf(a)).toEqual(rows);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(idsOf(c)).toEqual(rows);
  });

  it('cut a long read at the page ends once a page’s worth is waiting, and replay a batch per page', async () => {
    const { hub, announce } = await startHub(4);
    const live = await hub.openActivityBatches(everything, null, OWNER);
    const rows = await commit(10);
    await announce(rows);
    const batches = [await next(live), await next(live), await next(live)].map(idsOf);
    expect(batches).toEqual([rows.slice(0, 4), rows.slice(4, 8), rows.slice(8)]);
    const replayed = await hub.openActivityBatches(everything, BigInt(rows[1] as string), OWNER);
    expect([await next(replayed), await next(replayed)].map(idsOf)).toEqual([
      rows.slice(2, 6),
      rows.slice(6),
    ]);
    const later = await commit(2);
    await announce(later);
    expect(idsOf(await next(replayed))).toEqual(later);
  });

  it('count activities against the buffer: past it the stream ends with the last id delivered, and resumes there', async () => {
    const { hub, announce } = await startHub(4, 5);
    const stream = await hub.openActivityBatches(everything, null, OWNER);
    const delivered = await commit(2);
    await announce(delivered);
    expect(idsOf(await next(stream))).toEqual(delivered);
    // Waiting: 4 activities fit in the buffer of 5, 4 more do not.
    const fits = await commit(4);
    await announce(fits);
    const overflows = await commit(4);
    await announce(overflows);
    expect(await next(stream)).toEqual({
      kind: 'interrupted',
      reason: 'overflow',
      lastDeliveredId: delivered.at(-1),
    });
    expect((await stream.next()).done).toBe(true);
    const resumed = await hub.openActivityBatches(everything, BigInt(delivered.at(-1) as string), OWNER);
    expect([await next(resumed), await next(resumed)].map(idsOf)).toEqual([fits, overflows]);
  });

  it('read only the types every stream names, so that pages hold only rows someone wants', async () => {
    const { hub, announce } = await startHub(2);
    const executes = { workspaceIds: [workspaceId], leadId, types: ['EXECUTE_CAMPAIGN' as const] };
    const typed = await hub.openActivityBatches(executes, null, OWNER);
    // A Qualified value is recorded on Execute Campaign activities only: the same rows.
    const qualified = await hub.openActivityBatches(
      { workspaceIds: [workspaceId], leadId, qualified: true },
      null,
      OWNER,
    );
    const rows = await commitTypes([
      'EXECUTE_CAMPAIGN',
      'INTERESTING_MOMENT',
      'EXECUTE_CAMPAIGN',
      'EXECUTE_CAMPAIGN',
    ]);
    const wanted = [rows[0], rows[2], rows[3]] as string[];
    await announce(rows);
    // Pages of two Execute Campaign rows: the interesting moment between them was never read.
    const pages = [wanted.slice(0, 2), wanted.slice(2)];
    expect([await next(typed), await next(typed)].map(idsOf)).toEqual(pages);
    expect([await next(qualified), await next(qualified)].map(idsOf)).toEqual(pages);
  });

  it('read every type once one stream wants any, and still hand each stream only its own', async () => {
    const { hub, announce } = await startHub(2);
    const typed = await hub.openActivityBatches(
      { workspaceIds: [workspaceId], leadId, types: ['EXECUTE_CAMPAIGN'] },
      null,
      OWNER,
    );
    const any = await hub.openActivityBatches({ workspaceIds: [workspaceId], leadId }, null, OWNER);
    const rows = await commitTypes([
      'EXECUTE_CAMPAIGN',
      'INTERESTING_MOMENT',
      'EXECUTE_CAMPAIGN',
      'EXECUTE_CAMPAIGN',
    ]);
    await announce(rows);
    // Pages of two rows of any type: the first holds one Execute Campaign row, less than a page's worth.
    expect(idsOf(await next(typed))).toEqual([rows[0], rows[2], rows[3]]);
    expect([await next(any), await next(any)].map(idsOf)).toEqual([rows.slice(0, 2), rows.slice(2)]);
  });
});
