import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { EXAMPLE_TABS, HEADERS_HINT } from './graphiql-examples.js';
import { pageSecurityHeaders } from './page-headers.js';

const require = createRequire(import.meta.url);
const { version } = require('@graphql-yoga/render-graphiql/package.json') as { version: string };

/**
 * Where GraphiQL's files are served, named by the package's version: a browser may keep them for
 * good, and an upgrade changes every address.
 */
export const GRAPHIQL_ASSETS_PATH = `/graphiql/${version}/`;

/**
 * Everything the page loads comes from this server: no other origin, no inline script. The editor
 * adds <style> elements as it runs, and its fonts and icons are data: URLs inside the stylesheet.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = pageSecurityHeaders(GRAPHIQL_CSP);

/**
 * GraphiQL fills its variables editor from `variables` alone, never from the first default tab: that
 * tab's are handed to it there too.
 */
export const GRAPHIQL_OPTIONS: GraphiQLOptions & { variables?: string | null } = {
  title: 'Campaign engine',
  defaultTabs: EXAMPLE_TABS,
  defaultHeaders: HEADERS_HINT,
  variables: EXAMPLE_TABS[0]?.variables,
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * GraphiQL's page. The options travel as a JSON data block, which no script-src applies to; escaping
 * `<` keeps a `</script>` inside an example from ending it.
 */
export function renderGraphiQLPage(options: GraphiQLOptions): string {
  const data = JSON.stringify(options).replace(/</g, '\\u003c');
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${title}</title>
    <link rel="icon" href="${GRAPHIQL_ASSETS_PATH}favicon.ico">
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css">
    <script type="application/json" id="graphiql-options">${data}</script>
    <script defer src="${GRAPHIQL_ASSETS_PATH}start.js"></script>
    <script defer src="${GRAPHIQL_ASSETS_PATH}graphiql.js"></script>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root">Loading ${title}…</div>
  </body>
</html>
`;
}

interface Asset {
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** The bundle is a few megabytes of JavaScript: read on the first request for one of its files. */
async function loadAssets(): Promise<Map<string, Asset>> {
  const [bundle, start] = await Promise.all([
    import('@graphql-yoga/render-graphiql/graphiql'),
    readFile(new URL('./graphiql-start.js', import.meta.url), 'utf8'),
  ]);
  const icon = bundle.favicon.slice(bundle.favicon.indexOf(',') + 1);
  return new Map<string, Asset>([
    ['start.js', { body: start, type: JAVASCRIPT }],
    ['graphiql.js', { body: bundle.js, type: JAVASCRIPT }],
    ['graphiql.css', { body: bundle.css, type: 'text/css; charset=utf-8' }],
    ['editor.worker.js', { body: bundle.editorWorkerService, type: JAVASCRIPT }],
    ['json.worker.js', { body: bundle.jsonWorker, type: JAVASCRIPT }],
    ['graphql.worker.js', { body: bundle.graphqlWorker, type: JAVASCRIPT }],
    ['favicon.ico', { body: Uint8Array.from(Buffer.from(icon, 'base64')), type: 'image/x-icon' }],
  ]);
}

/**
 * Serves GraphiQL's files under GRAPHIQL_ASSETS_PATH, and sends the page Yoga renders with the
 * security headers its files get.
 */
export function useGraphiQLAssets(): Plugin {
  let assets: Promise<Map<string, Asset>> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      assets ??= loadAssets();
      const asset = (await assets).get(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: SECURITY_HEADERS }));
        return;
      }
      const headers = {
        ...SECURITY_HEADERS,
        'content-type': asset.type,
        'cache-control': 'public, max-age=31536000, immutable',
      };
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : asset.body, { headers }));
    },
    onResponse({ response }) {
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
      }
    },
  };
}
