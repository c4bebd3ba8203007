import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { type AllowedTargets, parseAllowedTargets } from '../../src/domain/network-targets.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { resumeWait } from '../../src/runs/resume-wait.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { finishRunInline } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createScoredProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

const allowing = (hosts: string) => parseAllowedTargets(hosts).targets as AllowedTargets;
/** The local listener's address, as the tests' operator would allow it. */
const LOCAL = allowing('127.0.0.1');

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let hooks: Server;
let hookUrl: string;
let received: Received[];
/** What the local webhook server does with the next requests. */
let respond: (response: ServerResponse) => void;

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString();
}

/** A campaign whose flow is +1, a webhook, +2, and its lead, run up to the webhook. */
async function runToWebhook(name: string, webhook: Record<string, unknown>) {
  const email = `${name}@example.com`;
  await upsertLeads(t, acme, [{ email }]);
  const campaignId = await createCampaign(t, acme, {
    programId: program,
    name,
    qualificationRule: { kind: 'EVERY_TIME' },
    smartList: { filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: [email] }] },
    flow: [
      { action: { changeScore: { change: '+1' } } },
      { action: { webhook } },
      { action: { changeScore: { change: '+2' } } },
    ],
  });
  const em = t.orm.em.fork();
  const campaignRun = em.create(CampaignRun, {
    workspace: databaseIdOf(acme.id),
    campaign: databaseIdOf(campaignId),
    kind: 'BATCH',
    status: 'QUEUED',
  });
  await em.flush();
  await finishRunInline(t, campaignRun.id);
  const [wait] = await t.orm.em.fork().find(FlowWait, { run: campaignRun.id });
  return { runId: campaignRun.id, campaignId, waitId: wait?.id as string, email };
}

const scoreOf = async (email: string) =>
  Number((await t.orm.em.fork().findOneOrFail(Lead, { email })).fields.score ?? 0);

const activitiesOf = async (runId: string) =>
  (await t.orm.em.fork().find(Activity, { run: runId }, { orderBy: { id: 'asc' } })).map((activity) => ({
    type: activity.type,
    attributes: activity.attributes,
  }));

beforeAll(async () => {
  t = await startTestApp(undefined, { allowedWebhookTargets: allowing('127.0.0.1, localhost') });
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createScoredProgram(t, acme, 'Hooks', '+0');
  hooks = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({
        method: request.method as string,
        url: request.url as string,
        contentType: request.headers['content-type'],
        body,
      });
      respond(response);
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
});
beforeEach(() => {
  received = [];
  respond = (response) => response.writeHead(200).end('{"ok":true}');
});
afterAll(async () => {
  hooks.closeAllConnections();
  await new Promise((resolve) => hooks.close(resolve));
  await t.close();
});

describe('semantics F10 webhooks', () => {
  it('suspend the flow durably, then call with tokens resolved, record the status and go on', async () => {
    const { runId, waitId, email } = await runToWebhook('hooked', {
      url: `${hookUrl}/leads?email={{lead.email}}`,
      body: '{"email": "{{lead.email}}"}',
    });
    expect(await scoreOf(email)).toBe(1);
    const wait = await t.orm.em.fork().findOneOrFail(FlowWait, { id: waitId });
    expect([wait.kind, wait.status, wait.resumeStep]).toEqual(['WEBHOOK', 'PENDING', 2]);
    expect(received).toEqual([]);

    expect(await resumeWait(t.orm, waitId, new Date(), { allowedTargets: LOCAL })).toBe(true);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/leads?email=hooked@example.com',
        contentType: 'application/json',
        body: '{"email": "hooked@example.com"}',
      },
    ]);
    expect(await scoreOf(email)).toBe(3);
    expect(await activitiesOf(runId)).toEqual([
      { type: 'CHANGE_SCORE', attributes: expect.objectContaining({ change: '+1' }) },
      {
        type: 'CALL_WEBHOOK',
        attributes: {
          url: `${hookUrl}/leads?email=hooked@example.com`,
          method: 'POST',
          status: 200,
          ok: true,
          error: null,
        },
      },
      { type: 'CHANGE_SCORE', attributes: expect.objectContaining({ change: '+2' }) },
    ]);

    expect(await resumeWait(t.orm, waitId, new Date(), { allowedTargets: LOCAL })).toBe(false);
    expect(received).toHaveLength(1);
    expect(await scoreOf(email)).toBe(3);
  });

  it('a failing call is recorded and does not stop the flow: HTTP 500, timeout, refused, invalid URL', async () => {
    respond = (response) => response.writeHead(500).end();
    const failing = await runToWebhook('failing', { url: `${hookUrl}/fail`, method: 'PUT', body: 'plain' });
    await resumeWait(t.orm, failing.waitId, new Date(), { allowedTargets: LOCAL });
    expect(received.map((request) => [request.method, request.contentType])).toEqual([
      ['PUT', 'text/plain; charset=utf-8'],
    ]);

    respond = () => {};
    const silent = await runToWebhook('silent', { url: `${hookUrl}/hang`, method: 'GET' });
    await resumeWait(t.orm, silent.waitId, new Date(), { allowedTargets: LOCAL, timeoutMs: 200 });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await runToWebhook('refused', { url: `http://127.0.0.1:${closedPort}/` });
    await resumeWait(t.orm, refused.waitId, new Date(), { allowedTargets: LOCAL });

    const invalid = await runToWebhook('invalid', { url: 'http://bad host/{{lead.email}}' });
    await resumeWait(t.orm, invalid.waitId, new Date(), { allowedTargets: LOCAL });

    const outcomes = [];
    for (const { runId, email } of [failing, silent, refused, invalid]) {
      expect(await scoreOf(email)).toBe(3);
      const call = (await activitiesOf(runId)).find((activity) => activity.type === 'CALL_WEBHOOK');
      outcomes.push([call?.attributes.status, call?.attributes.ok, call?.attributes.error]);
    }
    expect(outcomes).toEqual([
      [500, false, 'HTTP 500'],
      [null, false, 'no response within 0.2 s'],
      [null, false, 'no response (ECONNREFUSED)'],
      [null, false, 'the URL is not valid'],
    ]);
  });

  it('Remove from Flow before the call cancels it: no call, no activity, the flow stops', async () => {
    const { runId, campaignId, waitId, email } = await runToWebhook('removed', { url: `${hookUrl}/never` });
    await run(
      t,
      acme.key,
      'mutation ($leads: [ID!]!, $campaign: ID!) { removeFromFlow(campaignId: $campaign, leadIds: $leads) }',
      {
        leads: [globalIdOf('Lead', (await t.orm.em.fork().findOneOrFail(Lead, { email })).id)],
        campaign: campaignId,
      },
    );
    expect(await resumeWait(t.orm, waitId, new Date(), { allowedTargets: LOCAL })).toBe(false);
    expect(received).toEqual([]);
    expect((await activitiesOf(runId)).map((activity) => activity.type)).toEqual(['CHANGE_SCORE']);
    expect(await scoreOf(email)).toBe(1);
  });

  it('the job queue makes the call and resumes the flow', async () => {
    const worker = await startWorker(
      t.orm,
      t.database.url,
      pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      { allowedWebhookTargets: LOCAL },
    );
    try {
      const { email } = await runToWebhook('queued', { url: `${hookUrl}/queued`, body: '{}' });
      await expect.poll(() => scoreOf(email), { timeout: 20_000, interval: 100 }).toBe(3);
      expect(received.map((request) => request.url)).toEqual(['/queued']);
    } finally {
      await worker.stop();
    }
  });
});

describe('webhook targets at call time', () => {
  const callOf = async (runId: string) =>
    (await activitiesOf(runId)).find((activity) => activity.type === 'CALL_WEBHOOK')?.attributes;
  const NOT_ALLOWED = { status: null, ok: false, error: 'the target address is not allowed' };

  it('a host resolving to a private address is refused, open port or closed, and the flow goes on', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const open = await runToWebhook('named', { url: `${hookUrl.replace('127.0.0.1', 'localhost')}/open` });
    const shut = await runToWebhook('shut', { url: `http://localhost:${closedPort}/` });
    const literal = await runToWebhook('literal', { url: `${hookUrl}/literal` });
    for (const { waitId } of [open, shut, literal]) {
      expect(await resumeWait(t.orm, waitId, new Date())).toBe(true);
    }
    expect(received).toEqual([]);
    for (const { runId, email } of [open, shut, literal]) {
      expect(await callOf(runId)).toMatchObject(NOT_ALLOWED);
      expect(await scoreOf(email)).toBe(3);
    }
  });

  it('an allow-listed network or host name is called', async () => {
    const byNetwork = await runToWebhook('network', { url: `${hookUrl}/network` });
    await resumeWait(t.orm, byNetwork.waitId, new Date(), { allowedTargets: allowing('127.0.0.0/8') });
    const byName = await runToWebhook('name', { url: `${hookUrl.replace('127.0.0.1', 'localhost')}/name` });
    await resumeWait(t.orm, byName.waitId, new Date(), { allowedTargets: allowing('LOCALHOST') });
    expect(received.map((request) => request.url)).toEqual(['/network', '/name']);
    expect(await callOf(byNetwork.runId)).toMatchObject({ status: 200, ok: true });
    expect(await callOf(byName.runId)).toMatchObject({ status: 200, ok: true });
  });

  it('connects only to the addresses checked: a second answer of the name is never used', async () => {
    const port = new URL(hookUrl).port;
    const answers = [[{ address: '127.0.0.1', family: 4 }]];
    const resolveHost = async () => answers.shift() ?? [{ address: '93.184.215.14', family: 4 }];
    const listed = await runToWebhook('listed', { url: `http://hooks.test:${port}/listed` });
    await resumeWait(t.orm, listed.waitId, new Date(), {
      allowedTargets: allowing('hooks.test'),
      resolveHost,
    });
    expect(received.map((request) => request.url)).toEqual(['/listed']);

    const mixed = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:10.0.0.1', family: 6 },
    ];
    const rebinding = await runToWebhook('rebinding', { url: `http://rebinding.test:${port}/` });
    await resumeWait(t.orm, rebinding.waitId, new Date(), { allowedTargets: LOCAL, resolveHost: mixed });
    expect(received).toHaveLength(1);
    expect(await callOf(rebinding.runId)).toMatchObject(NOT_ALLOWED);
  });
});
