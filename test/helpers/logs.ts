import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

/** The app's logger at debug level, whose lines are kept in `lines` instead of printed. */
export function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', destination), lines };
}
