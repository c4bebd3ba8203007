import { type OperationDefinitionNode, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { run } from '../helpers/graphql.js';
import { codeBlocks, repoFile } from '../helpers/markdown.js';
import { type Collector, subscribeSse, untilDelivered, untilStreams } from '../helpers/streams.js';

/**
 * The README's first steps, run as a reader would: every named operation of its graphql blocks in
 * the order they appear, with the variables of its json block, each "<id from Operation>" standing
 * for the id the latest run of that operation returned.
 */
const README = repoFile('README.md');
const OPERATIONS = codeBlocks(README, 'graphql').flatMap((block) =>
  parse(block).definitions.filter(
    (node): node is OperationDefinitionNode => node.kind === 'OperationDefinition',
  ),
);
const [VARIABLES_BLOCK, ...otherJsonBlocks] = codeBlocks(README, 'json');
const PLACEHOLDER = /^<id from (\w+)>$/;

const ExecuteActivity = {
  id: expect.any(String),
  occurredAt: expect.any(String),
  lead: { email: 'ada@example.com' },
  campaign: { name: expect.any(String) },
  executedCampaign: { name: 'Score child' },
};
type ExecuteActivities = { executeCampaignActivity: typeof ExecuteActivity };

let t: TestApp;
let url: string;
let worker: { stop(): Promise<void> };
beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.start();
  worker = await startTestWorker(t);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** The id each operation last returned: its one root field's `id`, or the first item's. */
const ids = new Map<string, string>();

function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const template = JSON.parse(VARIABLES_BLOCK as string) as Record<string, unknown>;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = template[name];
    const source = typeof value === 'string' ? PLACEHOLDER.exec(value)?.[1] : undefined;
    if (source && !ids.has(source)) throw new Error(`$${name} needs ${source}, which has not run yet`);
    variables[name] = source ? ids.get(source) : value;
  }
  return variables;
}

function operation(name: string): OperationDefinitionNode {
  const found = OPERATIONS.find((node) => node.name?.value === name);
  if (!found) throw new Error(`the README has no operation ${name}`);
  return found;
}

async function send<T = Record<string, unknown>>(name: string): Promise<T> {
  const node = operation(name);
  const data = await run<Record<string, unknown>>(t, ADMIN_KEY, print(node), variablesOf(node));
  const root = Object.values(data)[0];
  const first = (Array.isArray(root) ? root[0] : root) as { id?: unknown } | null;
  if (typeof first?.id === 'string') ids.set(name, first.id);
  return data as T;
}

type RunView = {
  campaignRun: { status: string; leadsTotal: number; activities: { edges: { node: { type: string } }[] } };
};

/** Runs `Run` until the latest `Schedule`'s run completed; returns what it showed then. */
async function finishedRun(): Promise<RunView['campaignRun']> {
  await untilCompleted(t, ADMIN_KEY, ids.get('Schedule') as string);
  return (await send<RunView>('Run')).campaignRun;
}

describe('the README’s first steps', () => {
  let subscription: Collector<ExecuteActivities>;

  it('are named operations, one variables block, and every placeholder names an operation that runs earlier', () => {
    expect(OPERATIONS.every((node) => node.name)).toBe(true);
    expect(otherJsonBlocks).toEqual([]);
    const names = OPERATIONS.map((node) => node.name?.value);
    for (const value of Object.values(JSON.parse(VARIABLES_BLOCK as string))) {
      expect(names).toContain(PLACEHOLDER.exec(String(value))?.[1]);
    }
  });

  it('build the example, dry-run it and run it, as written and in order', async () => {
    const names = OPERATIONS.map((node) => node.name?.value);
    expect(names.slice(0, names.indexOf('DryRun'))).toEqual([
      'Viewer',
      'CreateWorkspace',
      'CreateProgram',
      'SetScoreToken',
      'CreateChild',
      'CreateParent',
      'AddLead',
    ]);
    const built: Record<string, unknown> = {};
    for (const name of names.slice(0, names.indexOf('DryRun')) as string[]) built[name] = await send(name);
    expect(built).toMatchObject({
      CreateChild: { createCampaign: { type: 'EXECUTABLE' } },
      CreateParent: { createCampaign: { type: 'BATCH', executes: [{ name: 'Score child' }] } },
    });

    const { simulateCampaign } = await send<{
      simulateCampaign: { qualified: boolean; reasons: string[]; leadAfter: { score: number } };
    }>('DryRun');
    expect(simulateCampaign).toMatchObject({ qualified: true, reasons: [], leadAfter: { score: 25 } });

    expect(await send('Schedule')).toMatchObject({ scheduleCampaign: { status: expect.any(String) } });
    const first = await finishedRun();
    expect(first).toMatchObject({
      status: 'COMPLETED',
      leadsMatched: 1,
      leadsExcludedByRule: 0,
      leadsTotal: 1,
    });
    expect(first.activities.edges.map((edge) => edge.node.type)).toEqual([
      'EXECUTE_CAMPAIGN',
      'CHANGE_SCORE',
    ]);
  });

  it('subscribe, and scheduling again delivers the new run’s Execute Campaign activity', async () => {
    const node = operation('ExecuteActivities');
    expect(node.operation).toBe('subscription');
    subscription = subscribeSse<ExecuteActivities>({ url }, ADMIN_KEY, print(node), variablesOf(node));
    await untilStreams(t.app, 1);

    await send('Schedule');
    const second = await finishedRun();
    expect(second).toMatchObject({ status: 'COMPLETED', leadsExcludedByRule: 0, leadsTotal: 1 });
    await untilDelivered(subscription, 1);
    expect(subscription.results).toEqual([
      { data: { executeCampaignActivity: { ...ExecuteActivity, campaign: { name: 'Parent' } } } },
    ]);
  });

  it('request the listener: its run reaches the subscription and its token the lead’s score', async () => {
    for (const name of ['CreateListener', 'Activate']) await send(name);
    const { requestCampaign } = await send<{ requestCampaign: { id: string; kind: string } }>('Request');
    expect(requestCampaign.kind).toBe('REQUESTED');
    await untilCompleted(t, ADMIN_KEY, requestCampaign.id);

    await untilDelivered(subscription, 2);
    expect(subscription.results[1]).toEqual({
      data: { executeCampaignActivity: { ...ExecuteActivity, campaign: { name: 'Listener' } } },
    });
    subscription.stop();
    const { node } = await run<{ node: { score: number } }>(
      t,
      ADMIN_KEY,
      'query ($id: ID!) { node(id: $id) { ... on Lead { score } } }',
      { id: ids.get('AddLead') },
    );
    // Two runs of the parent at the program's +10, then the request's +1 through the listener's context.
    expect(node.score).toBe(21);
  });

  it('from a shell: the query and the replayed stream answer as the curl commands send them', async () => {
    const commands = codeBlocks(README, 'sh')
      .flatMap((block) => block.replaceAll('\\\n', ' ').split('\n'))
      .filter((line) => line.startsWith('curl '));
    expect(commands).toHaveLength(2);
    const [query, stream] = await Promise.all(commands.map(curl));
    expect(JSON.parse(query as string)).toEqual({ data: { viewer: { isAdmin: true } } });
    expect(stream).toMatch(/^event: next\ndata: \{"data":\{"activityAdded":\{"id":"\d+","type":"[A-Z_]+"/m);
  });
});

/**
 * Sends what a README curl command sends (its quoted headers and body, the admin key); resolves with
 * the response's text up to its first event (a server-sent events stream's keep-alives skipped).
 */
async function curl(command: string): Promise<string> {
  const headers = Object.fromEntries(
    [...command.matchAll(/-H '([^:']+): ([^']+)'/g)].map((match) => [match[1], match[2]]),
  );
  const body = /-d '([^']+)'/.exec(command)?.[1];
  const response = await t.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${ADMIN_KEY}` },
    body,
  });
  expect(response.status).toBe(200);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response.text();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: next')) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}
