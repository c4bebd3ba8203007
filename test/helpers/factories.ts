import { ADMIN_KEY, type TestApp } from './app.js';
import { dataOf, run } from './graphql.js';

/** A workspace's global id and a key that sees only it. */
export type WorkspaceWithKey = { id: string; key: string };

/** A workspace and a key that sees only it. */
export async function createWorkspaceWithKey(t: TestApp, name: string): Promise<WorkspaceWithKey> {
  const { createWorkspace } = dataOf(
    await t.graphql<{ createWorkspace: { id: string } }>(
      'mutation ($name: String!) { createWorkspace(name: $name) { id } }',
      { name },
      ADMIN_KEY,
    ),
  );
  const { createApiKey } = dataOf(
    await t.graphql<{ createApiKey: { secret: string } }>(
      'mutation ($id: ID!) { createApiKey(workspaceId: $id, name: "tests") { secret } }',
      { id: createWorkspace.id },
      ADMIN_KEY,
    ),
  );
  return { id: createWorkspace.id, key: createApiKey.secret };
}

/** A program of the workspace whose My Token `my.score` is `score` (the seed's example needs two). */
export async function createScoredProgram(
  t: TestApp,
  workspace: WorkspaceWithKey,
  name: string,
  score: string,
): Promise<string> {
  const { createProgram } = await run<{ createProgram: { id: string } }>(
    t,
    workspace.key,
    'mutation ($ws: ID!, $name: String!) { createProgram(workspaceId: $ws, name: $name) { id } }',
    { ws: workspace.id, name },
  );
  await run(
    t,
    workspace.key,
    'mutation ($id: ID!, $score: String!) { setTokens(ownerId: $id, tokens: [{ name: "my.score", value: $score, type: SCORE }]) { name } }',
    { id: createProgram.id, score },
  );
  return createProgram.id;
}
