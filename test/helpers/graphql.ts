import type { GraphQLResponse, TestApp } from './app.js';

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

/** Runs a mutation or query that must succeed and returns its data. */
export async function run<T = Record<string, unknown>>(
  t: TestApp,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  return dataOf(await t.graphql<T>(query, variables, key));
}
