import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** The largest request body accepted, counted as it arrives, whether or not its length was declared. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * How much of a refused body is still read and dropped, and for how long, before its connection is
 * closed: a client may keep sending after the answer, and a socket closed with bytes still arriving
 * is reset, so that the client meets EPIPE or ECONNRESET and may never read the answer.
 */
export const DRAIN_AFTER_REFUSAL = { bytes: 4 * MAX_REQUEST_BYTES, ms: 5000 };

/**
 * Sends 413 PAYLOAD_TOO_LARGE whole at once, then reads and drops the rest of the body, and ends the
 * response, which closes the connection, once the body has ended or DRAIN_AFTER_REFUSAL is spent:
 * a body without end cannot hold the socket.
 */
function refuse(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  const answer = JSON.stringify({
    errors: [
      {
        message: `Request bodies are limited to ${maxBytes / 1024 / 1024} MiB`,
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ],
  });
  response.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer),
    connection: 'close',
  });
  response.write(answer);
  let dropped = 0;
  const close = () => {
    clearTimeout(deadline);
    response.end();
  };
  const deadline = setTimeout(close, DRAIN_AFTER_REFUSAL.ms);
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_AFTER_REFUSAL.bytes) close();
  });
  request.once('end', close);
  request.once('close', close);
  request.resume();
}

/**
 * Reads a request's body up to `maxBytes` and hands it to `next` as `request.body` (where Yoga's
 * server adapter takes an already-read body from). A body over the cap, by its Content-Length or by
 * the bytes that arrive, is answered 413 PAYLOAD_TOO_LARGE at once and never reaches `next`.
 */
export function withinBodyLimit(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
  maxBytes = MAX_REQUEST_BYTES,
): void {
  if (request.method === 'GET' || request.method === 'HEAD') {
    next();
    return;
  }
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    refuse(request, response, maxBytes);
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const collect = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) {
      chunks.length = 0;
      request.off('data', collect);
      refuse(request, response, maxBytes);
      return;
    }
    chunks.push(chunk);
  };
  request.on('data', collect);
  request.once('end', () => {
    if (received > maxBytes) return;
    // A stream, not a Buffer: the adapter enumerates the keys of a given body, and a Buffer's keys
    // are its bytes. Its chunks as they came: the adapter joins them, once.
    if (received > 0) Object.assign(request, { body: Readable.from(chunks) });
    next();
  });
}
