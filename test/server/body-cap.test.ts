import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_ANONYMOUS_REQUEST_BYTES, MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
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

/**
 * Writes a POST's `headers` and then `bodyBytes` of its body (chunked unless the headers declare a
 * Content-Length) on a socket of its own, and never finishes the body: resolves with the answer's
 * head and parsed body once they have arrived, which the server can send only if it decided on the
 * bytes it had.
 */
function answerToUnfinishedBody(url: string, headers: string[], bodyBytes: number) {
  const { hostname, port, pathname } = new URL(url);
  const chunked = !headers.some((header) => header.startsWith('content-length:'));
  return new Promise<{ head: string; body: unknown }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      answer += chunk;
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? Number.NaN);
      if (Buffer.byteLength(body) < length) return;
      socket.destroy();
      resolve({ head, body: JSON.parse(body) });
    });
    const framing = chunked ? ['transfer-encoding: chunked'] : [];
    const lines = [`POST ${pathname} HTTP/1.1`, `host: ${hostname}`, 'content-type: application/json'];
    socket.write(`${[...lines, ...framing, ...headers].join('\r\n')}\r\n\r\n`);
    if (bodyBytes === 0) return;
    const body = `{"query":"{ __typename }"${' '.repeat(bodyBytes - 25)}`;
    socket.write(chunked ? `${bodyBytes.toString(16)}\r\n${body}\r\n` : body);
  });
}

const KEY_NEEDED = {
  errors: [
    {
      message: 'Request bodies over 64 KiB need a valid API key, sent as "Authorization: Bearer <key>"',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

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

describe('a body past 64 KiB without a valid key', () => {
  let t: TestApp;
  let url: string;
  let acme: WorkspaceWithKey;
  const past = MAX_ANONYMOUS_REQUEST_BYTES + 1024;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.start();
    acme = await createWorkspaceWithKey(t, 'Acme');
  });
  afterAll(() => t.close());

  it.each([
    ['no key', []],
    ['a key that is not one', ['authorization: Bearer not-a-key-0123456789']],
    ['a key without its scheme', [`authorization: ${ADMIN_KEY}`]],
    ['a key sent twice', [`authorization: Bearer ${ADMIN_KEY}`, `authorization: Bearer ${ADMIN_KEY}`]],
  ])('is refused 401 UNAUTHENTICATED with %s, without waiting for the rest', async (_, headers) => {
    const { head, body } = await answerToUnfinishedBody(url, headers, past);
    expect(head).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(head).toMatch(/\r\nwww-authenticate: Bearer\r\n/i);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(body).toEqual(KEY_NEEDED);
  });

  it('is refused as its headers arrive when its declared length is past 64 KiB', async () => {
    const { head, body } = await answerToUnfinishedBody(url, [`content-length: ${MAX_REQUEST_BYTES}`], 0);
    expect(head).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(body).toEqual(KEY_NEEDED);
  });

  it('is read on and answered with a workspace key, declared or chunked, and refused once it is revoked', async () => {
    const created = await post(
      url,
      JSON.stringify({
        query: 'mutation ($ws: ID!) { createApiKey(workspaceId: $ws, name: "large") { id secret } }',
        variables: { ws: acme.id },
      }),
      ADMIN_KEY,
    );
    const key = (created.answer.data as { createApiKey: { id: string; secret: string } }).createApiKey;
    const body = `{"query":"{ __typename }"${' '.repeat(past)}}`;
    const served = { status: 200, answer: { data: { __typename: 'Query' } } };
    expect(await post(url, body, key.secret)).toEqual(served);
    // A stream body is sent chunked, with no Content-Length.
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toEqual(served.answer);
    const revoked = await post(
      url,
      JSON.stringify({
        query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
        variables: { id: key.id },
      }),
      ADMIN_KEY,
    );
    expect(revoked.answer.errors).toBeUndefined();
    expect(await post(url, body, key.secret)).toEqual({ status: 401, answer: KEY_NEEDED });
  });

  it('is read whole under 64 KiB without a key, declared or chunked, and answered', async () => {
    const body = `{"query":"{ __typename }"${' '.repeat(MAX_ANONYMOUS_REQUEST_BYTES - 100)}}`;
    expect(await post(url, body)).toEqual({ status: 200, answer: { data: { __typename: 'Query' } } });
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toEqual({ data: { __typename: 'Query' } });
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
