import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCampaign, createProgram, createWorkspaceWithKey } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

const execute = promisify(execFile);
/** The package's main export is the path of its native binary for this platform, null where it has none. */
const relayCompiler: string | null = createRequire(import.meta.url)('relay-compiler');

const repository = path.resolve(import.meta.dirname, '../..');
const schema = path.join(repository, 'schema/schema.graphql');
const workDirectories: string[] = [];

afterAll(async () => {
  await Promise.all(workDirectories.map((directory) => rm(directory, { recursive: true, force: true })));
});

/** Compiles one folder of documents against the printed schema into a temporary artifact folder. */
async function compile(documents: string) {
  const workDirectory = await mkdtemp(path.join(tmpdir(), 'relay-compiler-'));
  workDirectories.push(workDirectory);
  const artifacts = path.join(workDirectory, 'artifacts');
  await mkdir(artifacts);
  const config = path.join(workDirectory, 'relay.config.json');
  await writeFile(
    config,
    JSON.stringify({
      src: path.join(repository, documents),
      schema,
      language: 'typescript',
      artifactDirectory: './artifacts',
    }),
  );
  if (!relayCompiler)
    throw new Error(`relay-compiler ships no binary for ${process.platform}-${process.arch}`);
  const result = await execute(relayCompiler, [config], { cwd: workDirectory }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      exitCode: error.code,
      output: error.stdout + error.stderr,
    }),
  );
  const files = await readdir(artifacts);
  const artifact = (name: string) => readFile(path.join(artifacts, `${name}.graphql.ts`), 'utf8');
  return { ...result, files, artifact };
}

describe('relay-compiler 21 against schema/schema.graphql', () => {
  it('compiles refetchable fragments, connections paged both ways and a subscription', async () => {
    const { exitCode, output, files, artifact } = await compile('test/relay/documents');
    expect(output).not.toContain('ERROR');
    expect(exitCode).toBe(0);
    expect(files.sort()).toEqual(
      [
        'ActivityFeedPaginationQuery',
        'ActivityFeedQuery',
        'ActivityFeedSubscription',
        'ActivityFeed_activity',
        'ActivityFeed_query',
        'CampaignHeaderRefetchQuery',
        'CampaignHeader_campaign',
        'CampaignPageQuery',
        'CampaignRunsPaginationQuery',
        'CampaignRuns_campaign',
        'DefinitionsDefineLeadFieldMutation',
        'DefinitionsLeadFieldRefetchQuery',
        'DefinitionsQuery',
        'DefinitionsSetTokensMutation',
        'DefinitionsTokenRefetchQuery',
        'Definitions_leadField',
        'Definitions_token',
      ].map((name) => `${name}.graphql.ts`),
    );

    // Both connections page forward (first/after) and backward (last/before).
    for (const fragment of ['CampaignRuns_campaign', 'ActivityFeed_query']) {
      const text = await artifact(fragment);
      expect(text).toContain('"direction": "bidirectional"');
      expect(text).toMatch(/"forward": \{\s*"count": "first",\s*"cursor": "after"/);
      expect(text).toMatch(/"backward": \{\s*"count": "last",\s*"cursor": "before"/);
    }
    // Node types refetch through Query.node; the feed's fragment on Query refetches the query itself.
    for (const fragment of ['CampaignHeader_campaign', 'Definitions_token', 'Definitions_leadField']) {
      expect(await artifact(fragment)).toMatch(/"fragmentPathInResult": \[\s*"node"\s*\]/);
    }
    expect(await artifact('DefinitionsTokenRefetchQuery')).toContain('node(id: $id)');
    expect(await artifact('ActivityFeedSubscription')).toContain('"handle": "appendNode"');
  });

  it('refuses a document the schema does not answer, naming the field', async () => {
    const { exitCode, output, files } = await compile('test/relay/invalid');
    expect(exitCode).not.toBe(0);
    expect(output).toContain("@connection used on invalid field 'campaigns'");
    expect(files).toEqual([]);
  });
});

/** The operation text relay-compiler put in an artifact: what a Relay client sends. */
async function operationText(artifact: (name: string) => Promise<string>, name: string): Promise<string> {
  const text = /"text": ("(?:[^"\\]|\\.)*")/.exec(await artifact(name))?.[1];
  if (!text) throw new Error(`${name} holds no operation text`);
  return JSON.parse(text);
}

interface RunsPage {
  node: {
    runs: {
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { startCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
    };
  };
}

describe('the operations relay-compiler generates, sent to the server', () => {
  let t: TestApp;
  let artifact: (name: string) => Promise<string>;

  beforeAll(async () => {
    ({ artifact } = await compile('test/relay/documents'));
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('pages a campaign’s runs from the newest back, then forward, with the unused arguments null', async () => {
    const acme = await createWorkspaceWithKey(t, 'Acme');
    const programId = await createProgram(t, acme, 'Runs');
    const campaignId = await createCampaign(t, acme, { programId, name: 'Batch' });
    const runIds: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const runAt = new Date(Date.now() + day * 86_400_000).toISOString();
      const { scheduleCampaign } = await run<{ scheduleCampaign: { id: string } }>(
        t,
        acme.key,
        'mutation ($id: ID!, $runAt: DateTime) { scheduleCampaign(campaignId: $id, runAt: $runAt) { id } }',
        { id: campaignId, runAt },
      );
      runIds.push(scheduleCampaign.id);
    }
    const query = await operationText(artifact, 'CampaignRunsPaginationQuery');
    const ids = (page: RunsPage) => page.node.runs.edges.map((edge) => edge.node.id);

    // The fragment's first render: `last` defaults to 20 in the operation, so it opens on the newest.
    const newest = await run<RunsPage>(t, acme.key, query, { id: campaignId, last: 2 });
    expect(ids(newest)).toEqual(runIds.slice(3));
    expect(newest.node.runs.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // loadPrevious: Relay sets the forward arguments to null.
    const older = await run<RunsPage>(t, acme.key, query, {
      id: campaignId,
      first: null,
      after: null,
      last: 2,
      before: newest.node.runs.pageInfo.startCursor,
    });
    expect(ids(older)).toEqual(runIds.slice(1, 3));
    // loadNext from the first run: the backward arguments null, the operation's default of last overridden.
    const first = older.node.runs.edges[0]?.cursor;
    const next = await run<RunsPage>(t, acme.key, query, {
      id: campaignId,
      first: 10,
      after: first,
      last: null,
      before: null,
    });
    expect(ids(next)).toEqual(runIds.slice(2));
  });

  it('defines a lead field and sets a token with the compiled mutations, and refetches each by node', async () => {
    const acme = await createWorkspaceWithKey(t, 'Acme');
    const programId = await createProgram(t, acme, 'Tokens');
    const { defineLeadField } = await run<{ defineLeadField: { id: string; name: string } }>(
      t,
      acme.key,
      await operationText(artifact, 'DefinitionsDefineLeadFieldMutation'),
      { workspaceId: acme.id, name: 'plan', type: 'STRING' },
    );
    const { setTokens } = await run<{ setTokens: { id: string; name: string; value: string }[] }>(
      t,
      acme.key,
      await operationText(artifact, 'DefinitionsSetTokensMutation'),
      { ownerId: programId, tokens: [{ name: 'my.plan', value: 'gold' }] },
    );
    const [token] = setTokens;

    const field = await run<{ node: unknown }>(
      t,
      acme.key,
      await operationText(artifact, 'DefinitionsLeadFieldRefetchQuery'),
      { id: defineLeadField.id },
    );
    expect(field.node).toEqual({
      __typename: 'LeadField',
      id: defineLeadField.id,
      name: 'plan',
      type: 'STRING',
    });
    const refetched = await run<{ node: unknown }>(
      t,
      acme.key,
      await operationText(artifact, 'DefinitionsTokenRefetchQuery'),
      { id: token?.id },
    );
    expect(refetched.node).toEqual({
      __typename: 'Token',
      id: token?.id,
      name: 'my.plan',
      type: 'TEXT',
      value: 'gold',
      definedBy: { __typename: 'Program', id: programId },
    });
  });
});
