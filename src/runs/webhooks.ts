import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest } from '../domain/model.js';
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

/** How webhook calls are made: their timeout and the targets allowed beyond public addresses. */
export interface WebhookCallOptions {
  timeoutMs?: number;
  allowedTargets?: AllowedTargets;
  /** Every address of a host name; DNS (getaddrinfo) by default. */
  resolveHost?: (host: string) => Promise<LookupAddress[]>;
}

/** The same whatever the target's state, so that calls cannot tell open ports from closed ones. */
const NOT_ALLOWED: WebhookOutcome = { status: null, ok: false, error: 'the target address is not allowed' };

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
): Promise<WebhookOutcome> {
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
        response.destroy();
        const status = response.statusCode as number;
        const ok = status >= 200 && status < 300;
        resolve({ status, ok, error: ok ? null : `HTTP ${status}` });
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) {
        resolve({ status: null, ok: false, error: `no response within ${timeoutMs / 1000} s` });
      } else {
        resolve({
          status: null,
          ok: false,
          error: error.code ? `no response (${error.code})` : 'no response',
        });
      }
    });
    call.end(body ?? undefined);
  });
}

/**
 * Makes a webhook's HTTP call. Never throws: a failure is an outcome, and the flow goes on (semantics F10).
 * Only http and https URLs are called, without following redirects, and only at public addresses
 * or targets the operator allows: the host is resolved once, every address it has is checked, and
 * the connection goes to a checked one, so a name that changes its answer meanwhile gains nothing.
 * The response body is not read.
 */
export async function callWebhook(
  request: WebhookRequest,
  {
    timeoutMs = WEBHOOK_TIMEOUT_MS,
    allowedTargets = NO_ALLOWED_TARGETS,
    resolveHost = resolveWithDns,
  }: WebhookCallOptions = {},
): Promise<WebhookOutcome> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { status: null, ok: false, error: 'the URL is not valid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { status: null, ok: false, error: `${url.protocol} URLs are not called: use http or https` };
  }
  let addresses: LookupAddress[] | null;
  try {
    addresses = await checkedAddresses(url.hostname, allowedTargets, resolveHost);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { status: null, ok: false, error: code ? `no response (${code})` : 'no response' };
  }
  return addresses ? send(url, request, addresses, timeoutMs) : NOT_ALLOWED;
}
