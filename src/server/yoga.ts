import type { IncomingMessage, ServerResponse } from 'node:http';
import { PothosValidationError } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type Announcer, createAnnouncer } from '../commands/announcer.js';
import { loggable } from '../db/loggable.js';
import type { Orm } from '../db/orm.js';
import { DomainError } from '../domain/errors.js';
import type { AllowedTargets } from '../domain/network-targets.js';
import type { EventPublisher } from '../pubsub/events.js';
import type { GraphQLContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { ActivityStreams } from '../streaming/activity-hub.js';
import {
  type Authenticator,
  authorizationHeaders,
  credentialFromConnectionParams,
  credentialFromHeaders,
} from './auth.js';
import { useConsole } from './console.js';
import { corsFor, useVaryOnOrigin } from './cors.js';
import { useDocumentLimits } from './document-limits.js';
import { GRAPHIQL_OPTIONS, renderGraphiQLPage, useGraphiQLAssets } from './graphiql.js';
import { useQueryJit } from './jit.js';
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
  /** Origins whose pages may call the API from a browser (CORS_ORIGINS); none: same origin only. */
  corsOrigins: readonly string[];
}

const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof GraphQLError;

/** An error as Yoga's own log lines show it: by its kind and code only. */
function errorKind(error: Error): { type: string; code?: unknown } {
  return { type: error.name, code: isGraphQLError(error) ? error.extensions.code : undefined };
}

/**
 * One of Yoga's own log lines as text. Yoga logs each error that maskError replaced, as it came:
 * its message and extensions may hold the request's text (a body that is not JSON, a variable's
 * value) or a failing statement's values, so it is shown by its kind; maskError logs the
 * unexpected ones itself.
 */
function yogaLogLine(args: unknown[]): string {
  return args.map((arg) => (arg instanceof Error ? JSON.stringify(errorKind(arg)) : String(arg))).join(' ');
}

/**
 * Extensions telling how an error arose inside the server: Yoga puts the JSON parser's error,
 * which quotes the body, under originalError; others add stacks.
 */
const INTERNAL_EXTENSIONS = new Set(['originalError', 'stacktrace', 'exception']);

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
  /** Yoga answers 200 instead to application/json when the error has no originalError. */
  spec?: boolean;
}

/** The error as a client may see it: without internal extensions (the same error when it has none). */
function withoutInternals(error: GraphQLError): GraphQLError {
  const extensions = Object.entries(error.extensions);
  const shown = Object.fromEntries(extensions.filter(([name]) => !INTERNAL_EXTENSIONS.has(name)));
  if (Object.keys(shown).length === extensions.length) return error;
  // The status Yoga meant (400 for a body that is not JSON) is kept without its originalError.
  if (shown.http) shown.http = { ...(shown.http as HttpExtension), spec: false };
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: shown,
  });
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

/** A refusal's code, and the campaign problems it was refused for when it has them. */
function refusalExtensions(refusal: DomainError): Record<string, unknown> {
  if (refusal.problems.length === 0) return { code: refusal.code };
  const problems = refusal.problems.map(({ code, message, stepPosition, campaignId }) => ({
    code,
    message,
    stepPosition,
    campaignId: campaignId && encodeGlobalID('Campaign', campaignId),
  }));
  return { code: refusal.code, problems };
}

export function createYogaServer({
  orm,
  log,
  authenticator,
  events,
  streams,
  isReady,
  allowedWebhookTargets,
  corsOrigins,
}: YogaOptions) {
  const published = createAnnouncer(orm, events, log);
  // A key revoked here is forgotten before the revocation returns; the announcement may come later.
  const announcer: Announcer = {
    ...published,
    async apiKeyRevoked(apiKey) {
      authenticator.forget(apiKey.id);
      await published.apiKeyRevoked(apiKey);
    },
  };
  return createYoga<TransportContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    cors: corsFor(corsOrigins),
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
        if (located?.extensions.code) return withoutInternals(located);
        // Thrown outside any operation, a syntax error is JSON.parse's on the variables or
        // extensions of a GET or form request: the client's to fix, and its message quotes them.
        if (error instanceof SyntaxError) {
          return createGraphQLError('The variables or extensions of the request are not valid JSON.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        // graphql-jit's errors are located by source and positions rather than nodes.
        const where = {
          nodes: located?.nodes,
          source: located?.source,
          positions: located?.positions,
          path: located?.path,
        };
        const refusal = located?.originalError ?? error;
        if (refusal instanceof DomainError) {
          return createGraphQLError(refusal.message, { ...where, extensions: refusalExtensions(refusal) });
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
        ? credentialFromConnectionParams(connectionParams)
        : credentialFromHeaders(authorizationHeaders(req, request));
      const viewer = await authenticator.viewerFor(em, credential);
      const idempotencyKeyHeader = connectionParams ? null : (request.headers.get('idempotency-key') ?? null);
      const presentedKey = credential?.key ?? null;
      return {
        em,
        viewer,
        presentedKey,
        log,
        announcer,
        streams,
        allowedWebhookTargets,
        idempotencyKeyHeader,
      };
    },
    plugins: [
      useVaryOnOrigin(corsOrigins),
      useDocumentLimits(),
      useQueryJit(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => isReady().catch(() => false),
      }),
      useSharedSubscriptionExecution(),
      useEndSubscriptionsOfRevokedKeys(),
      useGraphiQLAssets(),
      useConsole(log),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;
