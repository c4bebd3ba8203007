import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSortedSchema } from './src/schema/index.js';

/**
 * Prints the Pothos schema, sorted, to schema/schema.graphql (committed; CI fails when it is stale),
 * and compiles the named operations of operations/ into typed documents in src/generated/ with the
 * client preset (docs/client-codegen.md). An empty operations/ fails: nothing would be typed.
 */
const config: CodegenConfig = {
  schema: printSortedSchema(),
  documents: ['operations/**/*.graphql'],
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
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
