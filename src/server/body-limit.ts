import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * The largest request body (and WebSocket message) accepted by default, counted as it arrives,
 * whether or not its length was declared; MAX_REQUEST_BYTES sets another. Every body under it is
 * read and parsed before the document limits can refuse it, so it bounds what one request with a
 * key costs (without one, MAX_ANONYMOUS_REQUEST_BYTES does): bench/README.md shows the figures.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * How much of a refused body is still read and dropped, and for how long, before its connection is
 * closed: a client may keep sending after the answer, and a socket closed with bytes still arriving
 * is reset, so that the client meets EPIPE or ECONNRESET and may never read the answer.
 */
export const DRAIN_AFTER_REFUSAL = { bytes: 16 * 1024 * 1024, ms: 5000 };

/**
 * The most of a body read before its API key is checked: a document at its byte limit (32 KiB) with
 * as much again of variables. Past it, only a request whose Authorization header holds a valid key
 * is read on, so that the body cap is what a key holder may send, not what anyone may make the
 * server read and parse.
 */
export const MAX_ANONYMOUS_REQUEST_BYTES = 64 * 1024;

/** The bounds of one request body. */
export interface BodyLimits {
  /** The largest body, of a request with a valid API key (MAX_REQUEST_BYTES). */
  maxBytes: number;
  /** The largest body read before the key is checked; past it a request without a valid key is refused. */
  anonymousMaxBytes: number;
  /**
   * Whether the request's Authorization header holds a valid key; asked once, only of a body
   * declared or grown past `anonymousMaxBytes`. A rejection (the key could not be checked) lets the
   * body be read up to `maxBytes`, for the request's own answer to report.
   */
  hasValidKey(request: IncomingMessage): Promise<boolean>;
}

/** A byte count as the refusal states it: in MiB or KiB when whole. */
function inUnits(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Sends one error as GraphQL's error list, whole, with `Connection: close` when the body is left unread. */
function writeError(response: ServerResponse, { status, code, message, headers }: Refusal, close: boolean) {
  const answer = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer),
    ...(close ? { connection: 'close' } : {}),
  });
  response.write(answer);
}

const tooLarge = (maxBytes: number): Refusal => ({
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  message: `Request bodies are limited to ${inUnits(maxBytes)}`,
});

const keyNeeded = (anonymousMaxBytes: number): Refusal => ({
  status: 401,
  code: 'UNAUTHENTICATED',
  message: `Request bodies over ${inUnits(anonymousMaxBytes)} need a valid API key, sent as "Authorization: Bearer <key>"`,
  headers: { 'www-authenticate': 'Bearer' },
});

/**
 * Sends the refusal whole at once, then reads and drops the rest of the body, and ends the response,
 * which closes the connection, once the body has ended or the drain allowance is spent: a body
 * without end cannot hold the socket.
 */
function refuse(request: IncomingMessage, response: ServerResponse, refusal: Refusal): void {
  writeError(response, refusal, true);
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
    writeError(
      response,
      { status: 400, code: 'BAD_REQUEST', message: 'POST body sent invalid JSON.' },
      false,
    );
    response.end();
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    writeError(
      response,
      { status: 400, code: 'BAD_REQUEST', message: 'POST body is expected to be a JSON object.' },
      false,
    );
    response.end();
    return;
  }
  Object.assign(request, { body: Object.keys(parsed).length > 0 ? parsed : Readable.from([body]) });
  next();
}

/**
 * Reads a request's body up to `limits.maxBytes` and hands it to `next` as `request.body` (where
 * Yoga's server adapter takes an already-read body from): a JSON body parsed, any other as its
 * bytes. A body over the cap, by its Content-Length or by the bytes that arrive, is answered 413
 * PAYLOAD_TOO_LARGE at once; one past `limits.anonymousMaxBytes` is held while its key is checked,
 * and answered 401 UNAUTHENTICATED at once when it has none that is valid. Neither reaches `next`.
 */
export function withinBodyLimit(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
  limits: BodyLimits,
): void {
  if (request.method === 'GET' || request.method === 'HEAD') {
    next();
    return;
  }
  const { maxBytes, anonymousMaxBytes } = limits;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    refuse(request, response, tooLarge(maxBytes));
    return;
  }
  let chunks: Buffer[] = [];
  let received = 0;
  let refused = false;
  let keyChecked = anonymousMaxBytes >= maxBytes;
  const refuseWith = (refusal: Refusal) => {
    refused = true;
    chunks = [];
    request.off('data', collect);
    refuse(request, response, refusal);
  };
  // Nothing more is read until the key is known good: a refused body is only drained.
  const checkKey = () => {
    keyChecked = true;
    request.pause();
    limits
      .hasValidKey(request)
      .catch(() => true)
      .then((valid) => {
        if (valid) request.resume();
        else refuseWith(keyNeeded(anonymousMaxBytes));
      });
  };
  const collect = (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) {
      refuseWith(tooLarge(maxBytes));
      return;
    }
    chunks.push(chunk);
    if (!keyChecked && received > anonymousMaxBytes) checkKey();
  };
  request.on('data', collect);
  request.once('end', () => {
    if (refused) return;
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
  if (!keyChecked && declared > anonymousMaxBytes) checkKey();
}
