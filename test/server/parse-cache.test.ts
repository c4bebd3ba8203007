import { describe, expect, it } from 'vitest';
import { ShortDocumentCache } from '../../src/server/parse-cache.js';

describe('the parser cache', () => {
  it('keeps short documents and drops the least recently used past its size', () => {
    const cache = new ShortDocumentCache<string>(2, 100);
    cache.set('{ a }', 'a');
    cache.set('{ b }', 'b');
    expect(cache.get('{ a }')).toBe('a');
    cache.set('{ c }', 'c');
    expect([cache.get('{ a }'), cache.get('{ b }'), cache.get('{ c }')]).toEqual(['a', undefined, 'c']);
  });

  it('never keeps a document longer than its limit', () => {
    const cache = new ShortDocumentCache<string>(2, 100);
    const long = `{ a }${' '.repeat(100)}`;
    cache.set(long, 'long');
    expect(cache.get(long)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
