import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** The largest request body accepted, counted as it arrives, whether or not its length was declared. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

function refuse(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  response.end(
    JSON.stringify({
      errors: [
        {
          message: `Request bodies are limited to ${maxBytes / 1024 / 1024} MiB`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    }),
  );
  // The client may still be sending: its bytes are dropped, and the connection ends once the
  // answer is written, so that a body without end cannot hold the socket.
  request.removeAllListeners('data');
  request.resume();
  response.once('finish', () => request.socket.destroySoon());
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
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) {
      chunks.length = 0;
      refuse(request, response, maxBytes);
      return;
    }
    chunks.push(chunk);
  });
  request.once('end', () => {
    if (received > maxBytes) return;
    // A stream, not the Buffer itself: the adapter enumerates the keys of a given body, and a
    // Buffer's keys are its bytes.
    if (received > 0) Object.assign(request, { body: Readable.from([Buffer.concat(chunks, received)]) });
    next();
  });
}
