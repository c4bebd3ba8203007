import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOO_MANY_CONNECTIONS } from '../../src/server/ws-limits.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey } from '../helpers/factories.js';

/** Opens a graphql-transport-ws connection with `key` and resolves once it is acknowledged or closed. */
async function connect(url: string, key: string) {
  const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: key } }));
  const outcome = await Promise.race([
    new Promise<'acknowledged'>((resolve) => socket.once('message', () => resolve('acknowledged'))),
    closed,
  ]);
  return { socket, outcome, closed };
}

describe('WebSocket connections per key', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp(undefined, { maxWebSocketsPerKey: 2 });
    url = await t.app.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('closes the connection one past the cap with 4429, counting each key apart', async () => {
    const other = await createWorkspaceWithKey(t, 'Other');
    const first = await connect(url, ADMIN_KEY);
    const second = await connect(url, ADMIN_KEY);
    expect([first.outcome, second.outcome]).toEqual(['acknowledged', 'acknowledged']);
    expect((await connect(url, ADMIN_KEY)).outcome).toEqual(TOO_MANY_CONNECTIONS);
    expect((await connect(url, other.key)).outcome).toBe('acknowledged');

    first.socket.close();
    await first.closed;
    await expect.poll(async () => (await connect(url, ADMIN_KEY)).outcome).toBe('acknowledged');
  });

  it('does not count a connection that closed while its key was being checked', async () => {
    const { key } = await createWorkspaceWithKey(t, 'Checked');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: key } }));
      socket.terminate();
    }
    await expect
      .poll(async () => {
        const [first, second] = [await connect(url, key), await connect(url, key)];
        first.socket.close();
        second.socket.close();
        await Promise.all([first.closed, second.closed]);
        return [first.outcome, second.outcome];
      })
      .toEqual(['acknowledged', 'acknowledged']);
  });
});
