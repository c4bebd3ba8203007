import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';

/** A refusal from the API (its extensions' code), or a transport failure (`NETWORK`, `CONNECTION_CLOSED`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

const fromGraphQLError = ({ message, extensions = {} }: GraphQLErrorLike) =>
  new ApiError(message, typeof extensions.code === 'string' ? extensions.code : 'ERROR', extensions);

/** What a graphql-ws sink's error may be: the operation's errors, a close event, or anything thrown. */
function fromSubscriptionError(error: unknown): ApiError {
  if (Array.isArray(error) && error.length > 0) return fromGraphQLError(error[0] as GraphQLErrorLike);
  if (error instanceof CloseEvent) {
    const code = error.code === 4403 ? 'UNAUTHENTICATED' : 'CONNECTION_CLOSED';
    // A connection cut without a close frame has no code of the protocol's (1006, or 0 from some transports).
    const dropped = error.code === 1006 || error.code < 1000;
    const message = dropped ? 'The connection dropped' : `The connection closed (code ${error.code})`;
    return new ApiError(error.reason || message, code);
  }
  return new ApiError(error instanceof Error ? error.message : 'The connection failed.', 'CONNECTION_CLOSED');
}

const texts = new WeakMap<object, string>();
/** A typed document's text, printed once. */
function textOf(document: TypedDocumentNode<unknown, never>): string {
  let text = texts.get(document);
  if (text === undefined) {
    text = print(document);
    texts.set(document, text);
  }
  return text;
}

export interface SubscriptionHandlers<R> {
  next(data: R): void;
  /** The subscription ended with an error, or its connection dropped: nothing more arrives. */
  error(error: ApiError): void;
  complete(): void;
}

export interface Api {
  request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
  /** Returns a function that ends the subscription. */
  subscribe<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    handlers: SubscriptionHandlers<R>,
  ): () => void;
  /** Ends the connection for good: the key was forgotten, so nothing may be sent with it again. */
  close(): void;
}

/**
 * The API with one key, over fetch for operations and one graphql-ws connection for subscriptions.
 * The connection is never retried by graphql-ws: a retried subscription would be sent again with its
 * first variables, and the feed resubscribes itself with `after` set to what it showed last.
 */
export function createApi(key: string): Api {
  const authorization = `Bearer ${key}`;
  const endpoint = new URL('/graphql', location.href);
  let client: Client | undefined;
  let closed = false;
  const webSocket = () => {
    client ??= createClient({
      url: endpoint.href.replace(/^http/, 'ws'),
      connectionParams: { authorization },
      retryAttempts: 0,
      keepAlive: 15_000,
    });
    return client;
  };
  return {
    async request(document, variables) {
      if (closed) throw new ApiError('The key was forgotten.', 'CLOSED');
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
          body: JSON.stringify({ query: textOf(document as TypedDocumentNode<unknown, never>), variables }),
        });
      } catch {
        throw new ApiError('The server did not answer.', 'NETWORK');
      }
      const body = (await response.json().catch(() => ({}))) as {
        data?: unknown;
        errors?: GraphQLErrorLike[];
      };
      const [first] = body.errors ?? [];
      if (first) throw fromGraphQLError(first);
      if (!response.ok || body.data == null)
        throw new ApiError(`The server answered ${response.status}.`, 'NETWORK');
      return body.data as never;
    },
    subscribe(document, variables, handlers) {
      if (closed) return () => {};
      let ended = false;
      const dispose = webSocket().subscribe(
        {
          query: textOf(document as TypedDocumentNode<unknown, never>),
          variables: variables as Record<string, unknown>,
        },
        {
          next: ({ data, errors }) => {
            const [first] = errors ?? [];
            if (first) {
              ended = true;
              handlers.error(fromGraphQLError(first as GraphQLErrorLike));
            } else if (data) handlers.next(data as never);
          },
          error: (error) => {
            if (ended) return;
            ended = true;
            handlers.error(fromSubscriptionError(error));
          },
          complete: () => {
            if (ended) return;
            ended = true;
            handlers.complete();
          },
        },
      );
      return () => {
        ended = true;
        dispose();
      };
    },
    close() {
      closed = true;
      void client?.dispose();
      client = undefined;
    },
  };
}
