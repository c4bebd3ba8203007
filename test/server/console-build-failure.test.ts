import { createSchema, createYoga } from 'graphql-yoga';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CONSOLE_PATH, useConsole } from '../../src/server/console.js';

describe('a console that cannot be bundled', () => {
  it('is answered 500 without details, bundled once and logged once', async () => {
    const logged: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    let bundlings = 0;
    const failing = async () => {
      bundlings += 1;
      throw new Error('esbuild: Could not resolve "./secret-path/main.ts"');
    };
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [useConsole(log, failing)],
      logging: false,
    });
    for (const path of [CONSOLE_PATH, `${CONSOLE_PATH}/assets/x.js`, CONSOLE_PATH]) {
      const response = await yoga.fetch(`http://localhost${path}`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('The console could not be built.');
    }
    expect(bundlings).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('the console could not be bundled');
  });
});
