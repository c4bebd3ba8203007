import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { hashSecret } from '../db/api-keys.js';
import { isMigrated } from '../db/migrate.js';
import type { Orm } from '../db/orm.js';
import { type AllowedTargets, NO_ALLOWED_TARGETS } from '../domain/network-targets.js';
import { createInProcessEventBus, type EventBus, type EventPublisher } from '../pubsub/events.js';
import { type ActivityHubOptions, createActivityHub } from '../streaming/activity-hub.js';
import { createAuthenticator, hasValidKey } from './auth.js';
import {
  type BodyLimits,
  MAX_ANONYMOUS_REQUEST_BYTES,
  MAX_REQUEST_BYTES,
  withinBodyLimit,
} from './body-limit.js';
import { attachWebSocketServer } from './ws.js';
import { createConnectionQuota } from './ws-limits.js';
import { createYogaServer } from './yoga.js';

export interface AppOptions {
  orm: Orm;
  log: Logger;
  adminApiKey: string;
  host: string;
  port: number;
  /** How long in-flight requests get to finish on stop before their connections are cut. */
  shutdownGraceMs?: number;
  /**
   * Where committed changes are announced and heard (Redis across replicas). Its owner closes it;
   * without one, the app uses an in-process bus of its own.
   */
  events?: EventBus;
  /**
   * Tuning of live streams: poll interval, least time between reads, buffer per subscription, page
   * size, subscriptions per key.
   */
  streaming?: Pick<
    ActivityHubOptions,
    'pollMs' | 'bufferLimit' | 'pageSize' | 'maxPerOwner' | 'minReadIntervalMs' | 'keyCheckMs'
  >;
  /** Subscriptions one WebSocket connection may hold at once. */
  maxSubscriptionsPerConnection?: number;
  /** Webhook targets allowed beyond public addresses (WEBHOOK_ALLOWED_HOSTS); none by default. */
  allowedWebhookTargets?: AllowedTargets;
  /** WebSocket connections one API key may hold open at once (MAX_WEBSOCKETS_PER_KEY). */
  maxWebSocketsPerKey?: number;
  /** Origins whose pages may call the API from a browser (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** The largest request body and WebSocket message, in bytes (MAX_REQUEST_BYTES). */
  maxRequestBytes?: number;
}

/** The port is taken, or the address cannot be bound: its message is safe to print as is. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/**
 * The HTTP + WebSocket server over one ORM, with its activity hub for subscriptions. `stop` leaves
 * the ORM (and an event bus it was given) open: their owner closes them.
 */
export function buildApp({
  orm,
  log,
  adminApiKey,
  host,
  port,
  shutdownGraceMs = 10_000,
  events: givenEvents,
  streaming,
  maxSubscriptionsPerConnection,
  allowedWebhookTargets = NO_ALLOWED_TARGETS,
  maxWebSocketsPerKey,
  corsOrigins = [],
  maxRequestBytes = MAX_REQUEST_BYTES,
}: AppOptions) {
  const authenticator = createAuthenticator(hashSecret(adminApiKey));
  const isReady = async () => (await orm.isConnected()) && (await isMigrated(orm));
  const events = givenEvents ?? createInProcessEventBus();
  // A key revoked on another replica is forgotten as its revocation is announced.
  const hub = createActivityHub({ orm, events, log, ...streaming, keyRevoked: authenticator.forget });
  const yoga = createYogaServer({
    orm,
    log,
    authenticator,
    events,
    streams: hub,
    isReady,
    allowedWebhookTargets,
    corsOrigins,
  });
  const bodyLimits: BodyLimits = {
    maxBytes: maxRequestBytes,
    anonymousMaxBytes: MAX_ANONYMOUS_REQUEST_BYTES,
    hasValidKey: (request: IncomingMessage) => hasValidKey(authenticator, orm.em.fork(), request),
  };
  // Every body is counted within the cap as it arrives, before Yoga reads any of it.
  const server: Server = createServer((request, response) => {
    withinBodyLimit(request, response, () => void yoga(request, response), bodyLimits);
  });
  const webSockets = attachWebSocketServer(
    server,
    yoga,
    orm,
    authenticator,
    hub,
    log,
    createConnectionQuota(maxWebSocketsPerKey),
    maxSubscriptionsPerConnection,
    maxRequestBytes,
  );

  let stopping: Promise<void> | undefined;
  const stopServing = async () => {
    const closed = server.listening
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    server.closeIdleConnections();
    // Ends the subscriptions still open, over either transport, with an error telling where to
    // resume; WebSocket clients get it before their connection closes.
    await hub.stop();
    await webSockets.close(shutdownGraceMs);
    // The connections whose server-sent events just ended are idle now.
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
    await closed;
    clearTimeout(grace);
    await yoga.dispose();
    if (!givenEvents) await events.close();
  };

  return {
    yoga,
    server,
    /** Where this app announces committed changes: give it to job workers in the same process. */
    events: events as EventPublisher,
    /** What the live streams hold open now. */
    streamStats: () => hub.stats(),
    /** Reads where the activity table ends, listens and resolves with the GraphQL endpoint's URL. */
    async start(): Promise<string> {
      await hub.start();
      return new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) => {
          const where = `${host}:${port}`;
          if (error.code === 'EADDRINUSE')
            reject(new ListenError(`Port ${where} is in use: stop what holds it or set PORT`));
          else reject(new ListenError(`Cannot listen on ${where}: ${error.message}`));
        };
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const address = server.address() as AddressInfo;
          resolve(`http://${host}:${address.port}${yoga.graphqlEndpoint}`);
        });
      });
    },
    /**
     * Stops accepting, lets in-flight requests finish (up to the grace period) and closes sockets.
     * Calling it again returns the same promise.
     */
    stop(): Promise<void> {
      stopping ??= stopServing();
      return stopping;
    },
  };
}

export type App = ReturnType<typeof buildApp>;
