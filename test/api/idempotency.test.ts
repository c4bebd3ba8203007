import { createDecipheriv, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealedSecret } from '../../src/db/api-keys.js';
import { hashIdempotencyKey } from '../../src/db/sql/idempotency-keys.js';
import { ADMIN_KEY, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/app.js';
import { createProgram, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { dataOf, errorCodes } from '../helpers/graphql.js';
import { wsClient } from '../helpers/streams.js';

let t: TestApp;
let url: string;
let acme: WorkspaceWithKey;
let program: string;
let batch: string;
let trigger: string;
let lead: string;

const SCHEDULE = `mutation ($id: ID!, $runAt: DateTime, $key: String) {
  scheduleCampaign(campaignId: $id, runAt: $runAt, idempotencyKey: $key) { id status }
}`;
const REQUEST = `mutation ($id: ID!, $leads: [ID!]!, $key: String) {
  requestCampaign(campaignId: $id, leadIds: $leads, idempotencyKey: $key) { id status }
}`;
const UPSERT = `mutation ($ws: ID!, $leads: [LeadInput!]!, $key: String) {
  upsertLeads(workspaceId: $ws, leads: $leads, idempotencyKey: $key) { id email }
}`;
const CREATE = `mutation ($input: CreateCampaignInput!, $key: String) {
  createCampaign(input: $input, idempotencyKey: $key) { id name }
}`;
const CREATE_KEY = `mutation ($ws: ID!, $name: String!, $key: String) {
  createApiKey(workspaceId: $ws, name: $name, idempotencyKey: $key) { id secret }
}`;
const DAY_MS = 24 * 3600 * 1000;
const LATER = new Date(Date.now() + 100 * DAY_MS).toISOString();
const OTHER_TIME = new Date(Date.now() + 101 * DAY_MS).toISOString();

/** POSTs an operation to the running server, with the Idempotency-Key header when given. */
async function post<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  { key = acme.key, header }: { key?: string; header?: string } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
      ...(header !== undefined && { 'idempotency-key': header }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

async function count(table: string): Promise<number> {
  const [row] = await t.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`);
  return row?.n;
}

let keyNumber = 0;
/** A key never used before. */
const freshKey = () => `test-key-${++keyNumber}-${Date.now()}`;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Program');
  const created = dataOf(
    await post<{ createCampaign: { id: string } }>(CREATE, {
      input: { programId: program, name: 'Batch', flow: [{ action: { changeScore: { change: '+1' } } }] },
    }),
  );
  batch = created.createCampaign.id;
  const listener = dataOf(
    await post<{ createCampaign: { id: string } }>(CREATE, {
      input: {
        programId: program,
        name: 'Requested',
        smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] },
        flow: [{ action: { changeScore: { change: '+1' } } }],
      },
    }),
  );
  trigger = listener.createCampaign.id;
  dataOf(await post('mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id: trigger }));
  const leads = dataOf(
    await post<{ upsertLeads: { id: string }[] }>(UPSERT, { ws: acme.id, leads: [{ email: 'a@x.test' }] }),
  );
  lead = leads.upsertLeads[0]?.id as string;
});
afterAll(() => t.close());

describe('a retry with the same key and input', () => {
  it('scheduleCampaign returns the first run and queues no other', async () => {
    const header = freshKey();
    const first = dataOf(await post(SCHEDULE, { id: batch, runAt: LATER }, { header }));
    const runs = await count('campaign_run');
    const again = dataOf(await post(SCHEDULE, { id: batch, runAt: LATER }, { header }));
    expect(again).toEqual(first);
    expect(await count('campaign_run')).toBe(runs);
    expect(await count('graphile_worker.jobs')).toBe(runs);
  });

  it('scheduleCampaign with a recurrence returns the first run and makes no other run or schedule', async () => {
    const header = freshKey();
    const recurring = `mutation ($id: ID!, $runAt: DateTime) {
      scheduleCampaign(campaignId: $id, runAt: $runAt, recurrence: { every: DAY }) { id status }
    }`;
    const first = dataOf(await post(recurring, { id: batch, runAt: LATER }, { header }));
    const runs = await count('campaign_run');
    const schedules = await count('campaign_schedule');
    const again = dataOf(await post(recurring, { id: batch, runAt: LATER }, { header }));
    expect(again).toEqual(first);
    expect(await count('campaign_run')).toBe(runs);
    expect(await count('campaign_schedule')).toBe(schedules);
    expect(schedules).toBe(1);
  });

  it('requestCampaign returns the first run and queues no other', async () => {
    const key = freshKey();
    const first = dataOf(await post(REQUEST, { id: trigger, leads: [lead], key }));
    const runs = await count('campaign_run');
    const again = dataOf(await post(REQUEST, { id: trigger, leads: [lead], key }));
    expect(again).toEqual(first);
    expect(await count('campaign_run')).toBe(runs);
  });

  it('upsertLeads returns the same leads, as they are now, and writes no activity', async () => {
    const header = freshKey();
    const leads = [{ email: 'retry@x.test' }];
    const first = dataOf(await post(UPSERT, { ws: acme.id, leads }, { header }));
    const [leadCount, activityCount] = [await count('lead'), await count('activity')];
    const again = dataOf(await post(UPSERT, { ws: acme.id, leads }, { header }));
    expect(again).toEqual(first);
    expect([await count('lead'), await count('activity')]).toEqual([leadCount, activityCount]);
  });

  it('createCampaign returns the same campaign and creates no other', async () => {
    const header = freshKey();
    const input = { programId: program, name: 'Once', flow: [] };
    const created = `mutation ($input: CreateCampaignInput!) {
      createCampaign(input: $input) { id name status program { name } smartList { isValid } problems { code } }
    }`;
    const first = dataOf(await post(created, { input }, { header }));
    expect(first).toMatchObject({ createCampaign: { program: { name: 'Program' }, problems: [] } });
    const campaigns = await count('campaign');
    const again = dataOf(await post(created, { input }, { header }));
    expect(again).toEqual(first);
    expect(await count('campaign')).toBe(campaigns);
  });

  it('createApiKey returns the same key with the same secret, which authenticates', async () => {
    const header = freshKey();
    const variables = { ws: acme.id, name: 'retried' };
    const first = dataOf(
      await post<{ createApiKey: { secret: string } }>(CREATE_KEY, variables, { key: ADMIN_KEY, header }),
    );
    const keys = await count('api_key');
    const again = dataOf(await post(CREATE_KEY, variables, { key: ADMIN_KEY, header }));
    expect(again).toEqual(first);
    expect(await count('api_key')).toBe(keys);
    const viewer = await post('{ viewer { isAdmin } }', {}, { key: first.createApiKey.secret });
    expect(dataOf(viewer)).toEqual({ viewer: { isAdmin: false } });
    const [stored] = await t.orm.em
      .fork()
      .getConnection()
      .execute('select result::text from idempotency_key');
    expect(JSON.stringify(stored)).not.toContain(first.createApiKey.secret);
  });

  it('createApiKey keeps its secret sealed under the admin key: the idempotency key alone opens nothing', async () => {
    const header = 'k';
    const variables = { ws: acme.id, name: 'sealed' };
    const first = dataOf(
      await post<{ createApiKey: { secret: string } }>(CREATE_KEY, variables, { key: ADMIN_KEY, header }),
    );
    const [stored] = await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `select result->>'sealedSecret' as sealed from idempotency_key where owner = 'admin' and key_hash = ?`,
        [hashIdempotencyKey(header)],
      );
    const sealed: string = stored?.sealed;
    const [iv, tag, text] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const guessedKey = createHash('sha256').update(`idempotency-seal:admin\n${header}`).digest();
    const decipher = createDecipheriv('aes-256-gcm', guessedKey, iv as Buffer);
    decipher.setAuthTag(tag as Buffer);
    expect(() => Buffer.concat([decipher.update(text as Buffer), decipher.final()])).toThrow();
    expect(
      openSealedSecret(sealed, { credential: 'not-the-admin-key', context: `admin\n${header}` }),
    ).toBeNull();
    expect(openSealedSecret(sealed, { credential: ADMIN_KEY, context: `admin\n${header}` })).toBe(
      first.createApiKey.secret,
    );
    const again = dataOf(await post(CREATE_KEY, variables, { key: ADMIN_KEY, header }));
    expect(again).toEqual(first);
  });
  it('createApiKey replayed after its key was revoked is BAD_USER_INPUT and shows no secret', async () => {
    const header = freshKey();
    const variables = { ws: acme.id, name: 'revoked since' };
    const first = dataOf(
      await post<{ createApiKey: { id: string } }>(CREATE_KEY, variables, { key: ADMIN_KEY, header }),
    );
    dataOf(
      await post(
        'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
        { id: first.createApiKey.id },
        { key: ADMIN_KEY },
      ),
    );
    const again = await post(CREATE_KEY, variables, { key: ADMIN_KEY, header });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors?.[0]?.message).toBe('The key made for this idempotency key was revoked');
    expect(again.data).toBeNull();
  });
});

describe('concurrent requests with the same key', () => {
  it('make one effect, and all get its result', async () => {
    const header = freshKey();
    const leads = [{ email: 'race@x.test' }];
    const [leadCount, activityCount] = [await count('lead'), await count('activity')];
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(UPSERT, { ws: acme.id, leads }, { header })),
    );
    const results = answers.map(dataOf);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect([await count('lead'), await count('activity')]).toEqual([leadCount + 1, activityCount + 1]);
  });

  it('queue one run', async () => {
    const header = freshKey();
    const runs = await count('campaign_run');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(SCHEDULE, { id: batch, runAt: LATER }, { header })),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(dataOf(answer)))).size).toBe(1);
    expect(await count('campaign_run')).toBe(runs + 1);
  });
});

describe('refusals', () => {
  it('the same key with other arguments or another mutation is BAD_USER_INPUT, and changes nothing', async () => {
    const header = freshKey();
    dataOf(await post(SCHEDULE, { id: batch, runAt: LATER }, { header }));
    const runs = await count('campaign_run');
    const other = await post(SCHEDULE, { id: batch, runAt: OTHER_TIME }, { header });
    expect(errorCodes(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors?.[0]?.message).toMatch(/other arguments/);
    const otherMutation = await post(REQUEST, { id: trigger, leads: [lead] }, { header });
    expect(errorCodes(otherMutation)).toEqual(['BAD_USER_INPUT']);
    expect(await count('campaign_run')).toBe(runs);
  });

  it('an omitted argument and an explicit null are the same input', async () => {
    const key = freshKey();
    const first = dataOf(await post(SCHEDULE, { id: batch, runAt: LATER, key }));
    const again = await post(
      `mutation ($id: ID!, $key: String) { scheduleCampaign(campaignId: $id, runAt: "${LATER}", tokens: null, idempotencyKey: $key) { id status } }`,
      { id: batch, key },
    );
    expect(dataOf(again)).toEqual(first);
  });

  it('a header and an argument that differ, or a key out of bounds, are BAD_USER_INPUT', async () => {
    const runs = await count('campaign_run');
    const differ = await post(SCHEDULE, { id: batch, runAt: LATER, key: 'one' }, { header: 'two' });
    expect(errorCodes(differ)).toEqual(['BAD_USER_INPUT']);
    for (const key of ['', 'x'.repeat(256), 'tab\there', 'é']) {
      expect(errorCodes(await post(SCHEDULE, { id: batch, runAt: LATER, key }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await count('campaign_run')).toBe(runs);
  });

  it('a header and an argument that agree are one key', async () => {
    const key = freshKey();
    const first = dataOf(await post(SCHEDULE, { id: batch, runAt: LATER, key }, { header: key }));
    expect(dataOf(await post(SCHEDULE, { id: batch, runAt: LATER }, { header: key }))).toEqual(first);
  });

  it('the header with two idempotent mutations in one request is refused; two arguments are not', async () => {
    const two = `mutation ($id: ID!, $a: String, $b: String) {
      a: scheduleCampaign(campaignId: $id, runAt: "${LATER}", idempotencyKey: $a) { id }
      b: scheduleCampaign(campaignId: $id, runAt: "${OTHER_TIME}", idempotencyKey: $b) { id }
    }`;
    const runs = await count('campaign_run');
    const refused = await post(two, { id: batch }, { header: freshKey() });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await count('campaign_run')).toBe(runs);
    const both = dataOf(
      await post<{ a: { id: string }; b: { id: string } }>(two, { id: batch, a: freshKey(), b: freshKey() }),
    );
    expect(both.a.id).not.toBe(both.b.id);
    expect(await count('campaign_run')).toBe(runs + 2);
  });
});

describe('scope and lifetime', () => {
  it('a refused first attempt is not kept: its retry runs', async () => {
    const key = freshKey();
    const refused = await post(REQUEST, { id: batch, leads: [lead], key });
    expect(errorCodes(refused)).not.toEqual([]);
    const runs = await count('campaign_run');
    dataOf(await post(REQUEST, { id: trigger, leads: [lead], key }));
    expect(await count('campaign_run')).toBe(runs + 1);
  });

  it('two API keys do not share idempotency keys', async () => {
    const other = dataOf(
      await post<{ createApiKey: { secret: string } }>(
        CREATE_KEY,
        { ws: acme.id, name: 'other' },
        { key: ADMIN_KEY },
      ),
    ).createApiKey.secret;
    const header = freshKey();
    const runs = await count('campaign_run');
    const mine = dataOf(
      await post<{ scheduleCampaign: { id: string } }>(SCHEDULE, { id: batch, runAt: LATER }, { header }),
    );
    const theirs = dataOf(
      await post<{ scheduleCampaign: { id: string } }>(
        SCHEDULE,
        { id: batch, runAt: LATER },
        { header, key: other },
      ),
    );
    expect(theirs.scheduleCampaign.id).not.toBe(mine.scheduleCampaign.id);
    expect(await count('campaign_run')).toBe(runs + 2);
  });

  it('a key is free again after 24 hours, also for other arguments', async () => {
    const header = freshKey();
    const first = dataOf(
      await post<{ scheduleCampaign: { id: string } }>(SCHEDULE, { id: batch, runAt: LATER }, { header }),
    );
    await t.orm.em
      .fork()
      .getConnection()
      .execute(`update idempotency_key set claimed_at = claimed_at - interval '24 hours'`);
    const again = dataOf(
      await post<{ scheduleCampaign: { id: string } }>(SCHEDULE, { id: batch, runAt: LATER }, { header }),
    );
    expect(again.scheduleCampaign.id).not.toBe(first.scheduleCampaign.id);
    await t.orm.em
      .fork()
      .getConnection()
      .execute(`update idempotency_key set claimed_at = claimed_at - interval '24 hours'`);
    dataOf(await post(SCHEDULE, { id: batch, runAt: OTHER_TIME }, { header }));
    expect(await count(`idempotency_key where claimed_at < now() - interval '24 hours'`)).toBe(0);
  });
});

describe('over WebSocket', () => {
  it('the idempotencyKey argument makes a retry return the first run', async () => {
    const client = wsClient({ url }, acme.key);
    const once = () =>
      new Promise<unknown>((resolve, reject) => {
        let result: unknown;
        client.subscribe(
          { query: SCHEDULE, variables: { id: batch, runAt: LATER, key } },
          { next: (value) => (result = value), error: reject, complete: () => resolve(result) },
        );
      });
    const key = freshKey();
    const runs = await count('campaign_run');
    try {
      const first = await once();
      expect(await once()).toEqual(first);
      expect(first).toMatchObject({ data: { scheduleCampaign: { status: 'SCHEDULED' } } });
    } finally {
      await client.dispose();
    }
    expect(await count('campaign_run')).toBe(runs + 1);
  });
});
