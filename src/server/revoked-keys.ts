import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';

type Watch = (end: () => void) => () => void;

/** The last result of a subscription whose key was revoked. */
const revokedResult = (): ExecutionResult => ({
  errors: [new GraphQLError('The API key was revoked', { extensions: { code: 'UNAUTHENTICATED' } })],
});

/**
 * The source's results until `watch` calls the end it is given: then one result with an
 * UNAUTHENTICATED error, and done. The source is returned at once, even while it waits for its
 * next event; the end is forgotten however the results end.
 */
function untilRevoked(
  source: AsyncIterator<ExecutionResult>,
  watch: Watch,
): AsyncGenerator<ExecutionResult, void, void> {
  let state: 'open' | 'revoked' | 'done' = 'open';
  let announceRevoked: (value: 'revoked') => void = () => {};
  const revokedSignal = new Promise<'revoked'>((resolve) => {
    announceRevoked = resolve;
  });
  const forget = watch(() => {
    if (state !== 'open') return;
    state = 'revoked';
    announceRevoked('revoked');
    void Promise.resolve(source.return?.()).catch(() => undefined);
  });
  const finish = async (): Promise<IteratorResult<ExecutionResult, void>> => {
    const wasOpen = state === 'open';
    state = 'done';
    forget();
    if (wasOpen) await source.return?.();
    return { done: true, value: undefined };
  };
  const results: AsyncGenerator<ExecutionResult, void, void> = {
    async next() {
      if (state === 'done') return { done: true, value: undefined };
      const next = state === 'revoked' ? 'revoked' : await Promise.race([source.next(), revokedSignal]);
      if (next === 'revoked' || state === 'revoked') {
        state = 'done';
        forget();
        return { done: false, value: revokedResult() };
      }
      if (next.done) {
        state = 'done';
        forget();
      }
      return next;
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}

/**
 * Subscriptions of a workspace key end when the key is revoked, over every transport: with a last
 * result whose error is UNAUTHENTICATED (a WebSocket connection of the key is closed besides).
 */
export function useEndSubscriptionsOfRevokedKeys(): Plugin<GraphQLContext> {
  return {
    onSubscribe({ args }) {
      const { viewer, streams } = args.contextValue;
      if (viewer?.kind !== 'workspace') return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) return;
          setResult(
            untilRevoked(result[Symbol.asyncIterator](), (end) => streams.onKeyRevoked(viewer.apiKeyId, end)),
          );
        },
      };
    },
  };
}
