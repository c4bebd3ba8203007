import { type DocumentNode, GraphQLError, Lexer, type ParseOptions, parse, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../schema/cost.js';

/**
 * What one GraphQL document may hold, checked while it is parsed: before it is validated or cached,
 * and before the API key is looked at. The token limit stops the parser itself, so no shape of
 * document costs more than that many tokens to refuse; the counts bound what validation walks.
 */
export const DOCUMENT_LIMITS = {
  /** UTF-8 bytes of the document text. */
  bytes: 32 * 1024,
  /** Lexical tokens (punctuators, names, values; comments are bounded by the bytes). */
  tokens: 2000,
  /** Field selections, `__typename` and introspection fields included, as written (not expanded). */
  breadth: QUERY_LIMITS.breadth,
  aliases: 30,
  directives: 50,
  fragments: 50,
  operations: 10,
  /** Brackets open at once: selection sets, argument lists, list and object literals. */
  nesting: 64,
} as const;

type Measure = Exclude<keyof typeof DOCUMENT_LIMITS, 'bytes' | 'tokens' | 'nesting'>;

function limitExceeded(what: string, limit: number): GraphQLError {
  return new GraphQLError(`Query ${what} exceeds the limit of ${limit}`, {
    // Refused like a syntax error: 400 on application/graphql-response+json, 200 on application/json.
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400, spec: true } },
  });
}

type Node = { kind: string; [key: string]: unknown };

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Lexes the document once before it is parsed, counting tokens and open brackets: graphql-js's
 * parser recurses once per bracket, and a document nested deeply enough overflows the stack.
 */
function checkTokens(source: Source): void {
  const lexer = new Lexer(source);
  let tokens = 0;
  let open = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    tokens += 1;
    if (tokens > DOCUMENT_LIMITS.tokens) throw limitExceeded('token count', DOCUMENT_LIMITS.tokens);
    if (OPENING.has(token.kind)) {
      open += 1;
      if (open > DOCUMENT_LIMITS.nesting) throw limitExceeded('nesting', DOCUMENT_LIMITS.nesting);
    } else if (CLOSING.has(token.kind)) {
      open -= 1;
    }
  }
}

/** Counts what DOCUMENT_LIMITS bounds in one walk over the parsed document. */
function measure(document: DocumentNode): Record<Measure, number> {
  const counts: Record<Measure, number> = {
    breadth: 0,
    aliases: 0,
    directives: 0,
    fragments: 0,
    operations: 0,
  };
  const pending: Node[] = [document as unknown as Node];
  for (let node = pending.pop(); node; node = pending.pop()) {
    switch (node.kind) {
      case 'Field':
        counts.breadth += 1;
        if (node.alias) counts.aliases += 1;
        break;
      case 'Directive':
        counts.directives += 1;
        break;
      case 'FragmentDefinition':
        counts.fragments += 1;
        break;
      case 'OperationDefinition':
        counts.operations += 1;
        break;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || !child || typeof child !== 'object') continue;
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (item && typeof item === 'object' && 'kind' in item) pending.push(item as Node);
      }
    }
  }
  return counts;
}

/**
 * Parses `source` within DOCUMENT_LIMITS, or throws a BAD_USER_INPUT GraphQLError naming the first
 * limit exceeded.
 */
export function parseWithinLimits(given: string | Source, options?: ParseOptions): DocumentNode {
  const source = typeof given === 'string' ? new Source(given) : given;
  const text = source.body;
  // Cheap upper bound first: a UTF-8 character is at most three bytes per UTF-16 unit.
  if (text.length * 3 > DOCUMENT_LIMITS.bytes) {
    const bytes = Buffer.byteLength(text);
    if (bytes > DOCUMENT_LIMITS.bytes) throw limitExceeded(`bytes ${bytes}`, DOCUMENT_LIMITS.bytes);
  }
  checkTokens(source);
  const document = parse(source, { ...options, maxTokens: DOCUMENT_LIMITS.tokens });
  const counts = measure(document);
  for (const name of Object.keys(counts) as Measure[]) {
    if (counts[name] > DOCUMENT_LIMITS[name]) {
      throw limitExceeded(`${name} ${counts[name]}`, DOCUMENT_LIMITS[name]);
    }
  }
  return document;
}

/** Makes every parse of the server, on HTTP and WebSocket alike, go through `parseWithinLimits`. */
export function useDocumentLimits(): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithinLimits);
    },
  };
}
