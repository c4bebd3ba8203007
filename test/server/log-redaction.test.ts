import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql/query.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { capturingLogger } from '../helpers/logs.js';

const SECRET = 'secret-7f3a@example.com';

let t: TestApp;
const captured = capturingLogger();

beforeAll(async () => {
  t = await startTestApp(undefined, { log: captured.log });
});
afterAll(() => t.close());

async function databaseError(): Promise<unknown> {
  return query(t.orm.em.fork(), 'select ?::bigint', [SECRET]).then(
    () => expect.fail('the statement succeeded'),
    (error: unknown) => error,
  );
}

describe('log lines', () => {
  it('never carry a failing statement’s values, however the error is wrapped', async () => {
    const { log, lines } = capturingLogger();
    const error = await databaseError();
    log.error({ err: error }, 'as is');
    log.error({ err: new GraphQLError('wrapped', { originalError: error as Error }) }, 'in a GraphQL error');
    log.error({ err: new Error('caused', { cause: error }) }, 'as a cause');
    log.warn({ error }, 'under another key');
    log.info({ sql: `select '${SECRET}'`, params: [SECRET] }, 'statement fields');
    log.info({ req: { headers: { authorization: `Bearer ${SECRET}` } } }, 'a request');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).not.toContain(SECRET);
    expect(lines[0]).toContain('22P02');
  });

  it('of the server stay clean when operations fail with values in them', async () => {
    const failing = [
      `mutation { createWorkspace(name: "${SECRET}\\u0000") { id } }`,
      `mutation { upsertLeads(workspaceId: "V29ya3NwYWNlOjE=", leads: [{ email: "${SECRET}", fields: { nope: "${SECRET}" } }]) { id } }`,
      '{ "not": json',
    ];
    for (const operation of failing) {
      const response = await t.app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: operation.startsWith('{ "not"') ? operation : JSON.stringify({ query: operation }),
      });
      await response.text();
    }
    expect(captured.lines.length).toBeGreaterThan(0);
    for (const line of captured.lines) expect(line).not.toContain(SECRET);
  });
});
