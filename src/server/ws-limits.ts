import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Viewer } from '../schema/context.js';

/** WebSocket connections one API key may hold open at once on one server, by default. */
export const MAX_WEBSOCKETS_PER_KEY = 20;

/** The close code of a connection refused because its key holds the most it may. */
export const TOO_MANY_CONNECTIONS = { code: 4429, reason: 'Too many connections for this API key' };

/**
 * Counts each key's open WebSocket connections on this server (every admin key counts as one).
 * `admit` closes a connection one past the cap with TOO_MANY_CONNECTIONS and answers false;
 * an admitted connection is counted until its socket closes; one already closed is not admitted.
 */
export function createConnectionQuota(maxPerKey = MAX_WEBSOCKETS_PER_KEY) {
  const open = new Map<string, number>();
  return {
    admit(socket: WebSocket, viewer: Viewer): boolean {
      // Closed while its key was checked: its close event has passed, and would never uncount it.
      if (socket.readyState !== socket.OPEN) return false;
      const key = viewer.kind === 'workspace' ? `key:${viewer.apiKeyId}` : 'admin';
      const count = open.get(key) ?? 0;
      if (count >= maxPerKey) {
        socket.close(TOO_MANY_CONNECTIONS.code, TOO_MANY_CONNECTIONS.reason);
        return false;
      }
      open.set(key, count + 1);
      socket.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
      return true;
    },
  };
}

export type ConnectionQuota = ReturnType<typeof createConnectionQuota>;

/**
 * How long a connection whose frame ws refused (over the size cap, not masked, not UTF-8) is held,
 * unread, before it is cut. ws closes with the refusal's code and then reads on, dropping what
 * arrives, until the client closes or 30 seconds pass, which for a 12 MB frame is the whole frame.
 * Cutting at once, with bytes still arriving, resets the connection, and a client still sending may
 * meet the reset before it reads the close frame; held unread, it reads the close frame while its
 * own sending waits on a full window.
 */
export const HOLD_AFTER_FRAME_REFUSAL_MS = 1000;

/**
 * Stops reading the connection of `client`, whose raw socket is `socket`, once a frame it sent has
 * been refused, and cuts it HOLD_AFTER_FRAME_REFUSAL_MS later: ws emits `error` only for a refused
 * frame, after it has sent its close frame, and resumes the socket on the next tick to drain it.
 */
export function cutAfterRefusedFrame(client: WebSocket, socket: Duplex): void {
  client.once('error', () => {
    process.nextTick(() => socket.pause());
    holdThenCut(socket);
  });
}

function holdThenCut(socket: Duplex): void {
  const cut = setTimeout(() => socket.destroy(), HOLD_AFTER_FRAME_REFUSAL_MS);
  socket.once('close', () => clearTimeout(cut));
}

/**
 * Closes `client` with 1009, and stops reading its raw `socket`, once more than `maxBytes` have
 * arrived before the connection is admitted: as an HTTP body past MAX_ANONYMOUS_REQUEST_BYTES
 * needs a valid key, so a `connection_init` (or anything sent before it is accepted) is read and
 * parsed only when it fits. ws reads each chunk before this counts it, and a chunk is at most
 * 64 KiB, so no message much past `maxBytes` is ever whole. Returns what admits the connection.
 */
export function limitBeforeAdmission(client: WebSocket, socket: Duplex, maxBytes: number): () => void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= maxBytes) return;
    socket.off('data', count);
    socket.pause();
    client.close(1009, `Messages before the connection is accepted are limited to ${maxBytes / 1024} KiB`);
    holdThenCut(socket);
  };
  socket.on('data', count);
  return () => socket.off('data', count);
}
