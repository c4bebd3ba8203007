import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
});
afterAll(() => t.close());

/** The audits' requests, with the admin key: an operation without one is refused before the audit can look. */
const withKey: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${ADMIN_KEY}`);
  return fetch(input, { ...init, headers });
};

describe('GraphQL over HTTP (graphql-http’s audit suite)', () => {
  for (const audit of serverAudits({ url: () => url, fetchFn: withKey })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result, result.status === 'ok' ? '' : result.reason).toMatchObject({ status: 'ok' });
    });
  }
});
