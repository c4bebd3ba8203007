import { type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fetch';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

/** Where the graphql-sse protocol is served (Yoga's own SSE answers on the GraphQL endpoint itself). */
export const GRAPHQL_SSE_ENDPOINT = '/graphql/stream';

type HandlerResponse = [
  string | null,
  { status: number; statusText: string; headers?: Record<string, string> },
];

const json = { 'content-type': 'application/json; charset=utf-8' };

/** An error as clients see it: Yoga's transport hint (`extensions.http`) stays on the server. */
function withoutHttp(error: GraphQLError): GraphQLError {
  if (!('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions });
}

/** graphql-sse reads an error-only result as operation arguments: it must have `data`. */
function withData(result: ExecutionResult): ExecutionResult {
  return {
    ...result,
    data: result.data ?? null,
    ...(result.errors && { errors: result.errors.map(withoutHttp) }),
  };
}

/**
 * The GraphQL over Server-Sent Events protocol (graphql-sse: distinct connections and single
 * connection modes) at GRAPHQL_SSE_ENDPOINT, through Yoga's pipeline: the key is the Authorization
 * header, errors are masked as on HTTP. Modelled on @graphql-yoga/plugin-graphql-sse 3.24, which
 * answers an operation refused before it starts (a bad filter, a validation error) with a 400
 * "Unable to detect operation AST", and a bad key with a 500 carrying the stack trace.
 */
export function useGraphQLSSEProtocol(log: Logger): Plugin {
  const serverContexts = new WeakMap<Request, object>();
  let handler: (request: Request) => Promise<Response>;
  return {
    onYogaInit({ yoga }) {
      handler = createHandler(
        {
          async onSubscribe(req, params) {
            const enveloped = yoga.getEnveloped({
              ...serverContexts.get(req.raw),
              request: req.raw,
              params,
            });
            let document: ExecutionArgs['document'];
            try {
              document = enveloped.parse(params.query);
            } catch (error) {
              const parseError = error instanceof GraphQLError ? error : new GraphQLError('Syntax Error');
              return withData({ errors: [parseError] });
            }
            const errors = enveloped.validate(enveloped.schema, document);
            if (errors.length > 0) return withData({ errors });
            let contextValue: unknown;
            try {
              contextValue = await enveloped.contextFactory();
            } catch (error) {
              // A bad key: the same answer as on HTTP, never the error's stack.
              const known = error instanceof GraphQLError && error.extensions.code ? error : null;
              if (!known) log.error({ err: error }, 'creating the context of an SSE operation failed');
              const status = (known?.extensions.http as { status?: number } | undefined)?.status ?? 500;
              const body = {
                errors: [known ? withoutHttp(known).toJSON() : { message: 'Unexpected error.' }],
              };
              return [
                JSON.stringify(body),
                { status, statusText: status === 401 ? 'Unauthorized' : 'Error', headers: json },
              ] satisfies HandlerResponse;
            }
            const args: ExecutionArgs = {
              schema: enveloped.schema,
              document,
              contextValue,
              variableValues: params.variables,
              operationName: params.operationName,
            };
            const subscription =
              getOperationAST(document, params.operationName)?.operation === 'subscription';
            const result = (await (subscription ? enveloped.subscribe(args) : enveloped.execute(args))) as
              | ExecutionResult
              | AsyncIterable<ExecutionResult>;
            return Symbol.asyncIterator in result ? result : withData(result);
          },
        },
        yoga.fetchAPI,
      );
    },
    onRequest({ request, url, endResponse, serverContext, fetchAPI }) {
      if (url.pathname !== GRAPHQL_SSE_ENDPOINT) return;
      serverContexts.set(request, serverContext);
      return handler(request).then(endResponse, (error: unknown) => {
        log.error({ err: error }, 'a graphql-sse request failed');
        endResponse(new fetchAPI.Response(null, { status: 500 }));
      });
    },
  };
}
