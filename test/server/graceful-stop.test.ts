import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_KEY, startTestApp } from '../helpers/app.js';

describe('graceful stop', () => {
  it('stops listening, closes WebSocket clients with 1001 and keeps the ORM for its owner', async () => {
    await using t = await startTestApp();
    const url = await t.app.start();
    const closeCodes: number[] = [];
    const client = createClient({
      url: url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: ADMIN_KEY },
      retryAttempts: 0,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    await new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: '{ viewer { isAdmin } }' },
        { next: () => undefined, error: reject, complete: resolve },
      ),
    );

    await t.app.stop();

    expect(t.app.server.listening).toBe(false);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    await expect.poll(() => closeCodes).toEqual([1001]);
    expect(await t.orm.isConnected()).toBe(true);
    await client.dispose();
  });
});
