import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { hashSecret } from '../db/api-keys.js';
import { isMigrated } from '../db/migrate.js';
import type { Orm } from '../db/orm.js';
import { createAuthenticator } from './auth.js';
import { attachWebSocketServer } from './ws.js';
import { createYogaServer } from './yoga.js';

export interface AppOptions {
  orm: Orm;
  log: Logger;
  adminApiKey: string;
  host: string;
  port: number;
  /** How long in-flight requests get to finish on stop before their connections are cut. */
  shutdownGraceMs?: number;
}

/** The port is taken, or the address cannot be bound: its message is safe to print as is. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/** The HTTP + WebSocket server over one ORM. `stop` leaves the ORM open: its owner closes it. */
export function buildApp({ orm, log, adminApiKey, host, port, shutdownGraceMs = 10_000 }: AppOptions) {
  const authenticator = createAuthenticator(hashSecret(adminApiKey));
  const isReady = async () => (await orm.isConnected()) && (await isMigrated(orm));
  const yoga = createYogaServer({ orm, log, authenticator, isReady });
  const server: Server = createServer(yoga);
  const webSockets = attachWebSocketServer(server, yoga, orm, authenticator, log);

  let stopping: Promise<void> | undefined;
  const stopServing = async () => {
    const closed = server.listening
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    server.closeIdleConnections();
    await webSockets.close();
    const grace = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
    await closed;
    clearTimeout(grace);
    await yoga.dispose();
  };

  return {
    yoga,
    server,
    /** Listens and resolves with the GraphQL endpoint's URL. */
    start(): Promise<string> {
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
