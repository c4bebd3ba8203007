import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSortedSchema } from '../src/schema/index.js';

/**
 * Every client written against a released schema keeps working: the printed schema may add to the
 * latest release's (schema/released/<version>.graphql, docs/client-codegen.md says how one is cut)
 * but neither remove nor retype anything of it.
 */

const RELEASED = path.resolve(import.meta.dirname, '../schema/released');

function versionOf(file: string): number[] {
  return file
    .replace(/\.graphql$/, '')
    .split('.')
    .map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function latestRelease(): { version: string; sdl: string } {
  const files = readdirSync(RELEASED).filter((file) => /^\d+\.\d+\.\d+\.graphql$/.test(file));
  const latest = files.sort((a, b) => compareVersions(versionOf(a), versionOf(b))).at(-1);
  if (!latest) throw new Error(`no released schema in ${RELEASED}`);
  return {
    version: latest.replace(/\.graphql$/, ''),
    sdl: readFileSync(path.join(RELEASED, latest), 'utf8'),
  };
}

/** What a client of the released schema would see change, as "TYPE: description" lines. */
function changesSince(releasedSdl: string, currentSdl: string) {
  const released = buildSchema(releasedSdl);
  const current = buildSchema(currentSdl);
  const line = (change: { type: string; description: string }) => `${change.type}: ${change.description}`;
  return {
    breaking: findBreakingChanges(released, current).map(line),
    dangerous: findDangerousChanges(released, current).map(line),
  };
}

describe('the printed schema against the latest release', () => {
  it('picks the highest version, not the last name in alphabetical order', () => {
    const sorted = ['0.10.0.graphql', '0.9.1.graphql', '0.2.0.graphql', '1.0.0.graphql'].sort((a, b) =>
      compareVersions(versionOf(a), versionOf(b)),
    );
    expect(sorted).toEqual(['0.2.0.graphql', '0.9.1.graphql', '0.10.0.graphql', '1.0.0.graphql']);
    const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    expect(
      compareVersions(versionOf(latestRelease().version), versionOf(packageVersion)),
    ).toBeLessThanOrEqual(0);
  });

  it('removes and retypes nothing the latest release has', () => {
    const { version, sdl } = latestRelease();
    const { breaking, dangerous } = changesSince(sdl, printSortedSchema());
    // Dangerous changes (an added enum value, an argument's new default...) keep every query valid but
    // may surprise a client that switches exhaustively: reported, not refused.
    if (dangerous.length > 0) {
      console.warn(`Dangerous changes since ${version}:\n${dangerous.join('\n')}`);
    }
    expect(breaking, `breaking changes since schema/released/${version}.graphql`).toEqual([]);
  });

  it('would list a removed field, a retyped one and a removed enum value', () => {
    const { sdl } = latestRelease();
    const changed = sdl
      .replace(/^( {2}isAdmin: Boolean!)$/m, '')
      .replace(/^( {2}seconds: )Int!$/m, '$1Float!')
      .replace(/^( {2})HOURS$/m, '');
    expect(changesSince(sdl, changed).breaking.sort()).toEqual([
      'FIELD_CHANGED_KIND: Wait.seconds changed type from Int! to Float!.',
      'FIELD_REMOVED: Viewer.isAdmin was removed.',
      'VALUE_REMOVED_FROM_ENUM: HOURS was removed from enum type TimeUnit.',
    ]);
    const withValue = sdl.replace(/^( {2}HOURS)$/m, '$1\n  MINUTES');
    expect(changesSince(sdl, withValue)).toEqual({
      breaking: [],
      dangerous: ['VALUE_ADDED_TO_ENUM: MINUTES was added to enum type TimeUnit.'],
    });
  });
});
