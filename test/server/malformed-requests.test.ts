import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { capturingLogger } from '../helpers/logs.js';

const SENT = 'secret-value-xyz';

let t: TestApp;
let url: string;
const captured = capturingLogger();

beforeAll(async () => {
  t = await startTestApp(undefined, { log: captured.log });
  url = await t.app.start();
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };
const multipartBody = [
  '--x',
  'content-disposition: form-data; name="operations"',
  '',
  `{"query": "${SENT}`,
  '--x--',
  '',
].join('\r\n');

/** Malformed requests carrying SENT: what is sent, and the status and code of the answer. */
const MALFORMED: [string, RequestInit & { search?: string }, number, string | null][] = [
  ['JSON cut short', { method: 'POST', headers: json, body: `{"query": "${SENT}` }, 400, 'BAD_REQUEST'],
  [
    'JSON cut short, as application/graphql+json',
    { method: 'POST', headers: { 'content-type': 'application/graphql+json' }, body: `{${SENT}` },
    400,
    'BAD_REQUEST',
  ],
  [
    'JSON with a bare word',
    { method: 'POST', headers: json, body: `{"query": ${SENT}}` },
    400,
    'BAD_REQUEST',
  ],
  ['JSON that is a string', { method: 'POST', headers: json, body: `"${SENT}"` }, 400, 'BAD_REQUEST'],
  ['JSON that is a number', { method: 'POST', headers: json, body: '12345' }, 400, 'BAD_REQUEST'],
  ['JSON that is a list', { method: 'POST', headers: json, body: `["${SENT}"]` }, 400, 'BAD_REQUEST'],
  [
    'variables that are a string',
    { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }', variables: SENT }) },
    400,
    'BAD_REQUEST',
  ],
  ['a text body', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: SENT }, 415, null],
  [
    'a form whose variables are not JSON',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=%7B__typename%7D&variables=%7B%22a%22%3A%22${SENT}`,
    },
    400,
    'BAD_REQUEST',
  ],
  [
    'multipart operations that are not JSON',
    { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: multipartBody },
    200,
    'BAD_USER_INPUT',
  ],
  [
    'GET variables that are not JSON',
    { method: 'GET', search: `?query=%7B__typename%7D&variables=%7B%22a%22%3A%22${SENT}` },
    400,
    'BAD_REQUEST',
  ],
  [
    'GET extensions that are not JSON',
    { method: 'GET', search: `?query=%7B__typename%7D&extensions=%5B${SENT}` },
    400,
    'BAD_REQUEST',
  ],
];

describe('answers to malformed requests', () => {
  it.each(MALFORMED)('to %s carry a code, never the request’s text', async (_name, request, status, code) => {
    const { search = '', ...init } = request;
    const answer = await fetch(`${url}${search}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${ADMIN_KEY}` },
    });
    const text = await answer.text();
    expect(answer.status).toBe(status);
    expect(text).not.toContain(SENT);
    expect(text).not.toMatch(/originalError|stack|SyntaxError|position/i);
    if (code === null) return;
    const { errors } = JSON.parse(text) as { errors: { extensions: Record<string, unknown> }[] };
    expect(errors).toEqual([expect.objectContaining({ extensions: { code } })]);
  });

  it('leave no trace of the request’s text in the logs, nor an unexpected error', () => {
    expect(captured.lines.length).toBeGreaterThan(0);
    for (const line of captured.lines) {
      expect(line).not.toContain(SENT);
      expect(line).not.toContain('unexpected error');
    }
  });

  it('leave the server serving', async () => {
    expect(await t.graphql('{ viewer { isAdmin } }', {}, ADMIN_KEY)).toEqual({
      status: 200,
      data: { viewer: { isAdmin: true } },
    });
  });
});
