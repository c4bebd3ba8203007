import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import type { GraphQLContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { Authenticator } from './auth.js';

/** What Yoga is handed by each transport: Node's request on HTTP, connectionParams on WebSocket. */
export interface TransportContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  connectionParams?: Record<string, unknown>;
}

export interface YogaOptions {
  orm: Orm;
  log: Logger;
  authenticator: Authenticator;
  isReady(): Promise<boolean>;
}

const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof GraphQLError;

export function createYogaServer({ orm, log, authenticator, isReady }: YogaOptions) {
  return createYoga<TransportContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'Campaign engine' },
    logging: {
      debug: (...args) => log.debug(args.join(' ')),
      info: (...args) => log.info(args.join(' ')),
      warn: (...args) => log.warn(args.join(' ')),
      error: (...args) => log.error(args.join(' ')),
    },
    maskedErrors: {
      isDev: false,
      maskError(error: unknown, message: string): Error {
        if (isGraphQLError(error) && error.extensions.code) return error;
        // Pothos reports malformed input (a bad global id, say) as a GraphQLError without a code.
        if (
          isGraphQLError(error) &&
          isGraphQLError(error.originalError) &&
          !error.originalError.extensions.code
        ) {
          return createGraphQLError(error.message, {
            nodes: error.nodes,
            path: error.path,
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        const cause = isGraphQLError(error) ? (error.originalError ?? error) : error;
        if (!isGraphQLError(cause))
          log.error({ err: cause }, 'unexpected error while executing an operation');
        return maskError(error, message, false);
      },
    },
    context: async ({ request, connectionParams }): Promise<GraphQLContext> => {
      const em = orm.em.fork();
      const credential = connectionParams
        ? connectionParams.authorization
        : request.headers.get('authorization');
      const viewer = await authenticator.viewerFor(em, credential);
      return { em, viewer, log };
    },
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => isReady().catch(() => false),
      }),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;
