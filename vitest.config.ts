import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * graphql 16 ships both index.mjs and index.js without an exports map: Vite would hand the app the
 * .mjs build while CommonJS libraries require the .js one, and graphql refuses schemas from "another
 * realm". Resolving every graphql import the way Node does keeps one copy.
 */
const oneGraphqlRealm: Plugin = {
  name: 'one-graphql-realm',
  enforce: 'pre',
  resolveId(source) {
    if (source === 'graphql' || source.startsWith('graphql/')) return require.resolve(source);
    return null;
  },
};

export default defineConfig({
  plugins: [oneGraphqlRealm],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
  },
});
