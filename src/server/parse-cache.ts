import type { DocumentNode } from 'graphql';

/** Documents of at most this many characters are kept parsed; larger ones are parsed each time. */
export const CACHED_DOCUMENT_CHARS = 4096;
/** How many parsed documents (and parse errors) are kept, the least recently used leaving first. */
export const CACHED_DOCUMENTS = 512;

/**
 * A least-recently-used cache keyed by document text that keeps only short documents, for Yoga's
 * parser cache: a parsed document takes many times its text in memory, so caching every distinct
 * document lets a client fill the heap with documents sent once.
 */
export class ShortDocumentCache<T> {
  readonly #entries = new Map<string, T>();

  constructor(
    readonly maxEntries = CACHED_DOCUMENTS,
    readonly maxChars = CACHED_DOCUMENT_CHARS,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(document: string): T | undefined {
    const value = this.#entries.get(document);
    if (value === undefined) return undefined;
    this.#entries.delete(document);
    this.#entries.set(document, value);
    return value;
  }

  set(document: string, value: T): void {
    if (document.length > this.maxChars) return;
    this.#entries.delete(document);
    this.#entries.set(document, value);
    if (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }
}

/** Yoga's `parserAndValidationCache` option with short-document caches. */
export function shortDocumentParserCache() {
  return {
    documentCache: new ShortDocumentCache<DocumentNode>(),
    errorCache: new ShortDocumentCache<unknown>(),
    validationCache: true,
  };
}
