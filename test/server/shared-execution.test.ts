import type { ExecutionResult } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/schema/context.js';
import { useSharedSubscriptionExecution } from '../../src/server/shared-execution.js';

/**
 * The plugin on a schema of its own, where a resolver counts how often an event is executed:
 * `tick` yields whatever is published, to every subscription, as the same object.
 */
function setUp() {
  const listeners = new Set<(event: unknown) => void>();
  const counts = { resolved: 0 };
  const schema = createSchema<{ viewer: Viewer | null }>({
    typeDefs: /* GraphQL */ `
      type Query { ok: Boolean }
      type Tick { n: Int, label: String, seenBy: String }
      type Subscription { tick(label: String): Tick }
    `,
    resolvers: {
      Subscription: {
        tick: {
          subscribe: () => feed(),
          resolve: (event: { n: number } | number, args: { label?: string }, context) => {
            counts.resolved += 1;
            const viewer = context.viewer;
            const seenBy = viewer?.kind === 'workspace' ? viewer.workspaceId : 'admin';
            return { n: typeof event === 'number' ? event : event.n, label: args.label, seenBy };
          },
        },
      },
    },
  });

  /** One subscription's source: the published events, until it is returned. */
  function feed(): AsyncIterableIterator<unknown> {
    const queue: unknown[] = [];
    let wake: (() => void) | null = null;
    let open = true;
    const listener = (event: unknown) => {
      queue.push(event);
      wake?.();
    };
    listeners.add(listener);
    return {
      async next() {
        while (open && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        if (!open) return { done: true, value: undefined };
        return { done: false, value: queue.shift() };
      },
      async return() {
        open = false;
        listeners.delete(listener);
        wake?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  const yoga = createYoga<{ viewer: Viewer | null; request?: Request }>({
    schema,
    plugins: [useSharedSubscriptionExecution()],
  });

  async function subscribe(
    viewer: Viewer | null,
    query: string,
    variables: Record<string, unknown> = {},
    request?: Request,
  ) {
    const { parse, subscribe, contextFactory, schema: enveloped } = yoga.getEnveloped({ viewer, request });
    const result = await subscribe({
      schema: enveloped,
      document: parse(query),
      variableValues: variables,
      contextValue: await contextFactory(),
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
    return result as AsyncGenerator<ExecutionResult>;
  }

  const publish = (event: unknown) => {
    for (const listener of listeners) listener(event);
  };
  return { counts, subscribe, publish, sources: () => listeners.size };
}

const QUERY = 'subscription ($label: String) { tick(label: $label) { n label seenBy } }';
const acme = (apiKeyId: string): Viewer => ({ kind: 'workspace', workspaceId: 'acme', apiKeyId });

describe('shared subscription execution', () => {
  it('executes an event once for subscriptions alike, and apart for other variables, scopes or documents', async () => {
    const { counts, subscribe, publish } = setUp();
    const alike = [
      await subscribe(acme('key-1'), QUERY, { label: 'a' }),
      // Another key of the same workspace sees the same.
      await subscribe(acme('key-2'), QUERY, { label: 'a' }),
    ];
    const otherLabel = await subscribe(acme('key-1'), QUERY, { label: 'b' });
    const otherWorkspace = await subscribe(
      { kind: 'workspace', workspaceId: 'globex', apiKeyId: 'key-3' },
      QUERY,
      { label: 'a' },
    );
    const admin = await subscribe({ kind: 'admin' }, QUERY, { label: 'a' });
    const otherDocument = await subscribe(acme('key-1'), 'subscription { tick(label: "a") { n label } }');

    publish({ n: 1 });
    publish({ n: 2 });
    const firstTwo = async (stream: AsyncGenerator<ExecutionResult>) => [
      (await stream.next()).value?.data,
      (await stream.next()).value?.data,
    ];
    for (const stream of alike) {
      expect(await firstTwo(stream)).toEqual([
        { tick: { n: 1, label: 'a', seenBy: 'acme' } },
        { tick: { n: 2, label: 'a', seenBy: 'acme' } },
      ]);
    }
    expect((await firstTwo(otherLabel)).map((data) => data?.tick)).toEqual([
      { n: 1, label: 'b', seenBy: 'acme' },
      { n: 2, label: 'b', seenBy: 'acme' },
    ]);
    expect((await firstTwo(otherWorkspace)).map((data) => data?.tick)).toMatchObject([
      { seenBy: 'globex' },
      { seenBy: 'globex' },
    ]);
    expect((await firstTwo(admin)).map((data) => data?.tick)).toMatchObject([
      { seenBy: 'admin' },
      { seenBy: 'admin' },
    ]);
    expect((await firstTwo(otherDocument)).map((data) => data?.tick)).toEqual([
      { n: 1, label: 'a' },
      { n: 2, label: 'a' },
    ]);
    // Two events, each executed once for the alike pair and once for each of the other four.
    expect(counts.resolved).toBe(2 * 5);
  });

  it('executes events that are not objects for each subscription', async () => {
    const { counts, subscribe, publish } = setUp();
    const streams = [await subscribe(acme('key-1'), QUERY), await subscribe(acme('key-1'), QUERY)];
    publish(7);
    for (const stream of streams)
      expect((await stream.next()).value?.data).toEqual({ tick: { n: 7, label: null, seenBy: 'acme' } });
    expect(counts.resolved).toBe(2);
  });

  it('ends the source when the client’s request is aborted, also before the stream was handed over', async () => {
    const { subscribe, sources } = setUp();
    const leaving = new AbortController();
    const open = await subscribe(
      acme('key-1'),
      QUERY,
      {},
      new Request('http://localhost/graphql', { signal: leaving.signal }),
    );
    expect(sources()).toBe(1);
    leaving.abort();
    await expect.poll(sources).toBe(0);
    expect(await open.next()).toEqual({ done: true, value: undefined });
    const gone = new AbortController();
    gone.abort();
    await subscribe(
      acme('key-1'),
      QUERY,
      {},
      new Request('http://localhost/graphql', { signal: gone.signal }),
    );
    expect(sources()).toBe(0);
  });

  it('ends the source at once when the subscription ends while waiting for an event', async () => {
    const { subscribe, sources, publish } = setUp();
    const stream = await subscribe(acme('key-1'), QUERY);
    const waiting = stream.next();
    expect(sources()).toBe(1);
    await stream.return(undefined);
    expect(sources()).toBe(0);
    expect(await waiting).toEqual({ done: true, value: undefined });
    publish({ n: 1 });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
