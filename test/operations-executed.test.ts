import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

/** Every file under `folder` whose name ends with `extension`, read. */
const filesOf = (folder: string, extension: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(join(folder, name), 'utf8'));

describe('the operations of operations/', () => {
  it('are each executed by a test through their typed document, so that none can rot unseen', () => {
    const names = filesOf('operations', '.graphql').flatMap((source) =>
      parse(source, { noLocation: true }).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
      ),
    );
    const tests = filesOf('test', '.ts').join('\n');
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !new RegExp(`\\b${name}Document\\b`).test(tests))).toEqual([]);
  });

  it('are all named: an anonymous operation gets no typed document', () => {
    const anonymous = filesOf('operations', '.graphql').flatMap((source) =>
      parse(source, { noLocation: true }).definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION && !definition.name,
      ),
    );
    expect(anonymous).toEqual([]);
  });
});
