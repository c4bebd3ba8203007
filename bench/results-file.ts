import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const publishedFolder = fileURLToPath(new URL('results', import.meta.url));

/**
 * Writes a benchmark's result as JSON and says where. By default into bench/results/local/, which
 * git ignores, so that a trial run leaves the tree clean; with `--publish` into bench/results/, the
 * committed figures bench/README.md quotes.
 */
export async function writeResult(file: string, result: unknown): Promise<void> {
  const folder = process.argv.includes('--publish') ? publishedFolder : path.join(publishedFolder, 'local');
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, file);
  await writeFile(target, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
