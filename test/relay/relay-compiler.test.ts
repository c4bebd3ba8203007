import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
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
  const result = await run(relayCompiler, [config], { cwd: workDirectory }).then(
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
