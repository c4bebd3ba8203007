const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for text PostgreSQL cannot store: a NUL, or a UTF-16 surrogate without its other half. */
function isStorable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * Where a value (text, or a list or object holding text, keys included) has text that cannot be
 * stored: a NUL character or a lone surrogate. Null when every text is storable.
 */
export function unstorableTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorable(value) ? null : path;
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (!isStorable(key)) return itemPath;
    const found = unstorableTextPath(item, itemPath);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The word with its indefinite article, for messages: "an executable", "an INTEGER", "a trigger",
 * "a unique-local". Judged by spelling, which is enough for the words messages put here.
 */
export function withArticle(word: string): string {
  return `${/^(?:[aeio]|u(?!ni))/i.test(word) ? 'an' : 'a'} ${word}`;
}
