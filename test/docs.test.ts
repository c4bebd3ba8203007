import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, repoFile } from './helpers/markdown.js';

/**
 * The repository stands alone: every rule id it cites is defined in docs/semantics.md, cited in the
 * one form a reader can search for ("semantics E9"), and no path or link leads outside it.
 */

/** Folders that are not the repository's own text. */
const SKIPPED = new Set(['node_modules', '.git', '.data', 'coverage', 'generated', 'local']);
/** This file spells the patterns it looks for. */
const SELF = path.relative(ROOT, import.meta.filename);

function files(folder = ROOT): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return SKIPPED.has(name) ? [] : files(full);
    return [path.relative(ROOT, full)];
  });
}

/** Written by npm: its integrity hashes hold letter-digit pairs that read like rule ids. */
const LOCKFILE = 'package-lock.json';

const TEXT = files().filter(
  (file) => file !== SELF && file !== LOCKFILE && /\.(ts|md|graphql|json|sh)$|^\.ci\//.test(file),
);

const SEMANTICS = repoFile('docs/semantics.md');
const DEFINED = new Set(
  [...SEMANTICS.matchAll(/<a id="([A-Z]\d+)"><\/a>\*\*\1\*\*/g)].map((match) => match[1] as string),
);
/** A rule id: a letter some defined id starts with, and a number. */
const ID = `[${[...new Set([...DEFINED].map((id) => id[0]))].join('')}]\\d{1,2}`;
const SEPARATOR = '(?:, | and | or |/|-|–)';
/** A rule id, or a group of them: "E9", "E5-E8, E11", "T4/T5/T7", "S4 and Q1". */
const GROUP = new RegExp(`(semantics )?(?<![\\w.#/-])(${ID}(?:${SEPARATOR}${ID})*)(?!\\w)`, 'g');

/** Each id a group names, ranges expanded: "E5-E7, F1" ⇒ E5, E6, E7, F1. */
function idsOf(group: string): string[] {
  return [...group.matchAll(new RegExp(`(${ID})(?:[-–](${ID}))?`, 'g'))].flatMap(([, from, to]) => {
    const first = from as string;
    if (!to) return [first];
    const [letter, start, end] = [first[0], Number(first.slice(1)), Number(to.slice(1))];
    return Array.from({ length: end - start + 1 }, (_, index) => `${letter}${start + index}`);
  });
}

/** The rule citations of a text: each group with its line, and whether it says "semantics". */
function citations(text: string) {
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(GROUP)].map((match) => ({
      line: index + 1,
      ids: idsOf(match[2] as string),
      qualified: Boolean(match[1]),
    })),
  );
}

/** The files whose citations must say where: everything but the semantics and the original contract. */
const CITING = TEXT.filter((file) => !['docs/semantics.md', 'docs/api.graphql'].includes(file));

describe('rule ids', () => {
  it('docs/semantics.md defines each id once, with an anchor', () => {
    const definitions = [...SEMANTICS.matchAll(/^- <a id="([A-Z]\d+)"><\/a>\*\*\1\*\* /gm)].map((m) => m[1]);
    expect(definitions.length).toBeGreaterThan(40);
    expect(new Set(definitions).size).toBe(definitions.length);
    expect(DEFINED).toEqual(new Set(definitions));
    const unanchored = SEMANTICS.split('\n').filter((line) => /^- (\*\*)?[A-Z]\d+\b/.test(line));
    expect(unanchored).toEqual([]);
  });

  it('every id cited anywhere is defined in docs/semantics.md', () => {
    const undefinedIds = TEXT.flatMap((file) =>
      citations(repoFile(file)).flatMap(({ line, ids }) =>
        ids.filter((id) => !DEFINED.has(id)).map((id) => `${file}:${line} ${id}`),
      ),
    );
    expect(undefinedIds).toEqual([]);
  });

  it('outside docs/semantics.md, every citation says "semantics" before its ids', () => {
    const bare = CITING.flatMap((file) =>
      citations(repoFile(file))
        .filter((citation) => !citation.qualified)
        .map(({ line, ids }) => `${file}:${line} ${ids.join(',')}`),
    );
    expect(bare).toEqual([]);
  });

  it('the checks see what they look for: an undefined id, a range, a bare id', () => {
    const sample = ['semantics', 'E5-E7, X1 and', 'F99; see', 'T2'].join(' ');
    expect(citations(sample)).toEqual([
      { line: 1, ids: ['E5', 'E6', 'E7'], qualified: true },
      { line: 1, ids: ['F99'], qualified: false },
      { line: 1, ids: ['T2'], qualified: false },
    ]);
    expect(DEFINED.has('F99')).toBe(false);
  });

  it('the schema’s descriptions say where the rules they cite are', () => {
    const schema = repoFile('schema/schema.graphql');
    const cited = citations(schema);
    expect(cited.length).toBeGreaterThan(0);
    for (const { line } of cited) expect(schema.split('\n')[line - 1]).toContain('docs/semantics.md');
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([
    ...[...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] as string)),
    ...[...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1] as string),
  ]);
}

describe('the repository stands alone', () => {
  it('no file names a path outside it', () => {
    const outside = /\.\.\/shared|\bshared\/(docs|spec|seed)\b|\/work\//;
    const found = TEXT.flatMap((file) =>
      repoFile(file)
        .split('\n')
        .flatMap((line, index) => (outside.test(line) ? [`${file}:${index + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('every relative link of its Markdown leads to a file in it, and to an anchor that exists', () => {
    const broken = TEXT.filter((file) => file.endsWith('.md')).flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1] as string)
        .filter((link) => !/^(https?:|mailto:)/.test(link))
        .filter((link) => {
          const [target = '', anchor] = link.split('#');
          const resolved = target ? path.resolve(ROOT, path.dirname(file), target) : path.join(ROOT, file);
          if (!resolved.startsWith(ROOT + path.sep) || !existsSync(resolved)) return true;
          if (!anchor || !resolved.endsWith('.md')) return false;
          return !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor);
        })
        .map((link) => `${file}: ${link}`);
    });
    expect(broken).toEqual([]);
  });
});
