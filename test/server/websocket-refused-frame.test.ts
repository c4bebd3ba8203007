import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_ANONYMOUS_REQUEST_BYTES, MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';

/** The close frame's code read from the server's bytes after the handshake, if one came. */
function closeCode(frames: Buffer): number | undefined {
  // A server's close frame: FIN + opcode 8, an unmasked length under 126, the code in two bytes.
  if (frames.length < 4 || frames[0] !== 0x88) return undefined;
  return frames.readUInt16BE(2);
}

/**
 * Opens a graphql-transport-ws connection on a raw socket, declares one text frame of `declared`
 * bytes and sends its payload in 64 KiB chunks, as a client that keeps sending whatever the server
 * answers, until the server closes the connection. Resolves with the close frame's code and how
 * much of the payload the socket took before it closed.
 */
function sendFrameUntilClosed(url: string, declared: number) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ code: number | undefined; sent: number }>((resolve) => {
    // Half-open: the server's end (after its close frame) does not stop this client sending.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    let received = Buffer.alloc(0);
    let upgraded = false;
    let sent = 0;
    socket.on('error', () => {});
    socket.on('close', () => {
      const frames = received.subarray(received.indexOf('\r\n\r\n') + 4);
      resolve({ code: closeCode(frames), sent });
    });
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const write = () => {
      while (sent < declared && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', write);
          return;
        }
      }
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (upgraded || !received.includes('\r\n\r\n')) return;
      upgraded = true;
      expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
      // FIN + text, masked with a zero mask, a 64-bit length.
      const header = Buffer.alloc(14);
      header[0] = 0x81;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(declared), 2);
      socket.write(header);
      write();
    });
    socket.write(
      [
        `GET ${pathname} HTTP/1.1`,
        `host: ${hostname}:${port}`,
        'upgrade: websocket',
        'connection: Upgrade',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version: 13',
        'sec-websocket-protocol: graphql-transport-ws',
        '\r\n',
      ].join('\r\n'),
    );
  });
}

describe('a WebSocket frame over the cap', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.start();
  });
  afterAll(() => t.close());

  it('is answered with close 1009, then its connection is cut without the rest being read', async () => {
    const declared = 256 * 1024 * 1024;
    const { code, sent } = await sendFrameUntilClosed(url, declared);
    expect(code).toBe(1009);
    // What the kernel's buffers took at most: the server stopped reading at the frame's header.
    expect(sent).toBeLessThan(declared / 4);
  });

  it('is answered 1009 to a ws client still sending, which sees the code and not a reset', async () => {
    const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    socket.send(Buffer.alloc(12 * MAX_REQUEST_BYTES, ' '));
    expect(await closed).toBe(1009);
  });

  it('leaves the server serving', async () => {
    const health = await fetch(url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});

describe('a WebSocket message past 64 KiB before the connection is accepted', () => {
  let t: TestApp;
  let url: string;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = (await t.app.start()).replace('http://', 'ws://');
    key = (await createWorkspaceWithKey(t, 'Acme')).key;
  });
  afterAll(() => t.close());

  /** A graphql-transport-ws message of `type` padded past `bytes`. */
  const padded = (type: string, payload: Record<string, unknown>, bytes: number) =>
    JSON.stringify({ type, payload: { ...payload, padding: ' '.repeat(bytes) } });

  async function open(): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.on('error', () => {});
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return { socket, closed };
  }

  it('is refused with 1009, a valid key in it or not, without the message being parsed', async () => {
    for (const payload of [{}, { authorization: `Bearer ${key}` }]) {
      const { socket, closed } = await open();
      socket.send(padded('connection_init', payload, 2 * MAX_ANONYMOUS_REQUEST_BYTES));
      expect(await closed).toEqual({
        code: 1009,
        reason: 'Messages before the connection is accepted are limited to 64 KiB',
      });
    }
  });

  it('is read once the key is accepted, up to the cap', async () => {
    const { socket, closed } = await open();
    const acknowledged = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }));
    expect(JSON.parse(String(await acknowledged))).toEqual({ type: 'connection_ack' });
    const pong = new Promise((resolve) => socket.once('message', resolve));
    socket.send(padded('ping', {}, MAX_REQUEST_BYTES / 2));
    expect(JSON.parse(String(await pong))).toMatchObject({ type: 'pong' });
    socket.close(1000);
    expect((await closed).code).toBe(1000);
  });
});
