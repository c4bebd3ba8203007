import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  type ConnectionInitMessage,
  handleProtocols,
  MessageType,
  makeServer,
  parseMessage,
  type ServerOptions,
} from 'graphql-ws';
import type { Logger } from 'pino';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { loggable } from '../db/loggable.js';
import type { MessageFragments } from './shared-frames.js';

/** What each graphql-ws context carries of its connection. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** How long a client has to answer a ping before its connection is cut. */
const KEEP_ALIVE_MS = 12_000;

/** The messages a client may send; graphql-ws throws on the others (a client sending `next`). */
const CLIENT_MESSAGES: ReadonlySet<string> = new Set([
  MessageType.ConnectionInit,
  MessageType.Ping,
  MessageType.Pong,
  MessageType.Subscribe,
  MessageType.Complete,
]);

/** Whether a text frame is a graphql-transport-ws message a client may send: JSON of a known type. */
function isClientMessage(text: string): boolean {
  try {
    return CLIENT_MESSAGES.has(parseMessage(text).type);
  } catch {
    return false;
  }
}

/**
 * graphql-ws's server on `wss`, in place of graphql-ws's own adapter for ws (which its authors
 * offer as a starter to copy): that one prints every socket error and every failure of a hook to
 * stderr with its stack, and closes with the error's message as the reason. Here each is one log
 * line of safe fields: a frame ws refused (too big, not masked, not UTF-8) is closed by ws with the
 * matching code (1009, 1002, 1007); a frame that is binary, not JSON or not a client's message is
 * closed with 4400; a failure of ours with 1011 and no detail.
 */
export function serveGraphqlWs(
  wss: WebSocketServer,
  options: ServerOptions<ConnectionInitMessage['payload'], SocketExtra>,
  log: Logger,
  /** The message to send in place of the one graphql-ws encoded: text, or the fragments of a text message. */
  frame: (socket: WebSocket, data: string) => string | MessageFragments = (_socket, data) => data,
) {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    // ws emits here only the errors of its frame reader, and has started closing already.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      log.info({ code: error.code ?? error.name }, 'websocket frame refused');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const pings = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            const done = (error?: Error) => (error ? reject(error) : resolve());
            const message = frame(socket, data);
            if (typeof message === 'string') return socket.send(message, { binary: false }, done);
            // Queued together, synchronously: no other data frame can come between them (ws sends
            // each at once, permessage-deflate being off). The message counts as sent as its first
            // fragment does, so that the send queue's limit (SEND_QUEUE_BYTES) weighs what was
            // waiting before it, as for a message of one frame.
            const [start, payload, end] = message;
            socket.send(start, { binary: false, fin: false }, done);
            socket.send(payload, { binary: false, fin: false });
            socket.send(end, { binary: false, fin: true });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data: RawData, isBinary) => {
            // Decoded once, for the check and for graphql-ws.
            const text = isBinary ? null : String(data);
            if (text === null || !isClientMessage(text)) {
              log.info({ binary: isBinary }, 'websocket message refused');
              socket.close(CloseCode.BadRequest, 'Invalid message received');
              return;
            }
            try {
              await handle(text);
            } catch (error) {
              log.error({ err: loggable(error) }, 'websocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pings);
      closed(code, String(reason)).catch((error: unknown) =>
        log.error({ err: loggable(error) }, 'websocket close failed'),
      );
    });
  });
  return {
    /** Stops accepting; resolves once every connection has closed. */
    dispose: () =>
      new Promise<void>((resolve, reject) => {
        wss.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
