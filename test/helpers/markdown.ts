import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root folder. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A file of the repository, read as text; `file` is relative to the root. */
export function repoFile(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

/** The contents of a Markdown text's fenced code blocks in `language`, in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...markdown.matchAll(fence)].map((match) => match[1] as string);
}
