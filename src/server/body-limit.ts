import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * The largest request body (and WebSocket message) accepted by default, counted as it arrives,
 * whether or not its length was declared; MAX_REQUEST_BYTES sets another. Every body under it is
 * read and parsed before the document limits can refuse it, so it bounds what one request without
 * a key costs: bench/README.md shows the figures it was chosen on.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * How much of a refused body is still read and dropped, and for how long, before its connection is
 * closed: a client may keep sending after the answer, and a socket closed with bytes still arriving
 * is reset, so that the client meets EPIPE or ECONNRESET and may never read the answer.
 */
export const DRAIN_AFTER_REFUSAL = { bytes: 16 * 1024 * 1024, ms: 5000 };

/** A byte count as the refusal states it: in MiB or KiB when whole. */
function inUnits(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Sends one error as GraphQL's error list, whole, with `Connection: close` when the body is left unread. */
function writeError(response: ServerResponse, status: number, code: string, message: string, close: boolean) {
  const answer = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer),
    ...(close ? { connection: 'close' } : {}),
  });
  response.write(answer);
}

/**
 * Sends 413 PAYLOAD_TOO_LARGE whole at once, then reads and drops the rest of the body, and ends the
 * response, which closes the connection, once the body has ended or the drain allowance is spent:
 * a body without end cannot hold the socket.
 */
function refuse(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  writeError(response, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${inUnits(maxBytes)}`, true);
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

/** Whether Yoga reads this body as JSON (its own test: the first listed type, parameters aside). */
function isJsonBody(request: IncomingMessage): boolean {
  const type = request.headers['content-type']?.split(',')[0]?.split(';')[0]?.trim();
  return type === 'application/json' || type === 'application/graphql+json';
}

const decoder = new TextDecoder();

/**
 * Hands a whole JSON body to `next` parsed, once: Yoga's server adapter takes a non-empty object
 * from `request.body` as the request's JSON, where it would otherwise copy, decode and parse the
 * body again. A body that is not JSON, or not an object, is answered 400 BAD_REQUEST here without
 * quoting it; `{}` goes to Yoga as bytes, for its own answer.
 */
function parseJson(body: Buffer, request: IncomingMessage, response: ServerResponse, next: () => void) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    writeError(response, 400, 'BAD_REQUEST', 'POST body sent invalid JSON.', false);
    response.end();
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    writeError(response, 400, 'BAD_REQUEST', 'POST body is expected to be a JSON object.', false);
    response.end();
    return;
  }
  Object.assign(request, { body: Object.keys(parsed).length > 0 ? parsed : Readable.from([body]) });
  next();
}

/**
 * Reads a request's body up to `maxBytes` and hands it to `next` as `request.body` (where Yoga's
 * server adapter takes an already-read body from): a JSON body parsed, any other as its bytes. A
 * body over the cap, by its Content-Length or by the bytes that arrive, is answered 413
 * PAYLOAD_TOO_LARGE at once and never reaches `next`.
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
  let chunks: Buffer[] = [];
  let received = 0;
  const collect = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) {
      chunks = [];
      request.off('data', collect);
      refuse(request, response, maxBytes);
      return;
    }
    chunks.push(chunk);
  };
  request.on('data', collect);
  request.once('end', () => {
    if (received > maxBytes) return;
    if (received === 0) {
      next();
      return;
    }
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
    chunks = [];
    // A stream, not a Buffer: the adapter enumerates the keys of a given body, and a Buffer's keys
    // are its bytes.
    if (isJsonBody(request)) parseJson(body, request, response, next);
    else {
      Object.assign(request, { body: Readable.from([body]) });
      next();
    }
  });
}
