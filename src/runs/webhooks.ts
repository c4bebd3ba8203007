import type { WebhookRequest } from '../domain/model.js';

/** F10: a webhook call is given up after this long. */
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

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/**
 * Makes a webhook's HTTP call. Never throws: a failure is an outcome, and the flow goes on (F10).
 * Only http and https URLs are called. The response body is not read.
 */
export async function callWebhook(
  request: WebhookRequest,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
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
  const withBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: withBody ? { 'content-type': contentTypeOf(request.body as string) } : {},
      body: withBody ? request.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return {
      status: response.status,
      ok: response.ok,
      error: response.ok ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { status: null, ok: false, error: `no response within ${timeoutMs / 1000} s` };
    }
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    return {
      status: null,
      ok: false,
      error: typeof code === 'string' ? `no response (${code})` : 'no response',
    };
  }
}
