import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  Kind,
  type Source,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/**
 * The most documents one server compiles in its life. graphql-jit 0.8.7 keeps what each compile
 * memoizes in a module-wide cache it never releases, so compiles, not compiled queries, are what
 * must be bounded: past this many, new documents run on graphql-js's executor.
 */
export const MAX_COMPILATIONS = 1000;

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
 * Whether graphql-jit may compile the document: one operation, and no @skip or @include.
 * graphql-jit records a document's skip and include conditions on its nodes, where the compiles of
 * another operation of the same document would find them; and its default treatment of them in
 * fragment spreads differs from graphql-js's. Such documents run on graphql-js's executor.
 */
function compilable(document: DocumentNode): boolean {
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) return false;
  let conditional = false;
  visit(document, {
    Directive(directive) {
      if (directive.name.value === 'skip' || directive.name.value === 'include') {
        conditional = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return !conditional;
}

/**
 * Executes queries with graphql-jit: it compiles a document's operation into one function, which
 * costs far less per field than graphql-js's executor on large results. Compiling costs much more
 * than executing once, so a document is compiled only when executed a second time: a client's
 * one-off documents (and ones too long for the parser's cache, parsed anew each time) are executed
 * as before, and what is compiled lives only as long as its document stays in the parser's cache.
 * At most `maxCompilations` documents are ever compiled (see MAX_COMPILATIONS). Mutations (with
 * their after-mutation hooks) and subscriptions keep the usual executor.
 */
export function useQueryJit({ maxCompilations = MAX_COMPILATIONS } = {}): Plugin {
  const seen = new WeakSet<DocumentNode>();
  const compiled = new WeakMap<DocumentNode, CompiledQuery | false>();
  let compilations = 0;

  function compiledFor(args: ExecutionArgs): CompiledQuery | false {
    let query = compiled.get(args.document);
    if (query === undefined) {
      if (compilations >= maxCompilations || !compilable(args.document)) {
        query = false;
      } else {
        compilations += 1;
        const result = compileQuery(args.schema, args.document);
        query = isCompiledQuery(result) ? result : false;
      }
      compiled.set(args.document, query);
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
      const query = compiledFor(args);
      if (!query) return;
      const source = args.document.loc?.source;
      setExecuteFn(async ({ rootValue, contextValue, variableValues }) =>
        withGraphQLErrors(await query.query(rootValue, contextValue, variableValues), source),
      );
    },
  };
}
