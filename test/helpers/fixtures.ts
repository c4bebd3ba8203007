import { ADMIN_KEY, type GraphQLResponse, type TestApp } from './app.js';

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** The `extensions.code` of each error, in order. */
export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return response.errors?.map((error) => error.extensions?.code) ?? [];
}

/** A workspace and a key that sees only it. */
export async function createWorkspaceWithKey(t: TestApp, name: string): Promise<{ id: string; key: string }> {
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

/** Runs a mutation or query that must succeed and returns its data. */
export async function run<T = Record<string, unknown>>(
  t: TestApp,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  return dataOf(await t.graphql<T>(query, variables, key));
}

/** A program of the workspace whose My Token `my.score` is `score` (the seed's example needs two). */
export async function createScoredProgram(
  t: TestApp,
  workspace: { id: string; key: string },
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
