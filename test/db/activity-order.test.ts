import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let leadId: string;
let workspaceId: string;

async function connect() {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return client;
}

const insertActivity = (client: pg.Client) =>
  client
    .query<{ id: string }>(
      `insert into activity (workspace_id, lead_id, type, occurred_at) values ($1, $2, 'NEW_LEAD', now()) returning id`,
      [workspaceId, leadId],
    )
    .then((result) => BigInt(result.rows[0]?.id as string));

beforeAll(async () => {
  database = await createTestDatabase();
  const client = await connect();
  workspaceId = (
    await client.query(`insert into workspace (name, created_at) values ('w', now()) returning id`)
  ).rows[0].id;
  leadId = (
    await client.query(
      `insert into lead (workspace_id, email, created_at, updated_at) values ($1, 'a@example.com', now(), now()) returning id`,
      [workspaceId],
    )
  ).rows[0].id;
  await client.end();
});
afterAll(() => database.drop());

describe('semantics A2 activity ids increase in commit order', () => {
  it('a second writer draws its ids only after the first writer has committed', async () => {
    const first = await connect();
    const second = await connect();
    const observer = await connect();
    try {
      await first.query('begin');
      const firstId = await insertActivity(first);

      await second.query('begin');
      const secondPid = (await second.query('select pg_backend_pid() as pid')).rows[0].pid;
      const secondInsert = insertActivity(second);
      // The second writer is parked on the commit-order lock, before drawing any id.
      await expect
        .poll(
          async () =>
            (await observer.query(`select wait_event_type from pg_stat_activity where pid = $1`, [secondPid]))
              .rows[0]?.wait_event_type,
        )
        .toBe('Lock');

      await first.query('commit');
      const secondId = await secondInsert;
      await second.query('commit');
      expect(secondId).toBeGreaterThan(firstId);
    } finally {
      await Promise.all([first.end(), second.end(), observer.end()]);
    }
  });

  it('a reader that saw id N and asks for id > N misses nothing committed later', async () => {
    const slow = await connect();
    const fast = await connect();
    const reader = await connect();
    try {
      await slow.query('begin');
      const slowId = await insertActivity(slow);
      await fast.query('begin');
      const fastInsert = insertActivity(fast).then(async (id) => {
        await fast.query('commit');
        return id;
      });
      const maxSeenBefore = BigInt(
        (await reader.query(`select coalesce(max(id), 0) as max from activity`)).rows[0].max as string,
      );
      await slow.query('commit');
      const fastId = await fastInsert;
      const after = (
        await reader.query<{ id: string }>('select id from activity where id > $1 order by id', [
          maxSeenBefore.toString(),
        ])
      ).rows.map((row) => BigInt(row.id));
      expect(after).toEqual([slowId, fastId]);
    } finally {
      await Promise.all([slow.end(), fast.end(), reader.end()]);
    }
  });
});
