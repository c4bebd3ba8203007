import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Orm } from '../db/orm.js';
import type { Authenticator } from './auth.js';
import type { YogaServer } from './yoga.js';

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
};

/**
 * graphql-transport-ws on the HTTP server's /graphql path. Every operation goes through
 * `yoga.getEnveloped`, so authentication, masking and limits are those of HTTP.
 */
export function attachWebSocketServer(
  server: Server,
  yoga: YogaServer,
  orm: Orm,
  authenticator: Authenticator,
  log: Logger,
) {
  // noServer: upgrades are routed here explicitly, so errors of the HTTP server (a port in use)
  // stay the HTTP server's to report instead of being re-emitted on the WebSocket server.
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== yoga.graphqlEndpoint) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
  });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      // Returning false closes the socket with 4403 Forbidden: a missing or wrong key never connects.
      onConnect: async (ctx) => {
        try {
          return (await authenticator.viewerFor(orm.em.fork(), ctx.connectionParams?.authorization)) !== null;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams ?? {},
        });
        let document: ExecutionArgs['document'];
        try {
          document = parse(payload.query);
        } catch (error) {
          // A syntax error answers the operation, as on HTTP, instead of closing the socket.
          return [error instanceof GraphQLError ? error : new GraphQLError('The query cannot be parsed')];
        }
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedRoot,
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.debug({ errors: errors.map((error) => error.message) }, 'websocket operation failed');
      },
    },
    wss,
  );
  return {
    wss,
    /** Closes every client with 1001 (going away) and the WebSocket server itself. */
    async close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
    },
  };
}
