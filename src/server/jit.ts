import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  type OperationDefinitionNode,
  type Source,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** A document's compiled queries by operation name ('' for the document's only operation), or false where graphql-jit cannot compile it. */
type Compiled = Map<string, CompiledQuery | false>;

/** The offset in `body` of a 1-based line and column, as graphql-js counts lines. */
function offsetOf(body: string, line: number, column: number): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const found = lineBreak.exec(body);
    if (!found) break;
    start = found.index + found[0].length;
  }
  return start + column - 1;
}

/**
 * graphql-jit's own errors carry locations but no nodes, and the error masking and Yoga's
 * serialisation rebuild errors from nodes or positions: each is made again as graphql-js makes it,
 * at the same places in the document's source.
 */
function asGraphQLError(error: GraphQLError, source: Source | undefined): GraphQLError {
  if (error.nodes || !source) return error;
  const positions = error.locations?.map(({ line, column }) => offsetOf(source.body, line, column));
  return new GraphQLError(error.message, {
    source: positions?.length ? source : undefined,
    positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function withGraphQLErrors(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((error) => asGraphQLError(error, source)) };
}

/**
 * Executes queries with graphql-jit: it compiles a document's operation into one function, which
 * costs far less per field than graphql-js's executor on large results. Compiling costs much more
 * than executing once, so a document is compiled only when executed a second time: a client's
 * one-off documents (and ones too long for the parser's cache, parsed anew each time) are executed
 * as before, and what is compiled lives only as long as its document stays in the parser's cache.
 * Mutations (with their after-mutation hooks) and subscriptions keep the usual executor.
 */
export function useQueryJit(): Plugin {
  const seen = new WeakSet<DocumentNode>();
  const compiled = new WeakMap<DocumentNode, Compiled>();

  function compiledFor(args: ExecutionArgs, operation: OperationDefinitionNode): CompiledQuery | false {
    const name = args.operationName ?? '';
    let byName = compiled.get(args.document);
    if (!byName) {
      byName = new Map();
      compiled.set(args.document, byName);
    }
    let query = byName.get(name);
    if (query === undefined) {
      const result = compileQuery(args.schema, args.document, operation.name?.value, {
        useExperimentalPathBasedSkipInclude: true,
      });
      query = isCompiledQuery(result) ? result : false;
      byName.set(name, query);
    }
    return query;
  }

  return {
    onExecute({ args, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      if (!seen.has(args.document)) {
        seen.add(args.document);
        return;
      }
      const query = compiledFor(args, operation);
      if (!query) return;
      const source = args.document.loc?.source;
      setExecuteFn(async ({ rootValue, contextValue, variableValues }) =>
        withGraphQLErrors(await query.query(rootValue, contextValue, variableValues), source),
      );
    },
  };
}
