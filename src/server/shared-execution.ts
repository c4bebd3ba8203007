import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext, Viewer } from '../schema/context.js';

type Execution = ExecutionResult | Promise<ExecutionResult>;

/**
 * What a viewer may see: two keys of one workspace see the same, as do all admin keys. A resolver
 * of a subscription that read the key itself would have to be part of this scope.
 */
function scopeOf(viewer: Viewer | null): string {
  if (!viewer) return 'anonymous';
  return viewer.kind === 'admin' ? 'admin' : `workspace:${viewer.workspaceId}`;
}

/**
 * The source stream's events, each executed by `run`. `return` reaches the source at once, even
 * while it waits for its next event (an async generator would hold it until that event came).
 */
function mapEvents(
  source: AsyncIterator<unknown>,
  run: (event: unknown) => Execution,
): AsyncGenerator<ExecutionResult, void, void> {
  const close = async (): Promise<IteratorResult<ExecutionResult, void>> => {
    await source.return?.();
    return { done: true, value: undefined };
  };
  const mapped: AsyncGenerator<ExecutionResult, void, void> = {
    async next() {
      const event = await source.next();
      if (event.done) return { done: true, value: undefined };
      try {
        return { done: false, value: await run(event.value) };
      } catch (error) {
        await source.return?.().catch(() => undefined);
        throw error;
      }
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

/**
 * Subscriptions that are alike (the same parsed document, operation, variables and viewer scope)
 * and receive the same source event, the same object, execute it once between them: the others
 * are handed that execution's result. The activity hub hands one object per committed row to
 * every subscription that wants it, so N dashboards following one run cost one execution per
 * activity instead of N. An event is remembered only while some subscription still holds it (a
 * WeakMap keyed by the event), and events that are not objects are executed each time.
 *
 * Sharing is sound because what a subscription's selection resolves to depends only on the event,
 * the variables and what the viewer may see: its resolvers read nothing of the subscriber's own
 * (`after` and the filter are variables, so they are part of the key).
 */
export function useSharedSubscriptionExecution(): Plugin<GraphQLContext> {
  const documentIds = new WeakMap<DocumentNode, number>();
  const executions = new WeakMap<object, Map<string, Execution>>();
  let nextDocumentId = 0;

  const documentId = (document: DocumentNode): number => {
    let id = documentIds.get(document);
    if (id === undefined) {
      id = nextDocumentId++;
      documentIds.set(document, id);
    }
    return id;
  };

  const executeShared = (args: ExecutionArgs, key: string, event: unknown): Execution => {
    const run = () => execute({ ...args, rootValue: event });
    if (typeof event !== 'object' || event === null) return run();
    let byKey = executions.get(event);
    if (!byKey) {
      byKey = new Map();
      executions.set(event, byKey);
    }
    let execution = byKey.get(key);
    if (!execution) {
      execution = run();
      byKey.set(key, execution);
    }
    return execution;
  };

  return {
    onSubscribe({ args, setSubscribeFn }) {
      const key = JSON.stringify([
        documentId(args.document),
        args.operationName ?? null,
        scopeOf(args.contextValue.viewer),
        args.variableValues ?? {},
      ]);
      // Over server-sent events, a client that leaves while its subscription is being set up is
      // told by its request's signal only: nothing would end the stream opened for it.
      const signal = (args.contextValue as { request?: Request }).request?.signal;
      setSubscribeFn((async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!(Symbol.asyncIterator in source)) return source;
        const events = mapEvents(source[Symbol.asyncIterator](), (event) =>
          executeShared(subscribeArgs, key, event),
        );
        if (signal?.aborted) await events.return();
        else
          signal?.addEventListener('abort', () => void events.return().catch(() => undefined), {
            once: true,
          });
        return events;
      }) as never);
    },
  };
}
