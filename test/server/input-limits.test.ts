import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DRAIN_AFTER_REFUSAL, MAX_REQUEST_BYTES } from '../../src/server/body-limit.js';
import { DOCUMENT_LIMITS } from '../../src/server/document-limits.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';

const repeat = (count: number, text: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => text(index)).join(' ');

/** One document per limit, each just over it, and the word its error names. */
const overEachLimit: [string, string, RegExp][] = [
  ['bytes', `{ __typename } #${'x'.repeat(DOCUMENT_LIMITS.bytes)}`, /^Query bytes \d+ exceeds the limit/],
  ['tokens', `{ ${'__typename '.repeat(DOCUMENT_LIMITS.tokens)} }`, /^Query token count exceeds/],
  [
    'nesting',
    `{ node(id: ${'['.repeat(DOCUMENT_LIMITS.nesting)}1${']'.repeat(DOCUMENT_LIMITS.nesting)}) { id } }`,
    /^Query nesting exceeds the limit/,
  ],
  ['breadth', `{ ${'__typename '.repeat(DOCUMENT_LIMITS.breadth + 1)} }`, /^Query breadth \d+ exceeds/],
  ['aliases', `{ ${repeat(DOCUMENT_LIMITS.aliases + 1, (i) => `a${i}: __typename`)} }`, /^Query aliases/],
  [
    'directives',
    `{ __typename ${'@skip(if: false) '.repeat(DOCUMENT_LIMITS.directives + 1)} }`,
    /^Query directives \d+ exceeds/,
  ],
  [
    'fragments',
    `{ __typename } ${repeat(DOCUMENT_LIMITS.fragments + 1, (i) => `fragment f${i} on Query { __typename }`)}`,
    /^Query fragments \d+ exceeds/,
  ],
  [
    'operations',
    repeat(DOCUMENT_LIMITS.operations + 1, (i) => `query q${i} { __typename }`),
    /^Query operations \d+ exceeds/,
  ],
];

/**
 * Sends `bytes` bytes as a chunked body (no Content-Length), with the admin key (a body past 64 KiB
 * needs one), and resolves with the answer.
 */
function postChunked(url: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` };
    const request = httpRequest(url, { method: 'POST', headers });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, ' ');
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      request.end('}');
    };
    request.write('{"query":"{ __typename }"');
    write();
  });
}

/** The admin key's header line of a request written on a raw socket. */
const ADMIN_AUTHORIZATION = `authorization: Bearer ${ADMIN_KEY}\r\n`;

/**
 * Writes a request with a body of `bytes` spaces, chunked or with its Content-Length, with the admin
 * key, on a socket of its own as a client that sends its whole body before looking at any answer, and resolves once the
 * server closes: with the status line, the answer's body and the errors the socket met (EPIPE, a
 * reset).
 */
function postWhole(
  url: string,
  bytes: number,
  framing: 'chunked' | 'content-length',
): Promise<{ status: string; body: string; errors: string[] }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const errors: string[] = [];
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: head.split('\r\n')[0] ?? '', body, errors });
    });
    const length = framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${bytes}`;
    socket.write(`POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\n${ADMIN_AUTHORIZATION}${length}\r\n\r\n`);
    const body = Buffer.alloc(bytes, ' ');
    if (framing === 'chunked') socket.write(`${bytes.toString(16)}\r\n`);
    socket.write(body);
    socket.end(framing === 'chunked' ? '\r\n0\r\n\r\n' : '');
  });
}

/**
 * Declares a body of `declared` bytes and sends it in 64 KiB chunks, with the admin key, on a socket
 * of its own, until
 * the server closes the connection; resolves with the status line read and the bytes sent.
 */
function postUntilClosed(url: string, declared: number): Promise<{ status: string; sent: number }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ status: answer.split('\r\n')[0] ?? '', sent }));
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\n${ADMIN_AUTHORIZATION}content-length: ${declared}\r\n\r\n`,
    );
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
    write();
  });
}

describe('limits on hostile input, before the key is checked', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(overEachLimit)(
    'refuses a document over the %s limit as BAD_USER_INPUT, with no key',
    async (_, query, message) => {
      const response = await t.graphql(query);
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
      expect(response.data).toBeUndefined();
    },
  );

  it('counts __typename and introspection fields toward breadth', async () => {
    const response = await t.graphql(
      `{ ${repeat(DOCUMENT_LIMITS.breadth + 1, (i) => (i % 2 ? '__typename' : '__schema { __typename }'))} }`,
    );
    expect(response.errors?.[0]?.message).toMatch(/^Query breadth \d+ exceeds/);
  });

  it('runs a document at every limit, and the full introspection query', async () => {
    const atLimits = `{ ${repeat(DOCUMENT_LIMITS.aliases, (i) => `a${i}: __typename @skip(if: false)`)} }`;
    expect(await t.graphql(atLimits, {}, ADMIN_KEY)).toMatchObject({ data: { a0: 'Query' } });
    const introspection = await t.graphql(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
      {},
      ADMIN_KEY,
    );
    expect(introspection.errors).toBeUndefined();
  });

  it('answers a chunked body over the cap with 413 PAYLOAD_TOO_LARGE, and serves the next request', async () => {
    const refused = await postChunked(url, MAX_REQUEST_BYTES + 1);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const served = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
    });
    expect(await served.json()).toEqual({ data: { viewer: { isAdmin: true } } });
  });

  it.each(['chunked', 'content-length'] as const)(
    'answers a %s body over the cap with 413 PAYLOAD_TOO_LARGE that the client reads, not a reset',
    async (framing) => {
      const refused = await postWhole(url, 2 * MAX_REQUEST_BYTES, framing);
      expect(refused.errors).toEqual([]);
      expect(refused.status).toBe('HTTP/1.1 413 Payload Too Large');
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    },
  );

  it('stops reading a refused body past what it drains, and closes the connection', async () => {
    const declared = 16 * (MAX_REQUEST_BYTES + DRAIN_AFTER_REFUSAL.bytes);
    const cut = await postUntilClosed(url, declared);
    expect(cut.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(cut.sent).toBeLessThan(declared);
  });

  it('answers a body that is not JSON with BAD_REQUEST, without quoting the body back', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: `{"query":"${'a'.repeat(100_000)}`,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: 'POST body sent invalid JSON.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('reads a chunked body under the cap', async () => {
    const accepted = await postChunked(url, 512 * 1024);
    expect(JSON.parse(accepted.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('closes a WebSocket whose first message is over the cap with 1009, before connection_init', async () => {
    const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(Buffer.alloc(MAX_REQUEST_BYTES + 1, ' '));
    expect(await closed).toBe(1009);
  });
});
