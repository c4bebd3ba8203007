import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError, getOperationAST } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Orm } from '../db/orm.js';
import type { Authenticator } from './auth.js';
import { MAX_REQUEST_BYTES } from './body-limit.js';
import type { ConnectionQuota } from './ws-limits.js';
import type { YogaServer } from './yoga.js';

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
};

/** At most this many subscriptions at once on one WebSocket connection, by default. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

/**
 * Bytes a connection may have queued for its socket before its frames wait to be written. Below
 * it a frame counts as sent when queued; a client that does not read holds its operations back
 * at this much, and their subscriptions then fill and end (SUBSCRIPTION_OVERFLOW).
 */
export const SEND_QUEUE_BYTES = 1 << 20;

/**
 * How frames leave for a client. graphql-ws sends an operation's next frame only after the last
 * one was written, and ws writes each frame with system calls of its own: a committed chunk, which
 * reaches a subscriber as hundreds of frames at once, cost more in writes than in executing and
 * encoding it. Here the frames of one turn of the event loop leave in one write (the socket is
 * corked until the next turn), and a frame counts as sent as soon as it is queued, unless the
 * connection has SEND_QUEUE_BYTES waiting already: then only once it is written.
 */
function coalesceWrites(client: WebSocket, socket: Duplex): void {
  const send = client.send.bind(client) as (data: unknown, ...rest: unknown[]) => void;
  let corked = false;
  client.send = ((data: unknown, ...rest: unknown[]) => {
    // ws takes (data, done) or (data, options, done).
    const done = typeof rest.at(-1) === 'function' ? (rest.pop() as () => void) : undefined;
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    if (!done || socket.writableLength >= SEND_QUEUE_BYTES) {
      send(data, ...rest, ...(done ? [done] : []));
      return;
    }
    send(data, ...rest);
    queueMicrotask(done);
  }) as WebSocket['send'];
}

/**
 * graphql-transport-ws on the HTTP server's /graphql path. Every operation goes through
 * `yoga.getEnveloped`, so authentication, masking and limits are those of HTTP. A connection may
 * hold at most `maxSubscriptions` subscriptions at once; one more is refused with BAD_USER_INPUT.
 * A key holds at most as many connections as `connections` admits; a message over
 * MAX_REQUEST_BYTES closes its connection (1009) as its frame header arrives, before it is read.
 */
export function attachWebSocketServer(
  server: Server,
  yoga: YogaServer,
  orm: Orm,
  authenticator: Authenticator,
  log: Logger,
  connections: ConnectionQuota,
  maxSubscriptions = MAX_SUBSCRIPTIONS_PER_CONNECTION,
) {
  // The ids of each connection's running subscriptions (graphql-ws keeps one context per socket).
  const running = new WeakMap<object, Set<string>>();
  // noServer: upgrades are routed here explicitly, so errors of the HTTP server (a port in use)
  // stay the HTTP server's to report instead of being re-emitted on the WebSocket server.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== yoga.graphqlEndpoint) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => {
      coalesceWrites(client, socket);
      wss.emit('connection', client, request);
    });
  });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      // Returning false closes the socket with 4403 Forbidden: a missing or wrong key never connects.
      onConnect: async (ctx) => {
        try {
          const viewer = await authenticator.viewerFor(orm.em.fork(), ctx.connectionParams?.authorization);
          return viewer !== null && connections.admit(ctx.extra.socket, viewer);
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
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
        if (errors.length) return errors;
        if (getOperationAST(document, payload.operationName)?.operation === 'subscription') {
          const ids = running.get(ctx) ?? new Set<string>();
          if (ids.size >= maxSubscriptions) {
            return [
              new GraphQLError(`At most ${maxSubscriptions} subscriptions at once on one connection`, {
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            ];
          }
          ids.add(id);
          running.set(ctx, ids);
        }
        return args;
      },
      // Called however an operation ends: completed by either side, failed, or its socket closed.
      onComplete: (ctx, id) => {
        running.get(ctx)?.delete(id);
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
