import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type BodyLimits, withinBodyLimit } from '../../src/server/body-limit.js';

/** A server whose `next` answers with the size of the body it was handed, under `limits`. */
async function serve(limits: BodyLimits): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) =>
    withinBodyLimit(
      request,
      response,
      () => {
        const { body } = request as unknown as { body: { pad: string } };
        response.end(JSON.stringify({ read: body.pad.length }));
      },
      limits,
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const limits = (hasValidKey: BodyLimits['hasValidKey']): BodyLimits => ({
  maxBytes: 256 * 1024,
  anonymousMaxBytes: 16 * 1024,
  hasValidKey,
});

const post = (url: string, bytes: number) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer some-key' },
    body: JSON.stringify({ pad: 'x'.repeat(bytes) }),
  });

describe('the key check of a body past what is read without a key', () => {
  let running: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));

  it('is asked once, and only of a body past it', async () => {
    let asked = 0;
    const { server, url } = await serve(
      limits(async () => {
        asked += 1;
        return true;
      }),
    );
    running = server;
    expect(await (await post(url, 8 * 1024)).json()).toEqual({ read: 8 * 1024 });
    expect(asked).toBe(0);
    expect(await (await post(url, 100 * 1024)).json()).toEqual({ read: 100 * 1024 });
    expect(asked).toBe(1);
  });

  it('lets the body be read whole when the key could not be looked up, for the request to report', async () => {
    const { server, url } = await serve(limits(() => Promise.reject(new Error('database unreachable'))));
    running = server;
    const response = await post(url, 100 * 1024);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ read: 100 * 1024 });
  });

  it('refuses with 401 when the key is not valid, and never hands the body on', async () => {
    const { server, url } = await serve(limits(async () => false));
    running = server;
    const response = await post(url, 100 * 1024);
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
