import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
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

/** The text of an operation: as given, or printed from a compiled document of operations/. */
export const textOf = (query: string | DocumentNode): string =>
  typeof query === 'string' ? query : print(query);

/**
 * Sends a typed document of operations/ (compiled into src/generated/) with `key`: the variables are
 * checked against the operation's, and the response's data is typed from its selection.
 */
export function request<T, V>(
  t: TestApp,
  key: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<GraphQLResponse<T>> {
  return t.graphql<T>(textOf(document), variables as Record<string, unknown>, key);
}

/** Runs a mutation or query that must succeed and returns its data, typed when the document is. */
export async function run<T, V>(
  t: TestApp,
  key: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<T>;
export async function run<T = Record<string, unknown>>(
  t: TestApp,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T>;
export async function run(
  t: TestApp,
  key: string,
  query: string | DocumentNode,
  variables?: Record<string, unknown>,
): Promise<unknown> {
  return dataOf(await t.graphql(textOf(query), variables, key));
}
