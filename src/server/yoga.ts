import type { IncomingMessage, ServerResponse } from 'node:http';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createAnnouncer } from '../commands/announcer.js';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import { DomainError } from '../domain/errors.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import { safeErrorFields } from '../logger.js';
import type { EventPublisher } from '../pubsub/events.js';
import type { GraphQLContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { ActivityStreams } from '../streaming/activity-hub.js';
import {
  type Authenticator,
  authorizationHeaders,
  credentialFromConnectionParam,
  credentialFromHeaders,
} from './auth.js';
import { useDocumentLimits } from './document-limits.js';
import { GRAPHIQL_OPTIONS, renderGraphiQLPage, useGraphiQLAssets } from './graphiql.js';
import { shortDocumentParserCache } from './parse-cache.js';
import { useEndSubscriptionsOfRevokedKeys } from './revoked-keys.js';
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
  /** Webhook targets the operator allows beyond public addresses, for the checks of saves. */
  allowedWebhookTargets: AllowedTargets;
}

const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof GraphQLError;

/**
 * One of Yoga's own log lines as text. Yoga logs the errors it meets as they are: one that is or
 * wraps a database error would print the statement's values, so it is shown by its kind only.
 */
function yogaLogLine(args: unknown[]): string {
  return args
    .map((arg) => (arg instanceof Error ? JSON.stringify(safeErrorFields(arg)) : String(arg)))
    .join(' ');
}

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

export function createYogaServer({
  orm,
  log,
  authenticator,
  events,
  streams,
  isReady,
  allowedWebhookTargets,
}: YogaOptions) {
  const announcer = createAnnouncer(orm, events, log);
  return createYoga<TransportContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    parserAndValidationCache: shortDocumentParserCache(),
    graphiql: GRAPHIQL_OPTIONS,
    renderGraphiQL: renderGraphiQLPage,
    logging: {
      debug: (...args) => log.debug(yogaLogLine(args)),
      info: (...args) => log.info(yogaLogLine(args)),
      warn: (...args) => log.warn(yogaLogLine(args)),
      error: (...args) => log.error(yogaLogLine(args)),
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
    context: async ({ req, request, connectionParams }): Promise<GraphQLContext> => {
      const em = orm.em.fork();
      const credential = connectionParams
        ? credentialFromConnectionParam(connectionParams.authorization)
        : credentialFromHeaders(authorizationHeaders(req, request));
      const viewer = await authenticator.viewerFor(em, credential);
      return { em, viewer, log, announcer, streams, allowedWebhookTargets };
    },
    plugins: [
      useDocumentLimits(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => isReady().catch(() => false),
      }),
      useSharedSubscriptionExecution(),
      useEndSubscriptionsOfRevokedKeys(),
      useGraphiQLAssets(),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;
