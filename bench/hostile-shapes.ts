/**
 * The shapes of hostile input of `npm run bench:hostile` (issue #13), their bodies built before the
 * timed phase, and the client that sends one and times the answer.
 */
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A request's body is a head of its own, which makes every request's document distinct, followed by
 * a tail shared by all requests of the shape, so that a hundred multi-MB bodies need not be held.
 */
export interface HttpShape {
  name: string;
  head(i: number): string;
  tail: string;
  /** Sent with its Content-Length instead of chunked. */
  declared?: boolean;
  /** Sent with `Authorization: Bearer <key>`; without a key otherwise. */
  key?: string;
}

const repeat = (count: number, text: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => text(index)).join(' ');
const aliases = (count: number) => repeat(count, (n) => `a${n}:__typename`);
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const space = (megabytes: number) => ' '.repeat(megabytes * MB);

/** Room left under the cap for a request's own head and the closing of its JSON. */
const HEAD_ROOM = 1024;

/** As many of `unit` (0, 1, 2…), space-separated, as fit in `bytes`, and how many that is. */
function fill(bytes: number, unit: (index: number) => string): { text: string; count: number } {
  const units: string[] = [];
  let length = 0;
  for (let n = 0; ; n += 1) {
    const next = unit(n);
    if (length + next.length + 1 > bytes) break;
    units.push(next);
    length += next.length + 1;
  }
  return { text: units.join(' '), count: units.length };
}

const thousands = (count: number) => count.toLocaleString('en-US');

/**
 * Issue #13's shapes, those that can fit under the body cap `capBytes` filling it (the most a
 * request without a key makes the server read and parse), with bodies over the cap, chunked and
 * declared, and a body of JSON whose variables fill the cap before a short query.
 */
export function httpShapes(capBytes: number): HttpShape[] {
  const under = capBytes - HEAD_ROOM;
  const underAliases = fill(under, (n) => `a${n}:__typename`);
  const fragments = fill(under, (n) => `fragment f${n} on Query { __typename }`);
  const operations = fill(under, (n) => `query q${n} { __typename }`);
  const skips = fill(under, () => '@skip(if: false)');
  return [
    {
      name: 'aliases, 11 MB',
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: `${aliases(600_000)} }"}`,
    },
    {
      name: `${thousands(underAliases.count)} aliases, filling the body cap`,
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: `${underAliases.text} }"}`,
    },
    {
      name: `${thousands(underAliases.count)} aliases, filling the body cap, with a key that is not one`,
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: `${underAliases.text} }"}`,
      key: 'not-a-key-0123456789abcdef',
    },
    {
      name: 'aliases, 31 KB (under the byte limit)',
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: `${aliases(1_900)} }"}`,
    },
    {
      name: `${thousands(fragments.count)} unused fragments, filling the body cap`,
      head: (i) => `{"query":"{ r${i}: __typename } `,
      tail: `${fragments.text}"}`,
    },
    {
      name: `${thousands(operations.count)} operations, one named, filling the body cap`,
      head: (i) => `{"operationName":"r${i}","query":"query r${i} { __typename } `,
      tail: `${operations.text}"}`,
    },
    {
      name: `${thousands(skips.count)} @skip directives, filling the body cap`,
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: `${skips.text}}"}`,
    },
    {
      name: 'a list literal nested 50,000 deep',
      head: (i) => `{"query":"{ r${i}: node(id: `,
      tail: `${nested(50_000)}) { id } }"}`,
    },
    {
      name: 'a list literal nested 16,000 deep (under the byte limit)',
      head: (i) => `{"query":"{ r${i}: node(id: `,
      tail: `${nested(16_000)}) { id } }"}`,
    },
    {
      name: 'a body that is not JSON, filling the body cap',
      head: (i) => `{"query":"{ r${i}: __typename `,
      tail: 'a'.repeat(under),
    },
    {
      name: 'JSON variables filling the body cap, then a short query',
      head: (i) => `{"variables":{"r":${i},"pad":"`,
      tail: `${'x'.repeat(under)}"},"query":"{ __typename }"}`,
    },
    { name: '25 MB body, chunked', head: (i) => `{"query":"{ r${i}: __typename }"`, tail: `${space(25)}}` },
    {
      name: '25 MB body, Content-Length',
      head: (i) => `{"query":"{ r${i}: __typename }"`,
      tail: `${space(25)}}`,
      declared: true,
    },
  ];
}

/**
 * One request's times, in ms from its start. `decisive` is when the client had handed the kernel
 * the last byte the server needs to decide: the headers for a declared length over the cap, the
 * byte past the cap for a chunked body over it, the body's last byte otherwise.
 */
export interface Timing {
  answer: string;
  decisive: number;
  firstByte: number;
  end: number;
}

/**
 * Sends `head` + `tail` (a Buffer of the shape's shared tail) on a connection of its own, in 64 KiB
 * chunks, and stops sending once the answer's head arrives, as a client that reads would. `capBytes`
 * is the most the server reads of this request's body (for a request without a valid key, its
 * MAX_ANONYMOUS_REQUEST_BYTES), which tells the byte it decides on.
 */
export function sendHttp(
  url: string,
  shape: HttpShape,
  head: Buffer,
  tail: Buffer,
  capBytes: number,
): Promise<Timing> {
  const length = head.length + tail.length;
  const overCap = length > capBytes;
  return new Promise((resolve) => {
    const started = performance.now();
    const since = () => performance.now() - started;
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (shape.declared) headers['content-length'] = length;
    if (shape.key) headers.authorization = `Bearer ${shape.key}`;
    const request = httpRequest(url, { method: 'POST', headers, agent: false });
    let decisive = Number.NaN;
    let firstByte = Number.NaN;
    let settled = false;
    const settle = (answer: string) => {
      if (settled) return;
      settled = true;
      request.destroy();
      // A server that answers before the deciding byte decided on less.
      const decided = Number.isNaN(decisive) ? firstByte : Math.min(decisive, firstByte);
      resolve({ answer, decisive: decided, firstByte, end: since() });
    };
    request.on('response', (response) => {
      firstByte = since();
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => {
        const code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
          ?.extensions?.code;
        settle(`${response.statusCode} ${code ?? 'no error'}`);
      });
      response.on('close', () => settle(`${response.statusCode}, its body cut`));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (Number.isNaN(firstByte)) settle(`connection closed (${error.code}) after ${sentMb()} MB sent`);
    });
    const decidedAt = () => {
      if (Number.isNaN(decisive)) decisive = since();
    };
    // The byte the server decides on, counted in the body; 0 is the headers, sent with the first chunk.
    const decidingByte = shape.declared && overCap ? 0 : overCap ? capBytes + 1 : length;
    let sent = 0;
    const sentMb = () => Math.floor(sent / MB);
    const chunkAt = (offset: number) =>
      offset < head.length
        ? head.subarray(offset)
        : tail.subarray(offset - head.length, offset - head.length + CHUNK);
    const write = () => {
      while (sent < length && Number.isNaN(firstByte)) {
        const chunk = chunkAt(sent);
        sent += chunk.length;
        const decides = sent >= decidingByte && Number.isNaN(decisive);
        const last = sent >= length;
        if (last) {
          request.end(chunk, decides ? decidedAt : undefined);
          return;
        }
        if (!request.write(chunk, decides ? decidedAt : undefined)) {
          // Back to the event loop, where the answer is read, before the next chunk: a drain that
          // comes at once (the kernel took the chunk) would chain writes without ever reading.
          request.once('drain', () => setImmediate(write));
          return;
        }
      }
    };
    write();
  });
}

/**
 * A 12 MB WebSocket message before connection_init; `decisive` is when it had been handed to the
 * socket, `firstByte` when the server's first bytes after the handshake (its close frame) arrived,
 * `end` when the connection closed. Its mask is zero, which ws sends without masking the message
 * byte by byte: otherwise the attacker's own masking of eight 12 MB messages at once, on the cores
 * the server shares, would be timed as the server's.
 */
export function sendOversizedWebSocketMessage(url: string, message: Buffer): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let decisive = Number.NaN;
    let firstByte = Number.NaN;
    const socket = new WebSocket(url.replace('http://', 'ws://'), 'graphql-transport-ws', {
      generateMask: (mask) => mask.fill(0),
    });
    socket.once('error', () => {});
    socket.once('close', (code) => {
      const closed = performance.now() - started;
      resolve({
        answer: `close ${code}`,
        decisive,
        firstByte: Number.isNaN(firstByte) ? closed : firstByte,
        end: closed,
      });
    });
    socket.once('open', () => {
      // ws reads the close frame from its socket, which it does not expose in its types.
      const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket;
      raw.once('data', () => {
        firstByte = performance.now() - started;
      });
      socket.send(message);
      decisive = performance.now() - started;
    });
    socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
}

export const WEBSOCKET_MESSAGE_BYTES = 12 * MB;
