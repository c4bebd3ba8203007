import type { IncomingMessage, ServerResponse } from 'node:http';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createAnnouncer } from '../commands/announcer.js';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import { DomainError } from '../domain/errors.js';
import type { EventPublisher } from '../pubsub/events.js';
import type { GraphQLContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { ActivityStreams } from '../streaming/activity-hub.js';
import type { Authenticator } from './auth.js';
import { useDocumentLimits } from './document-limits.js';
import { shortDocumentParserCache } from './parse-cache.js';
import { useSharedSubscriptionExecution } from './shared-execution.js';

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
  events: EventPublisher;
  streams: ActivityStreams;
  isReady(): Promise<boolean>;
}

const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof GraphQLError;

/**
 * Malformed input the client must fix, reported without a code by the libraries: Pothos's validation
 * errors (a bad global id) and graphql-js's request-level errors (a variable of the wrong type, a
 * @oneOf input with two keys), which have no path.
 */
function isInputError(error: GraphQLError): boolean {
  const original = error.originalError;
  return (
    original instanceof PothosValidationError || (!error.path && (!original || isGraphQLError(original)))
  );
}

export function createYogaServer({ orm, log, authenticator, events, streams, isReady }: YogaOptions) {
  const announcer = createAnnouncer(orm, events, log);
  return createYoga<TransportContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    parserAndValidationCache: shortDocumentParserCache(),
    graphiql: { title: 'Campaign engine' },
    logging: {
      debug: (...args) => log.debug(args.join(' ')),
      info: (...args) => log.info(args.join(' ')),
      warn: (...args) => log.warn(args.join(' ')),
      error: (...args) => log.error(args.join(' ')),
    },
    maskedErrors: {
      isDev: false,
      maskError(error: unknown): Error {
        const located = isGraphQLError(error) ? error : null;
        if (located?.extensions.code) return located;
        const where = { nodes: located?.nodes, path: located?.path };
        const refusal = located?.originalError ?? error;
        if (refusal instanceof DomainError) {
          return createGraphQLError(refusal.message, { ...where, extensions: { code: refusal.code } });
        }
        if (located && isInputError(located)) {
          return createGraphQLError(located.message, { ...where, extensions: { code: 'BAD_USER_INPUT' } });
        }
        log.error(
          { err: loggable(located?.originalError ?? error) },
          'unexpected error while executing an operation',
        );
        return createGraphQLError('Unexpected error.', {
          ...where,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
    context: async ({ request, connectionParams }): Promise<GraphQLContext> => {
      const em = orm.em.fork();
      const credential = connectionParams
        ? connectionParams.authorization
        : request.headers.get('authorization');
      const viewer = await authenticator.viewerFor(em, credential);
      return { em, viewer, log, announcer, streams };
    },
    plugins: [
      useDocumentLimits(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => isReady().catch(() => false),
      }),
      useSharedSubscriptionExecution(),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;
