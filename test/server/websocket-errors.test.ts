import { request } from 'node:http';
import type { Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import WebSocket from 'ws';
import { MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { capturingLogger } from '../helpers/logs.js';

const SENT = 'secret-value-xyz';

let t: TestApp;
let url: string;
const captured = capturingLogger();

beforeAll(async () => {
  t = await startTestApp(undefined, { log: captured.log });
  url = (await t.app.start()).replace('http://', 'ws://');
});
afterAll(() => t.close());

/** An open graphql-transport-ws socket, acknowledged when `init` (the default). */
async function open(init = true) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  if (init) {
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: ADMIN_KEY } }));
    await new Promise((resolve) => socket.once('message', resolve));
  }
  return { socket, closed };
}

/** A text frame the client did not mask, as no client may send it: ws refuses it (1002). */
function unmaskedFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

describe('a WebSocket client sending what the protocol does not allow', () => {
  let stderr: MockInstance;
  let consoleError: MockInstance;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write');
    consoleError = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const sends: [string, (socket: WebSocket) => void, number][] = [
    ['a message over the cap', (socket) => socket.send(`"${SENT}${' '.repeat(MAX_REQUEST_BYTES)}"`), 1009],
    ['a message that is not JSON', (socket) => socket.send(`{ ${SENT}`), 4400],
    [
      'a binary frame, even of a valid message',
      (socket) => socket.send(Buffer.from(JSON.stringify({ type: 'ping', payload: { SENT } }))),
      4400,
    ],
    [
      'a message only a server sends',
      (socket) => socket.send(JSON.stringify({ type: 'next', id: SENT, payload: {} })),
      4400,
    ],
    [
      'a frame it did not mask',
      (socket) => (socket as unknown as { _socket: Socket })._socket.write(unmaskedFrame(SENT)),
      1002,
    ],
  ];

  it.each(sends)(
    '(%s) is closed with its code, one log line and nothing on stderr',
    async (_name, send, code) => {
      const linesBefore = captured.lines.length;
      const { socket, closed } = await open();
      send(socket);
      expect((await closed).code).toBe(code);
      await expect.poll(() => captured.lines.length).toBeGreaterThan(linesBefore);
      const lines = captured.lines.slice(linesBefore).filter((line) => line.includes('websocket'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain(SENT);
      expect(lines[0]).not.toContain('stack');
      expect(consoleError).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    },
  );

  it('names the refusal by ws’s error code, not its message', async () => {
    const { socket, closed } = await open(false);
    socket.send(Buffer.alloc(MAX_REQUEST_BYTES + 1));
    expect((await closed).code).toBe(1009);
    await expect
      .poll(() => captured.lines.some((line) => line.includes('"code":"WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"')))
      .toBe(true);
  });

  it('answers a handshake ws cannot accept with 400, and nothing on stderr', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const upgrade = request(url.replace('ws://', 'http://'), {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': SENT,
        },
      });
      upgrade.once('response', (response) => resolve(response.statusCode)).once('error', reject);
      upgrade.end();
    });
    expect(status).toBe(400);
    expect(consoleError).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
  });

  it('leaves the server serving', async () => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: ADMIN_KEY },
    });
    const result = await new Promise((resolve, reject) =>
      client.subscribe(
        { query: '{ viewer { isAdmin } }' },
        { next: resolve, error: reject, complete: () => {} },
      ),
    );
    expect(result).toEqual({ data: { viewer: { isAdmin: true } } });
    await client.dispose();
  });
});

describe('a WebSocket client reusing or abusing what it sends', () => {
  it('closes with 4409 when an operation id is sent again while its first is still being set up', async () => {
    const { socket, closed } = await open();
    const subscribe = (id: string) =>
      JSON.stringify({
        id,
        type: 'subscribe',
        payload: { query: 'subscription { activityAdded { id } }' },
      });
    socket.send(subscribe('a'));
    socket.send(JSON.stringify({ id: 'a', type: 'complete' }));
    socket.send(subscribe('a'));
    expect((await closed).code).toBe(4409);
  });

  it('refuses a key sent under many spellings with 4403 and a reason that fits a close frame', async () => {
    // Every spelling with one letter upper-cased: the refusal names them all, far past 123 bytes.
    const spellings = [...'authorization'].map(
      (_letter, at) =>
        `${'authorization'.slice(0, at)}${'authorization'[at]?.toUpperCase()}${'authorization'.slice(at + 1)}`,
    );
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const payload = Object.fromEntries(spellings.map((name) => [name, ADMIN_KEY]));
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
    const { code, reason } = await closed;
    expect(code).toBe(4403);
    expect(reason).toMatch(/^The API key was sent twice/);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
  });
});
