import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';

const ALLOWED = 'https://app.example.com';
const EVIL = 'https://evil.example';

/** A browser's preflight from `origin` for a POST carrying the key. */
async function preflight(t: TestApp, origin: string): Promise<Response> {
  return t.app.yoga.fetch('http://localhost/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

/** The POST a page at `origin` sends once its preflight passed. */
async function post(t: TestApp, origin: string): Promise<Response> {
  return t.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
  });
}

/** The CORS headers of an answer, by lower-case name. */
function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries(
    [...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}

describe('CORS with no origin allowed (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives another origin no CORS header, on the preflight or the request', async () => {
    expect(corsHeaders(await preflight(t, EVIL))).toEqual({});
    const answer = await post(t, EVIL);
    expect(corsHeaders(answer)).toEqual({});
    // Same-origin callers (GraphiQL) need no header: the request itself is served.
    expect(await answer.json()).toEqual({ data: { viewer: { isAdmin: true } } });
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { corsOrigins: [ALLOWED, 'http://localhost:5173'] });
  });
  afterAll(() => t.close());

  it('allows exactly an allowed origin, without credentials', async () => {
    expect(corsHeaders(await preflight(t, ALLOWED))).toEqual({
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization, content-type',
      vary: 'Origin',
    });
    const answer = await post(t, ALLOWED);
    expect(corsHeaders(answer)).toMatchObject({ 'access-control-allow-origin': ALLOWED, vary: 'Origin' });
    expect(answer.headers.has('access-control-allow-credentials')).toBe(false);
    expect(await answer.json()).toEqual({ data: { viewer: { isAdmin: true } } });
  });

  it.each([EVIL, 'null', `${ALLOWED}.evil.example`, 'http://app.example.com'])(
    'gives %s no CORS header, only Vary',
    async (origin) => {
      expect(corsHeaders(await preflight(t, origin))).toEqual({ vary: 'Origin' });
      expect(corsHeaders(await post(t, origin))).toEqual({ vary: 'Origin' });
    },
  );
});
