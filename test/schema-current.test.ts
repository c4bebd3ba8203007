import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { printSortedSchema } from '../src/schema/index.js';

const run = promisify(execFile);

describe('generated artifacts are current', () => {
  it('schema/schema.graphql is the printed, sorted schema (run npm run codegen)', async () => {
    const committed = await readFile('schema/schema.graphql', 'utf8');
    expect(committed.trim()).toBe(printSortedSchema().trim());
  });

  it('the migrations build exactly the schema the entities describe (npm run db:migration:check)', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/db/migrate.ts', 'check'], {
      env: { ...process.env, DATABASE_URL: inject('databaseServerUrl'), LOG_LEVEL: 'warn' },
    });
    expect(stdout.trim()).toBe('migrations are current');
  });
});
