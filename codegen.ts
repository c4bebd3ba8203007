import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSortedSchema } from './src/schema/index.js';

/**
 * Prints the Pothos schema, sorted, to schema/schema.graphql (committed; CI fails when it is stale),
 * and generates typed client operations from the `graphql()` documents under test/ into
 * src/generated/ with the client preset.
 */
const config: CodegenConfig = {
  schema: printSortedSchema(),
  documents: ['test/**/*.ts', '!test/**/*.d.ts'],
  ignoreNoDocuments: true,
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
