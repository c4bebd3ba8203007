import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { pageSecurityHeaders } from './page-headers.js';

/** Where the console's page is served; its files are under CONSOLE_PATH/assets/, named by content. */
export const CONSOLE_PATH = '/console';
const ASSETS_PATH = `${CONSOLE_PATH}/assets/`;
const SOURCES = new URL('../console/', import.meta.url);

/**
 * The console loads its script and stylesheet from this server and talks to /graphql over fetch and
 * WebSocket ('self' covers ws: of the same host); nothing inline, no other origin.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = pageSecurityHeaders(CONSOLE_CSP);

interface Asset {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
}

export interface Bundle {
  page: Asset;
  assets: Map<string, Asset>;
}

const asset = (type: string, text: string | Uint8Array): Asset => {
  const body = typeof text === 'string' ? Buffer.from(text) : Buffer.from(text);
  return { type, body: new Uint8Array(body), gzipped: new Uint8Array(gzipSync(body)) };
};

/** A name that changes with the content, so that a browser may keep each file for good. */
const contentName = (extension: string, { body }: Asset) =>
  `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${extension}`;

function renderPage(script: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Campaign engine console</title>
    <link rel="stylesheet" href="${ASSETS_PATH}${stylesheet}">
    <script type="module" src="${ASSETS_PATH}${script}"></script>
  </head>
  <body>
    <noscript>The console needs JavaScript.</noscript>
    <div id="console">Loading the console…</div>
  </body>
</html>
`;
}

/**
 * Bundles src/console in memory with esbuild (the same version tsx runs on): `npm start` serves the
 * console with no build step, and only a server that is asked for it pays for the bundling.
 */
async function bundleConsole(): Promise<Bundle> {
  const [result, css] = await Promise.all([
    build({
      entryPoints: [fileURLToPath(new URL('main.ts', SOURCES))],
      tsconfig: fileURLToPath(new URL('tsconfig.json', SOURCES)),
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      legalComments: 'none',
      logLevel: 'silent',
    }),
    readFile(new URL('console.css', SOURCES), 'utf8'),
  ]);
  const script = asset('text/javascript; charset=utf-8', result.outputFiles[0]?.contents ?? '');
  const stylesheet = asset('text/css; charset=utf-8', css);
  const scriptName = contentName('js', script);
  const stylesheetName = contentName('css', stylesheet);
  return {
    page: asset('text/html; charset=utf-8', renderPage(scriptName, stylesheetName)),
    assets: new Map([
      [scriptName, script],
      [stylesheetName, stylesheet],
    ]),
  };
}

/**
 * Serves the console at CONSOLE_PATH: its page and bundled files, gzipped for browsers that take it.
 * A bundling that fails is logged once and answered 500 until the server restarts: its sources do
 * not change while it runs, so bundling again would fail again, once per request.
 */
export function useConsole(log: Logger, bundler: () => Promise<Bundle> = bundleConsole): Plugin {
  let bundle: Promise<Bundle | null> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const { pathname } = url;
      const isPage = pathname === CONSOLE_PATH || pathname === `${CONSOLE_PATH}/`;
      if (!isPage && !pathname.startsWith(ASSETS_PATH)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      bundle ??= bundler().catch((error: unknown) => {
        log.error({ err: error }, 'the console could not be bundled: it is not served until a restart');
        return null;
      });
      const built = await bundle;
      if (!built) {
        endResponse(new fetchAPI.Response('The console could not be built.', { status: 500 }));
        return;
      }
      const found = isPage ? built.page : built.assets.get(pathname.slice(ASSETS_PATH.length));
      if (!found) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: SECURITY_HEADERS }));
        return;
      }
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const headers: Record<string, string> = {
        ...SECURITY_HEADERS,
        'content-type': found.type,
        'cache-control': isPage ? 'no-cache' : 'public, max-age=31536000, immutable',
        vary: 'accept-encoding',
      };
      if (gzip) headers['content-encoding'] = 'gzip';
      const body = request.method === 'HEAD' ? null : gzip ? found.gzipped : found.body;
      endResponse(new fetchAPI.Response(body, { headers }));
    },
  };
}
