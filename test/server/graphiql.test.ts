import { type OperationDefinitionNode, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { GRAPHIQL_ASSETS_PATH } from '../../src/server/graphiql.js';
import { EXAMPLE_TABS } from '../../src/server/graphiql-examples.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { dataOf, run } from '../helpers/graphql.js';
import { type SeededApp, startSeededApp } from '../helpers/seeded-app.js';
import { subscribeSse, untilDelivered, untilStreams } from '../helpers/streams.js';

const page = (t: TestApp, init: RequestInit = {}) =>
  t.app.yoga.fetch('http://localhost/graphql', { ...init, headers: { accept: 'text/html' } });

const asset = (t: TestApp, name: string, method = 'GET') =>
  t.app.yoga.fetch(`http://localhost${GRAPHIQL_ASSETS_PATH}${name}`, { method });

/** The one operation of an example tab, with the variables it is opened with. */
function example(name: string) {
  const tab = EXAMPLE_TABS.find((candidate) => candidate.query?.includes(` ${name}(`));
  if (!tab?.query) throw new Error(`no example named ${name}`);
  return { query: tab.query, variables: JSON.parse(tab.variables ?? '{}') as Record<string, unknown> };
}

describe('GraphiQL page and files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the page with a policy that allows this server alone, loading nothing from elsewhere', async () => {
    const response = await page(t);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/https?:|\*|blob:|unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<style>|\son[a-z]+=/);
    const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(loaded.sort()).toEqual(
      ['favicon.ico', 'graphiql.css', 'graphiql.js', 'start.js'].map(
        (name) => `${GRAPHIQL_ASSETS_PATH}${name}`,
      ),
    );
  });

  it('serves each file with its content type, the same policy and a long cache life', async () => {
    const types: Record<string, RegExp> = {
      'start.js': /^text\/javascript/,
      'graphiql.js': /^text\/javascript/,
      'editor.worker.js': /^text\/javascript/,
      'json.worker.js': /^text\/javascript/,
      'graphql.worker.js': /^text\/javascript/,
      'graphiql.css': /^text\/css/,
      'favicon.ico': /^image\/x-icon$/,
    };
    for (const [name, type] of Object.entries(types)) {
      const response = await asset(t, name);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toMatch(type);
      expect(response.headers.get('content-security-policy'), name).toContain("default-src 'none'");
      expect(response.headers.get('cache-control'), name).toContain('immutable');
      const body = new Uint8Array(await response.arrayBuffer());
      expect(body.length, name).toBeGreaterThan(100);
    }
    const start = await (await asset(t, 'start.js')).text();
    expect(start).toContain('editor.worker.js');
    expect(start).not.toMatch(/https?:\/\//);
  });

  it('answers HEAD without a body, 404 for a file it does not have and 405 for other methods', async () => {
    const head = await asset(t, 'graphiql.css', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await asset(t, 'nope.js')).status).toBe(404);
    expect((await asset(t, '../package.json')).status).toBe(404);
    const post = await asset(t, 'graphiql.js', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('opens on named example operations that take variables, valid against the schema', () => {
    expect(EXAMPLE_TABS.map((tab) => tab.query?.match(/^(query|mutation|subscription) (\w+)/m)?.[2])).toEqual(
      ['CampaignGraph', 'DryRun', 'ScheduleCampaign', 'ActivityFeed'],
    );
    for (const tab of EXAMPLE_TABS) {
      const document = parse(tab.query ?? '');
      expect(validate(schema, document)).toEqual([]);
      const [operation, ...others] = document.definitions as OperationDefinitionNode[];
      expect(others).toEqual([]);
      const declared = operation?.variableDefinitions?.map((definition) => definition.variable.name.value);
      expect(declared?.length).toBeGreaterThan(0);
      expect(Object.keys(JSON.parse(tab.variables ?? '{}')).sort()).toEqual([...(declared ?? [])].sort());
      expect(JSON.parse(tab.headers ?? '{}')).toEqual({ Authorization: 'Bearer <key>' });
    }
  });
});

describe('the example operations, run as GraphiQL sends them', () => {
  let seeded: SeededApp;
  let url: string;
  beforeAll(async () => {
    seeded = await startSeededApp();
    url = await seeded.t.app.start();
  });
  afterAll(() => seeded.close());

  it('CampaignGraph runs as it opens and answers the ids the others ask for', async () => {
    const { query, variables } = example('CampaignGraph');
    const graph = dataOf(
      await seeded.t.graphql<{ viewer: { workspaces: { name: string }[] } }>(query, variables, ADMIN_KEY),
    );
    expect(JSON.stringify(graph)).toContain(seeded.child);
    expect(graph.viewer.workspaces.map((workspace) => workspace.name).sort()).toEqual(['Acme', 'Globex']);
  });

  it('DryRun, ScheduleCampaign and ActivityFeed run once given those ids', async () => {
    const parent = await seeded.createAcmeCampaign({
      name: 'Parent',
      flow: [{ action: { executeCampaign: { campaignId: seeded.child, useParentTokenContext: true } } }],
    });
    const { workspace } = await run<{ workspace: { leads: { edges: { node: { id: string } }[] } } }>(
      seeded.t,
      seeded.acme.key,
      'query ($id: ID!) { workspace(id: $id) { leads(first: 1) { edges { node { id } } } } }',
      { id: seeded.acme.id },
    );
    const leadId = workspace.leads.edges[0]?.node.id;
    const dryRun = example('DryRun');
    const simulated = await run<{ simulateCampaign: { qualified: boolean } }>(
      seeded.t,
      seeded.acme.key,
      dryRun.query,
      {
        ...dryRun.variables,
        campaignId: parent,
        leadId,
      },
    );
    expect(simulated.simulateCampaign.qualified).toBe(true);

    const feed = example('ActivityFeed');
    const activities = subscribeSse({ url }, seeded.acme.key, feed.query, feed.variables);
    await untilStreams(seeded.t.app, 1);
    const schedule = example('ScheduleCampaign');
    const scheduled = await run<{ scheduleCampaign: { id: string } }>(
      seeded.t,
      seeded.acme.key,
      schedule.query,
      {
        ...schedule.variables,
        campaignId: parent,
      },
    );
    await seeded.finished(scheduled.scheduleCampaign.id);
    await untilDelivered(activities, 1);
    activities.stop();
    expect(activities.results[0]?.errors).toBeUndefined();
    expect(activities.results[0]?.data?.activityAdded).toMatchObject({ campaign: { name: 'Parent' } });
  });
});
