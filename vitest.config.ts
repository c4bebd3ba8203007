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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
    projects: [
      // The pure domain needs no database: its tests run without starting one.
      { extends: true, test: { name: 'domain', include: ['test/domain/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/domain/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // One process per test file: a file may set process.env.TZ (the DATETIME tests do) without
          // another file seeing it, as it would in a thread of a shared process.
          pool: 'forks',
        },
      },
    ],
  },
});
