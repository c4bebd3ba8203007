import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSortedSchema } from './src/schema/index.js';

/**
 * Prints the Pothos schema, sorted, to schema/schema.graphql (committed; CI fails when it is stale),
 * compiles the named operations of operations/ into typed documents in src/generated/ with the client
 * preset, and lists the possible types of each interface and union (docs/client-codegen.md). An empty
 * operations/ fails: nothing would be typed.
 */
const config: CodegenConfig = {
  schema: printSortedSchema(),
  documents: ['operations/**/*.graphql'],
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
    // The subtypes of each interface and union, for the fragment matching of normalized caches (Apollo
    // Client's possibleTypes, urql Graphcache's): docs/client-codegen.md.
    'src/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        importExtension: '.js',
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
      plugins: [],
    },
  },
};

export default config;
