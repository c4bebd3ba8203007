import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { type Client, createClient as createWsClient } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { TestApp } from './app.js';
import { textOf } from './graphql.js';

/** One result of a subscription, as a client receives it. */
export interface StreamResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What a subscription delivered so far, and how it ended. */
export interface Collector<T = Record<string, unknown>> {
  results: StreamResult<T>[];
  /** The transport-level error the subscription ended with (a close event, an error list...). */
  failure: unknown;
  completed: boolean;
  /** Resolves when the subscription completed or failed. */
  ended: Promise<void>;
  /** Unsubscribes. */
  stop(): void;
}

function collector<T>(
  start: (sink: {
    next(value: StreamResult<T>): void;
    error(error: unknown): void;
    complete(): void;
  }) => () => void,
): Collector<T> {
  let settle: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const collected: Collector<T> = {
    results: [],
    failure: undefined,
    completed: false,
    ended,
    stop: () => {},
  };
  collected.stop = start({
    next: (value) => collected.results.push(value),
    error: (error) => {
      collected.failure = error;
      settle();
    },
    complete: () => {
      collected.completed = true;
      settle();
    },
  });
  return collected;
}

/** A graphql-ws client with the key in connectionParams. */
export function wsClient(t: { url: string }, key: string): Client {
  return createWsClient({
    url: t.url.replace('http://', 'ws://'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: key },
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws; a typed document of operations/ types the variables and results. */
export function subscribeWs<T, V>(
  client: Client,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Collector<T>;
export function subscribeWs<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Collector<T>;
export function subscribeWs(
  client: Client,
  query: string | DocumentNode,
  variables: Record<string, unknown> = {},
): Collector<unknown> {
  return collector((sink) => client.subscribe({ query: textOf(query), variables }, sink as never));
}

/**
 * Subscribes over server-sent events with the graphql-sse client in distinct connections mode,
 * which is the protocol Yoga serves on its GraphQL endpoint.
 */
export function subscribeSse<T = Record<string, unknown>>(
  t: { url: string },
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Collector<T> {
  const client = createSseClient({
    url: t.url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
  });
  return collector<T>((sink) => {
    const unsubscribe = client.subscribe({ query, variables }, sink as never);
    return () => {
      unsubscribe();
      client.dispose();
    };
  });
}

/** The ids of the activities a subscription field delivered, in order. */
export function deliveredIds(collected: Collector, field = 'activityAdded'): string[] {
  return collected.results.flatMap((result) => {
    const node = result.data?.[field] as { id: string } | undefined;
    return node ? [node.id] : [];
  });
}

/** Waits until the app's hub holds this many activity subscriptions (and run watches). */
export async function untilStreams(
  app: TestApp['app'],
  activityStreams: number,
  runWatches?: number,
): Promise<void> {
  await expect
    .poll(() => {
      const stats = app.streamStats();
      return runWatches === undefined ? stats.activityStreams : [stats.activityStreams, stats.runWatches];
    })
    .toEqual(runWatches === undefined ? activityStreams : [activityStreams, runWatches]);
}

/** Waits until the subscription delivered at least `count` results. */
export async function untilDelivered(collected: Collector, count: number, timeout = 20_000): Promise<void> {
  await expect.poll(() => collected.results.length, { timeout, interval: 20 }).toBeGreaterThanOrEqual(count);
}
