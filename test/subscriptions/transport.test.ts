import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';

let t: TestApp;
let httpUrl: string;
let wsUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  httpUrl = await t.app.start();
  wsUrl = httpUrl.replace('http://', 'ws://');
});
afterAll(() => t.close());

function wsClient(connectionParams: Record<string, unknown>) {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Runs one operation and resolves with its result, or rejects with the close event / error. */
function runOnce(client: ReturnType<typeof createClient>, query: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe(
      { query },
      { next: (value) => (result = value), error: reject, complete: () => resolve(result) },
    );
  });
}

describe('WebSocket (graphql-transport-ws)', () => {
  it('runs an operation with the key in connectionParams.authorization', async () => {
    const client = wsClient({ authorization: ADMIN_KEY });
    await expect(runOnce(client, '{ viewer { isAdmin } }')).resolves.toEqual({
      data: { viewer: { isAdmin: true } },
    });
    await client.dispose();
  });

  it('accepts the Bearer form too', async () => {
    const client = wsClient({ authorization: `Bearer ${ADMIN_KEY}` });
    await expect(runOnce(client, '{ viewer { isAdmin } }')).resolves.toEqual({
      data: { viewer: { isAdmin: true } },
    });
    await client.dispose();
  });

  it.each([
    ['Authorization', { Authorization: `Bearer ${ADMIN_KEY}` }],
    ['AUTHORIZATION', { AUTHORIZATION: ADMIN_KEY }],
    ['one spelling with a value, another empty', { Authorization: ADMIN_KEY, authorization: '' }],
  ])('semantics K1 accepts the key under %s', async (_case, params) => {
    const client = wsClient(params);
    await expect(runOnce(client, '{ viewer { isAdmin } }')).resolves.toEqual({
      data: { viewer: { isAdmin: true } },
    });
    await client.dispose();
  });

  it.each([
    ['a wrong key', { authorization: 'cek_wrong' }, 'The API key is not valid'],
    ['a wrong key under Authorization', { Authorization: 'Bearer cek_wrong' }, 'The API key is not valid'],
    ['no key', {}, 'No API key: send connectionParams { authorization: "Bearer <key>" }'],
    [
      'the key sent twice',
      { authorization: ADMIN_KEY, Authorization: `Bearer ${ADMIN_KEY}` },
      'The API key was sent twice (authorization, Authorization): send it once',
    ],
  ])('semantics K1 closes the socket with 4403 and why for %s', async (_case, params, reason) => {
    const client = wsClient(params);
    const failure = await runOnce(client, '{ viewer { isAdmin } }').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 4403, reason });
    await client.dispose();
  });

  it('answers a syntax error with errors and keeps the socket open', async () => {
    const client = wsClient({ authorization: ADMIN_KEY });
    const failure = await runOnce(client, '{ viewer {').catch((error: unknown) => error);
    expect(failure).toEqual([expect.objectContaining({ message: expect.stringContaining('Syntax Error') })]);
    await expect(runOnce(client, '{ viewer { isAdmin } }')).resolves.toEqual({
      data: { viewer: { isAdmin: true } },
    });
    await client.dispose();
  });

  it('masks and codes errors as HTTP does', async () => {
    const client = wsClient({ authorization: ADMIN_KEY });
    const result = (await runOnce(client, '{ node(id: "%%%") { id } }')) as {
      errors: { extensions: unknown }[];
    };
    expect(result.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    await client.dispose();
  });
  it('sends each result as one text message of UTF-8, as graphql-ws would, whatever its characters', async () => {
    const name = '캠페인 “팀” 🚀';
    const workspace = await createWorkspaceWithKey(t, name);
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const frames: { text: string; isBinary: boolean }[] = [];
    const completed = new Promise<void>((resolve) =>
      socket.on('message', (data, isBinary) => {
        frames.push({ text: String(data), isBinary });
        if (frames.length === 1) {
          socket.send(
            JSON.stringify({
              id: 'op-1',
              type: 'subscribe',
              payload: { query: '{ viewer { workspaces { name } } }' },
            }),
          );
        }
        if (String(data).includes('"complete"')) resolve();
      }),
    );
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: workspace.key } }));
    await completed;
    socket.close();
    expect(frames.map((frame) => frame.isBinary)).toEqual([false, false, false]);
    expect(frames.map((frame) => JSON.parse(frame.text))).toEqual([
      { type: 'connection_ack' },
      { id: 'op-1', type: 'next', payload: { data: { viewer: { workspaces: [{ name }] } } } },
      { id: 'op-1', type: 'complete' },
    ]);
  });
});

describe('Server-sent events', () => {
  it('streams an operation result as text/event-stream, authenticated like HTTP', async () => {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${ADMIN_KEY}`,
      },
      body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = await response.text();
    expect(body).toContain('event: next');
    expect(body).toContain('{"data":{"viewer":{"isAdmin":true}}}');
  });
});
