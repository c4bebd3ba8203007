import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';

/** Posts `body` as is over HTTP with `contentType`, and resolves with the status and the parsed answer. */
async function post(url: string, body: string, key?: string, contentType = 'application/json') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(key && { authorization: `Bearer ${key}` }) },
    body,
  });
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
}

const UPSERT =
  'mutation ($ws: ID!, $leads: [LeadInput!]!) { upsertLeads(workspaceId: $ws, leads: $leads) { id } }';

describe('the default body cap', () => {
  let t: TestApp;
  let url: string;
  let acme: WorkspaceWithKey;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.start();
    acme = await createWorkspaceWithKey(t, 'Acme');
    const defined = await post(
      url,
      JSON.stringify({
        query:
          'mutation ($ws: ID!) { defineLeadField(workspaceId: $ws, name: "notes", type: STRING) { id } }',
        variables: { ws: acme.id },
      }),
      acme.key,
    );
    expect(defined.answer.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('is 1 MiB, and carries an upsertLeads of 1,000 leads of about 1 KB each (the README’s promise)', async () => {
    const leads = Array.from({ length: 1000 }, (_, i) => ({
      email: `lead-${String(i).padStart(4, '0')}@example.com`,
      fields: { notes: 'n'.repeat(960) },
    }));
    const body = JSON.stringify({ query: UPSERT, variables: { ws: acme.id, leads } });
    expect(MAX_REQUEST_BYTES).toBe(1024 * 1024);
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body.length).toBeLessThan(MAX_REQUEST_BYTES);
    const { status, answer } = await post(url, body, acme.key);
    expect(answer.errors).toBeUndefined();
    expect(status).toBe(200);
    expect((answer.data as { upsertLeads: unknown[] }).upsertLeads).toHaveLength(1000);
  });

  it('reads a JSON body once as Yoga would: with parameters, as application/graphql+json, and {} refused by Yoga', async () => {
    const query = JSON.stringify({ query: '{ viewer { isAdmin } }' });
    const expected = { status: 200, answer: { data: { viewer: { isAdmin: true } } } };
    expect(await post(url, query, ADMIN_KEY, 'application/json; charset=utf-8')).toEqual(expected);
    expect(await post(url, query, ADMIN_KEY, 'application/graphql+json')).toEqual(expected);
    const empty = await post(url, '{}', ADMIN_KEY);
    expect(empty).toEqual({
      status: 200,
      answer: { errors: [{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

describe('a configured body cap (MAX_REQUEST_BYTES)', () => {
  const CAP = 256 * 1024;
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(undefined, { maxRequestBytes: CAP });
    url = await t.app.start();
  });
  afterAll(() => t.close());

  /** A body of exactly `bytes` bytes: a query padded with spaces. */
  const bodyOf = (bytes: number) => {
    const head = '{"query":"{ __typename }"';
    return `${head}${' '.repeat(bytes - head.length - 1)}}`;
  };

  it('serves a body of exactly the cap, and answers one byte more 413 naming the cap', async () => {
    expect(await post(url, bodyOf(CAP), ADMIN_KEY)).toEqual({
      status: 200,
      answer: { data: { __typename: 'Query' } },
    });
    expect(await post(url, bodyOf(CAP + 1), ADMIN_KEY)).toEqual({
      status: 413,
      answer: {
        errors: [
          { message: 'Request bodies are limited to 256 KiB', extensions: { code: 'PAYLOAD_TOO_LARGE' } },
        ],
      },
    });
  });

  it('closes a WebSocket whose message is over the same cap with 1009', async () => {
    const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(Buffer.alloc(CAP + 1, ' '));
    expect(await closed).toBe(1009);
  });
});
