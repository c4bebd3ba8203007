import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Orm } from '../db/orm.js';
import type { ActivityStreams } from '../streaming/activity-hub.js';
import { type Authenticator, credentialFromConnectionParams } from './auth.js';
import { MAX_ANONYMOUS_REQUEST_BYTES, MAX_REQUEST_BYTES } from './body-limit.js';
import { createSharedFrames } from './shared-frames.js';
import { type ConnectionQuota, cutAfterRefusedFrame, limitBeforeAdmission } from './ws-limits.js';
import { type SocketExtra, serveGraphqlWs } from './ws-transport.js';
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

/** What graphql-ws keeps of a connection: its socket and upgrade request are in `extra`. */
type Connection = Context<Record<string, unknown> | undefined, SocketExtra>;

/** graphql-ws's close code for a connection that may not go on: no key, or a key that no longer is. */
const FORBIDDEN = 4403;

const NO_KEY = 'No API key: send connectionParams { authorization: "Bearer <key>" }';

/**
 * Closes a connection that may not open with 4403 and why (graphql-ws's own close, which follows
 * the false this returns, says only "Forbidden" and finds the socket closing already).
 */
/** How long a client may take to answer the server's close frame when the server stops. */
const CLOSING_HANDSHAKE_MS = 1000;

/** The most bytes a WebSocket close frame's reason may hold. */
const MAX_CLOSE_REASON_BYTES = 123;

function refuse(socket: WebSocket, reason: string): false {
  const bytes = Buffer.from(reason);
  // Cut on a character boundary: ws refuses a reason that is not valid UTF-8, or longer.
  const fitting =
    bytes.length <= MAX_CLOSE_REASON_BYTES
      ? reason
      : new TextDecoder().decode(bytes.subarray(0, MAX_CLOSE_REASON_BYTES)).replace(/\uFFFD$/, '');
  socket.close(FORBIDDEN, fitting);
  return false;
}

/**
 * Connections authenticated by connectionParams' `authorization` (any case). One without a valid key
 * is not admitted (closed with 4403 and why), nor one past its key's connection quota (4429); one of
 * a workspace key is closed with 4403 as soon as the key is revoked.
 */
function connectionAuthentication(
  orm: Orm,
  authenticator: Authenticator,
  revocations: Pick<ActivityStreams, 'onKeyRevoked'>,
  connections: ConnectionQuota,
  admitted: (socket: Connection['extra']['socket']) => void,
) {
  const forgetRevocation = new WeakMap<object, () => void>();
  const release = (ctx: Connection) => {
    forgetRevocation.get(ctx)?.();
    forgetRevocation.delete(ctx);
  };
  return {
    async admit(ctx: Connection): Promise<boolean> {
      const socket = ctx.extra.socket;
      let viewer: Awaited<ReturnType<Authenticator['viewerFor']>>;
      try {
        const credential = credentialFromConnectionParams(ctx.connectionParams);
        viewer = await authenticator.viewerFor(orm.em.fork(), credential);
      } catch (error) {
        const refused = error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
        return refuse(socket, refused ? error.message : 'The API key could not be checked');
      }
      if (viewer === null) return refuse(socket, NO_KEY);
      if (!connections.admit(socket, viewer)) return false;
      admitted(socket);
      if (viewer.kind !== 'workspace') return true;
      forgetRevocation.set(
        ctx,
        revocations.onKeyRevoked(viewer.apiKeyId, () => socket.close(FORBIDDEN, 'The API key was revoked')),
      );
      // Closed while its key was being checked: onClose has come and gone already.
      if (socket.readyState !== socket.OPEN) release(ctx);
      return true;
    },
    release,
  };
}

/**
 * An operation's context, or, when its key no longer authenticates (revoked or deleted since the
 * connection opened), the socket closed with 4403 and the error.
 */
async function contextOrForbidden<T>(
  ctx: Connection,
  contextFactory: () => T | Promise<T>,
): Promise<{ context: T } | { refused: GraphQLError }> {
  try {
    return { context: await contextFactory() };
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') throw error;
    ctx.extra.socket.close(FORBIDDEN, 'Forbidden');
    return { refused: error };
  }
}

/** How many subscriptions are running on every connection, and a wait for none to be. */
function subscriptionCount() {
  let running = 0;
  const waiting = new Set<() => void>();
  return {
    opened() {
      running += 1;
    },
    ended() {
      running -= 1;
      if (running === 0) for (const resolve of waiting) resolve();
    },
    /** Resolves once none runs, or after `timeoutMs`. */
    async drained(timeoutMs: number): Promise<void> {
      if (running === 0) return;
      let resolve = () => {};
      const none = new Promise<void>((settle) => {
        resolve = settle;
      });
      waiting.add(resolve);
      const timer = setTimeout(resolve, timeoutMs);
      await none;
      clearTimeout(timer);
      waiting.delete(resolve);
    },
  };
}

/**
 * graphql-transport-ws on the HTTP server's /graphql path. Every operation goes through
 * `yoga.getEnveloped`, so authentication, masking and limits are those of HTTP. A connection may
 * hold at most `maxSubscriptions` subscriptions at once; one more is refused with BAD_USER_INPUT.
 * A key holds at most as many connections as `connections` admits; a message over
 * `maxMessageBytes` (the HTTP body cap) closes its connection (1009) as its frame header arrives,
 * before it is read.
 */
export function attachWebSocketServer(
  server: Server,
  yoga: YogaServer,
  orm: Orm,
  authenticator: Authenticator,
  revocations: Pick<ActivityStreams, 'onKeyRevoked'>,
  log: Logger,
  connections: ConnectionQuota,
  maxSubscriptions = MAX_SUBSCRIPTIONS_PER_CONNECTION,
  maxMessageBytes = MAX_REQUEST_BYTES,
) {
  // Each connection's limit on what it may send until its key is accepted, lifted on admission.
  const pendingAdmission = new WeakMap<object, () => void>();
  const authentication = connectionAuthentication(orm, authenticator, revocations, connections, (socket) =>
    pendingAdmission.get(socket)?.(),
  );
  // The ids of each connection's running subscriptions (graphql-ws keeps one context per socket).
  const running = new WeakMap<object, Set<string>>();
  // The ids of each connection's operations from their subscribe message on, set before any await:
  // graphql-ws accepts a `complete` for an operation still being set up and then the same id again,
  // which would leave the first one running, uncounted and unstoppable once its socket closes.
  const operations = new WeakMap<object, Set<string>>();
  const subscriptions = subscriptionCount();
  const frames = createSharedFrames();
  // noServer: upgrades are routed here explicitly, so errors of the HTTP server (a port in use)
  // stay the HTTP server's to report instead of being re-emitted on the WebSocket server.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== yoga.graphqlEndpoint) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => {
      coalesceWrites(client, socket);
      cutAfterRefusedFrame(client, socket);
      pendingAdmission.set(client, limitBeforeAdmission(client, socket, MAX_ANONYMOUS_REQUEST_BYTES));
      wss.emit('connection', client, request);
    });
  });
  const disposable = serveGraphqlWs(
    wss,
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      // Returning false closes the socket with 4403 Forbidden: a missing or wrong key never connects.
      onConnect: (ctx) => authentication.admit(ctx),
      onClose: (ctx) => {
        authentication.release(ctx);
        // A subscription whose setup failed after it was counted gets no onComplete.
        for (const _id of running.get(ctx) ?? []) subscriptions.ended();
        running.delete(ctx);
        operations.delete(ctx);
      },
      onSubscribe: async (ctx, id, payload) => {
        const ids = operations.get(ctx) ?? new Set<string>();
        operations.set(ctx, ids);
        if (ids.has(id)) {
          ctx.extra.socket.close(4409, `Subscriber for ${id.slice(0, 64)} already exists`);
          return [new GraphQLError('An operation with this id is already running')];
        }
        ids.add(id);
        const answer = await setUp(ctx, id, payload);
        if (Array.isArray(answer)) ids.delete(id);
        return answer;
      },
      // Called however an operation ends: completed by either side, failed, or its socket closed.
      onComplete: (ctx, id) => {
        operations.get(ctx)?.delete(id);
        if (running.get(ctx)?.delete(id)) subscriptions.ended();
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.debug({ errors: errors.map((error) => error.message) }, 'websocket operation failed');
      },
      onNext: (ctx, id, _payload, _args, result) =>
        frames.onNext(ctx.extra.socket, id, result as ExecutionResult),
    },
    log,
    frames.frame,
  );

  /** An operation's execution arguments, or the errors that answer it instead. */
  async function setUp(
    ctx: Connection,
    id: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
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
    const made = await contextOrForbidden(ctx, contextFactory);
    if ('refused' in made) return [made.refused];
    const args: ExecutionArgs = {
      schema,
      operationName: payload.operationName,
      document,
      variableValues: payload.variables,
      contextValue: made.context,
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
      subscriptions.opened();
    }
    return args;
  }
  return {
    wss,
    /**
     * Closes every client with 1001 (going away) and the WebSocket server itself. Subscriptions
     * still running get up to `graceMs` to end first: once the activity hub has stopped, each sends
     * its last message (SERVER_SHUTTING_DOWN with lastDeliveredId) and completes.
     */
    async close(graceMs: number): Promise<void> {
      await subscriptions.drained(graceMs);
      // onComplete runs just before graphql-ws sends `complete`: it is queued one turn later.
      await new Promise((resolve) => setImmediate(resolve));
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      // ws waits for every client's closing handshake; one that does not read its socket would
      // hold the shutdown for ws's own 30 s timeout.
      const stragglers = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, CLOSING_HANDSHAKE_MS);
      await disposable.dispose();
      clearTimeout(stragglers);
    },
  };
}
