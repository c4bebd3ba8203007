import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** JSON logs on stdout. Credentials are redacted wherever they might appear. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'connectionParams.authorization',
        '*.password',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
