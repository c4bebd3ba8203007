import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest } from '../domain/flow-records.js';
import {
  type AllowedTargets,
  isAllowedAddress,
  isAllowedName,
  NO_ALLOWED_TARGETS,
  parseIpAddress,
} from '../domain/network-targets.js';

/** semantics F10: a webhook call is given up after this long. */
export const WEBHOOK_TIMEOUT_MS = 30_000;

/** How a webhook call went, as its CALL_WEBHOOK activity records it. */
export interface WebhookOutcome {
  /** The HTTP status, or null when no response came (refused, timed out, bad URL). */
  status: number | null;
  /** True for a 2xx response. */
  ok: boolean;
  /** Why the call failed, without the URL (it may carry tokens). */
  error: string | null;
}

/** The most of a response body read for response mappings (semantics F12); a longer body maps nothing. */
export const WEBHOOK_RESPONSE_MAX_BYTES = 1024 * 1024;

/**
 * A webhook call's outcome and, when its step maps the response (semantics F12), the body of a 2xx
 * response, or why there is none to map.
 */
export interface WebhookCall {
  outcome: WebhookOutcome;
  body: string | null;
  unmappable: string | null;
}

/** How webhook calls are made: their timeout and the targets allowed beyond public addresses. */
export interface WebhookCallOptions {
  timeoutMs?: number;
  allowedTargets?: AllowedTargets;
  /** Every address of a host name; DNS (getaddrinfo) by default. */
  resolveHost?: (host: string) => Promise<LookupAddress[]>;
}

/** A call that got no response. */
const failed = (error: string): WebhookCall => ({
  outcome: { status: null, ok: false, error },
  body: null,
  unmappable: 'CALL_FAILED',
});

/** The same whatever the target's state, so that calls cannot tell open ports from closed ones. */
const NOT_ALLOWED = failed('the target address is not allowed');

/** Reads a response body up to the limit, or says why it could not. */
function readBody(response: IncomingMessage): Promise<Pick<WebhookCall, 'body' | 'unmappable'>> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    const unread = (unmappable: string) => resolve({ body: null, unmappable });
    response.on('data', (part: Buffer) => {
      size += part.length;
      if (size > WEBHOOK_RESPONSE_MAX_BYTES) {
        unread('RESPONSE_TOO_LARGE');
        response.destroy();
      } else parts.push(part);
    });
    response.on('end', () => resolve({ body: Buffer.concat(parts).toString('utf8'), unmappable: null }));
    response.on('close', () => unread('RESPONSE_INCOMPLETE'));
  });
}

const resolveWithDns = (host: string) => lookup(host, { all: true, verbatim: true });

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/**
 * The addresses the call may connect to: the host's own when it is an address, else all those it
 * resolves to. Null when one is not allowed, unless the host is allowed by name.
 */
async function checkedAddresses(
  host: string,
  allowed: AllowedTargets,
  resolveHost: (host: string) => Promise<LookupAddress[]>,
): Promise<LookupAddress[] | null> {
  const literal = parseIpAddress(host);
  if (literal) {
    const address = host.replace(/^\[|\]$/g, '');
    return isAllowedAddress(host, allowed) ? [{ address, family: literal.family }] : null;
  }
  const addresses = await resolveHost(host);
  const allowedAll =
    isAllowedName(host, allowed) || addresses.every(({ address }) => isAllowedAddress(address, allowed));
  return addresses.length > 0 && allowedAll ? addresses : null;
}

/** Sends the request to one of the checked addresses only: the host is not looked up again. */
function send(
  url: URL,
  request: WebhookRequest,
  addresses: LookupAddress[],
  timeoutMs: number,
): Promise<WebhookCall> {
  const body =
    request.body !== null && request.method !== 'GET' && request.method !== 'HEAD' ? request.body : null;
  const connectTo: LookupFunction = (_host, options, callback) => {
    const [first] = addresses as [LookupAddress];
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    const call = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: request.method,
        headers:
          body === null
            ? {}
            : { 'content-type': contentTypeOf(body), 'content-length': Buffer.byteLength(body) },
        lookup: connectTo,
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode as number;
        const ok = status >= 200 && status < 300;
        const outcome = { status, ok, error: ok ? null : `HTTP ${status}` };
        if (!ok || !request.responseMappings?.length) {
          response.destroy();
          resolve({ outcome, body: null, unmappable: ok ? null : 'CALL_FAILED' });
          return;
        }
        void readBody(response).then((read) => resolve({ outcome, ...read }));
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) resolve(failed(`no response within ${timeoutMs / 1000} s`));
      else resolve(failed(error.code ? `no response (${error.code})` : 'no response'));
    });
    call.end(body ?? undefined);
  });
}

/**
 * Makes a webhook's HTTP call. Never throws: a failure is an outcome, and the flow goes on (semantics F10).
 * Only http and https URLs are called, without following redirects, and only at public addresses
 * or targets the operator allows: the host is resolved once, every address it has is checked, and
 * the connection goes to a checked one, so a name that changes its answer meanwhile gains nothing.
 * The response body is read only when the step maps it (semantics F12), up to WEBHOOK_RESPONSE_MAX_BYTES.
 */
export async function callWebhook(
  request: WebhookRequest,
  {
    timeoutMs = WEBHOOK_TIMEOUT_MS,
    allowedTargets = NO_ALLOWED_TARGETS,
    resolveHost = resolveWithDns,
  }: WebhookCallOptions = {},
): Promise<WebhookCall> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return failed('the URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return failed(`${url.protocol} URLs are not called: use http or https`);
  }
  let addresses: LookupAddress[] | null;
  try {
    addresses = await checkedAddresses(url.hostname, allowedTargets, resolveHost);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failed(code ? `no response (${code})` : 'no response');
  }
  return addresses ? send(url, request, addresses, timeoutMs) : NOT_ALLOWED;
}
