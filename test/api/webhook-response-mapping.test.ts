import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { FlowWait } from '../../src/db/entities/flow-wait.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { DEFINITION_LIMITS } from '../../src/domain/definition-limits.js';
import { type AllowedTargets, parseAllowedTargets } from '../../src/domain/network-targets.js';
import { resumeWait } from '../../src/runs/resume-wait.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { finishRunInline } from '../helpers/campaign-runs.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

const LOCAL = parseAllowedTargets('127.0.0.1').targets as AllowedTargets;

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;
let hooks: Server;
let hookUrl: string;
/** What the local webhook server answers next. */
let respond: (response: ServerResponse) => void;

const json = (body: unknown) => (response: ServerResponse) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const MAPPINGS = [
  { path: 'data.owner.email', field: 'Owner' },
  { path: 'items.1.id', field: 'Item' },
  { path: 'data.missing', field: 'Owner' },
  { path: 'data.owner.name', field: 'Item' },
];

async function createMappingCampaign(name: string, responseMappings: unknown[]) {
  return createCampaign(t, acme, {
    programId: program,
    name,
    qualificationRule: { kind: 'EVERY_TIME' },
    smartList: {
      filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: [`${name}@example.com`] }],
    },
    flow: [
      { action: { webhook: { url: hookUrl, responseMappings } } },
      { action: { changeScore: { change: '+2' } } },
    ],
  });
}

/** Runs the campaign for its one lead through the webhook's call, and returns the run's activities. */
async function runThroughWebhook(name: string, campaignId: string) {
  await upsertLeads(t, acme, [{ email: `${name}@example.com` }]);
  const em = t.orm.em.fork();
  const campaignRun = em.create(CampaignRun, {
    workspace: databaseIdOf(acme.id),
    campaign: databaseIdOf(campaignId),
    kind: 'BATCH',
    status: 'QUEUED',
  });
  await em.flush();
  await finishRunInline(t, campaignRun.id);
  const wait = await t.orm.em.fork().findOneOrFail(FlowWait, { run: campaignRun.id });
  expect(await resumeWait(t.orm, wait.id, new Date(), { allowedTargets: LOCAL })).toBe(true);
  const activities = await t.orm.em
    .fork()
    .find(Activity, { run: campaignRun.id }, { orderBy: { id: 'asc' } });
  const lead = await t.orm.em.fork().findOneOrFail(Lead, { email: `${name}@example.com` });
  return { activities: activities.map(({ type, attributes }) => ({ type, attributes })), lead };
}

beforeAll(async () => {
  t = await startTestApp(undefined, { allowedWebhookTargets: LOCAL });
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Hooks');
  for (const [name, type] of [
    ['Owner', 'STRING'],
    ['Item', 'INTEGER'],
  ]) {
    await run(
      t,
      acme.key,
      'mutation ($ws: ID!, $name: String!, $type: FieldType!) { defineLeadField(workspaceId: $ws, name: $name, type: $type) { name } }',
      {
        ws: acme.id,
        name,
        type,
      },
    );
  }
  hooks = createServer((request, response) => {
    request.resume();
    request.on('end', () => respond(response));
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
});
beforeEach(() => {
  respond = json({
    data: { owner: { email: 'owner@example.com', name: 'Ada' } },
    items: [{ id: 1 }, { id: 42 }],
  });
});
afterAll(async () => {
  hooks.closeAllConnections();
  await new Promise((resolve) => hooks.close(resolve));
  await t.close();
});

describe('semantics F12 webhook response mappings', () => {
  it('write the values found as Change Data Value activities with source WEBHOOK, record the rest, and go on', async () => {
    const campaign = await createMappingCampaign('mapped', MAPPINGS);
    const { activities, lead } = await runThroughWebhook('mapped', campaign);
    expect(activities.map(({ type }) => type)).toEqual([
      'CALL_WEBHOOK',
      'CHANGE_DATA_VALUE',
      'CHANGE_DATA_VALUE',
      'CHANGE_SCORE',
    ]);
    expect(activities[0]?.attributes).toMatchObject({
      status: 200,
      ok: true,
      mappingFailures: [
        { path: 'data.missing', field: 'Owner', reason: 'PATH_NOT_FOUND' },
        { path: 'data.owner.name', field: 'Item', reason: 'TYPE_MISMATCH' },
      ],
    });
    expect(activities[1]?.attributes).toEqual({
      attribute: 'Owner',
      oldValue: null,
      newValue: 'owner@example.com',
      source: 'WEBHOOK',
    });
    expect(activities[2]?.attributes).toEqual({
      attribute: 'Item',
      oldValue: null,
      newValue: 42,
      source: 'WEBHOOK',
    });
    expect(lead.fields).toMatchObject({ Owner: 'owner@example.com', Item: 42, score: 2 });
  });

  it('raise Data Value Changes triggers', async () => {
    const listener = await createCampaign(t, acme, {
      programId: program,
      name: 'Owner changed',
      qualificationRule: { kind: 'EVERY_TIME' },
      smartList: { filters: [], triggers: [{ kind: 'DATA_VALUE_CHANGES', attribute: 'Owner' }] },
      flow: [
        { action: { interestingMoment: { kind: 'Web', description: 'Owner is {{trigger.newValue}}' } } },
      ],
    });
    await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id: listener });
    try {
      const campaign = await createMappingCampaign('triggering', [
        { path: 'data.owner.email', field: 'owner' },
      ]);
      await runThroughWebhook('triggering', campaign);
      const triggered = await t.orm.em.fork().find(CampaignRun, { campaign: databaseIdOf(listener) });
      expect(triggered).toHaveLength(1);
      expect(triggered[0]).toMatchObject({
        kind: 'TRIGGERED',
        trigger: { name: 'Data Value Changes', attribute: 'Owner' },
      });
    } finally {
      await run(t, acme.key, 'mutation ($id: ID!) { deactivateCampaign(id: $id) { status } }', {
        id: listener,
      });
    }
  });

  it('record every mapping as failed when the answer is not JSON or not a success, and go on', async () => {
    respond = (response) => response.writeHead(200).end('not json');
    const notJson = await createMappingCampaign('not-json', MAPPINGS.slice(0, 1));
    const first = await runThroughWebhook('not-json', notJson);
    expect(first.activities[0]?.attributes.mappingFailures).toEqual([
      { path: 'data.owner.email', field: 'Owner', reason: 'NOT_JSON' },
    ]);
    expect(first.activities.map(({ type }) => type)).toEqual(['CALL_WEBHOOK', 'CHANGE_SCORE']);

    respond = (response) => response.writeHead(500).end('{"data":{"owner":{"email":"x@example.com"}}}');
    const failing = await createMappingCampaign('failing', MAPPINGS.slice(0, 1));
    const second = await runThroughWebhook('failing', failing);
    expect(second.activities[0]?.attributes).toMatchObject({
      status: 500,
      ok: false,
      mappingFailures: [{ path: 'data.owner.email', field: 'Owner', reason: 'CALL_FAILED' }],
    });
    expect(second.lead.fields.Owner).toBeUndefined();
  });

  it('are shown on the webhook step as saved', async () => {
    const campaign = await createMappingCampaign('shown', MAPPINGS.slice(0, 2));
    const { campaign: read } = await run<{
      campaign: { flow: { action: { responseMappings: unknown[] } }[] };
    }>(
      t,
      acme.key,
      'query ($id: ID!) { campaign(id: $id) { flow { action { ... on Webhook { responseMappings { path field } } } } } }',
      { id: campaign },
    );
    expect(read.flow[0]?.action.responseMappings).toEqual(MAPPINGS.slice(0, 2));
  });

  it('are refused on save with BAD_USER_INPUT: an unknown field, email, an empty or too long path, too many', async () => {
    const refusals: [unknown[], string][] = [
      [[{ path: 'data.id', field: 'Nope' }], 'there is no lead field "Nope"'],
      [[{ path: 'data.email', field: 'email' }], 'flows cannot change email'],
      [[{ path: '', field: 'Owner' }], 'needs names between its dots'],
      [[{ path: 'data..id', field: 'Owner' }], 'needs names between its dots'],
      [
        [{ path: 'a'.repeat(DEFINITION_LIMITS.responsePathLength + 1), field: 'Owner' }],
        'at most 200 characters',
      ],
      [
        Array.from({ length: DEFINITION_LIMITS.responseMappings + 1 }, (_, index) => ({
          path: `p${index}`,
          field: 'Owner',
        })),
        'at most 20 response mappings',
      ],
    ];
    for (const [responseMappings, message] of refusals) {
      const response = await t.graphql(
        'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
        {
          input: {
            programId: program,
            name: 'Refused',
            flow: [{ action: { webhook: { url: hookUrl, responseMappings } } }],
          },
        },
        acme.key,
      );
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).toContain(message);
    }
  });
});
