import type { Plugin } from 'graphql-yoga';

/**
 * Yoga's `cors` option for the origins allowed to call the API from a browser (CORS_ORIGINS): a
 * request from one of them gets its origin back in Access-Control-Allow-Origin; any other origin
 * gets no CORS header at all, so a browser keeps the answer from the page that asked. With no
 * origin allowed, only same-origin pages (GraphiQL) can read answers.
 *
 * Credentials stay off: the API reads its key from the Authorization header, which a calling page
 * sets itself and which Access-Control-Allow-Headers admits, never from cookies or HTTP
 * authentication that a browser would attach on its own. Allowing credentials would grant nothing
 * a client needs, and would let an allowed page ride on whatever such credentials a browser holds.
 */
export function corsFor(allowedOrigins: readonly string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowedOrigins.includes(origin)) return false as const;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type'],
      credentials: false,
    };
  };
}

/**
 * With origins allowed, an answer's CORS headers depend on the request's Origin: caches are told so
 * (Yoga's `cors` does not say it when it allows one origin), whether the origin was allowed or not.
 */
export function useVaryOnOrigin(allowedOrigins: readonly string[]): Plugin {
  return {
    onResponse({ response }) {
      if (allowedOrigins.length) response.headers.append('vary', 'Origin');
    },
  };
}
