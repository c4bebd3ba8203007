import path from 'node:path';
import { z } from 'zod';
import { type AllowedTargets, parseAllowedTargets } from './domain/network-targets.js';

/** The only reader of process.env: everything else receives a validated Config. */
export interface Config {
  port: number;
  host: string;
  /** Absent: an embedded PostgreSQL is started with its data in `<dataDir>/postgres`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Absent: one is generated and kept in `<dataDir>/admin-api-key`. */
  adminApiKey: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `inline` runs job workers inside the API process; `off` makes an API-only replica. */
  worker: 'inline' | 'off';
  /** Where the embedded database and the generated admin key live. */
  dataDir: string;
  /** Least milliseconds between two reads of new activities for live streams; absent: the hub's default. */
  streamReadIntervalMs: number | undefined;
  /** Webhook targets called although not public: host names and networks; none when unset. */
  webhookAllowedHosts: AllowedTargets;
  /** Web origins whose pages may call the API from a browser (CORS); none when unset. */
  corsOrigins: string[];
  /** The largest request body and WebSocket message, in bytes; absent: the server's default. */
  maxRequestBytes: number | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

/**
 * An origin as a browser sends it in its Origin header: `https://app.example.com`, with a port
 * when not the scheme's default; lower case, no path, no credentials, no wildcard.
 */
function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === entry && !url.host.includes('*');
  } catch {
    return false;
  }
}

/**
 * What a Bearer header can carry as one token: no whitespace, comma or control character, which
 * would split or end the header (and a key with them could never authenticate).
 */
const HEADER_TOKEN = /^[^\s,\p{Cc}]+$/u;

function urlWithScheme(schemes: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${schemes.map((scheme) => `${scheme}//`).join(' or ')}`,
  );
}

/**
 * Bounds of MAX_REQUEST_BYTES: a body must hold a document at its byte limit (32 KiB) with its
 * variables; past the upper bound one request with a key costs the server too much to read.
 */
const REQUEST_BYTES_RANGE = { min: 64 * 1024, max: 64 * 1024 * 1024 };
const requestBytesMessage = `must be a whole number of bytes from ${REQUEST_BYTES_RANGE.min} to ${REQUEST_BYTES_RANGE.max}`;

const environment = z.object({
  PORT: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be a whole number from 0 to 65535' })
      .int('must be a whole number from 0 to 65535')
      .min(0, 'must be a whole number from 0 to 65535')
      .max(65535, 'must be a whole number from 0 to 65535')
      .default(4000),
  ),
  HOST: z.preprocess(blankIsUnset, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(blankIsUnset, urlWithScheme(['postgres:', 'postgresql:']).optional()),
  REDIS_URL: z.preprocess(blankIsUnset, urlWithScheme(['redis:', 'rediss:']).optional()),
  ADMIN_API_KEY: z.preprocess(
    blankIsUnset,
    z
      .string()
      .min(24, 'must be at least 24 characters (it guards every workspace)')
      .regex(
        HEADER_TOKEN,
        'must not contain whitespace, commas or control characters (it is sent as a Bearer token)',
      )
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    blankIsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  WORKER: z.preprocess(blankIsUnset, z.enum(['inline', 'off']).default('inline')),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('.data')),
  STREAM_READ_INTERVAL_MS: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be a whole number of milliseconds from 0 to 60000' })
      .int('must be a whole number of milliseconds from 0 to 60000')
      .min(0, 'must be a whole number of milliseconds from 0 to 60000')
      .max(60_000, 'must be a whole number of milliseconds from 0 to 60000')
      .optional(),
  ),
  MAX_REQUEST_BYTES: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: requestBytesMessage })
      .int(requestBytesMessage)
      .min(REQUEST_BYTES_RANGE.min, requestBytesMessage)
      .max(REQUEST_BYTES_RANGE.max, requestBytesMessage)
      .optional(),
  ),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value, context) => {
      const { targets, invalidEntry } = parseAllowedTargets(value);
      if (targets) return targets;
      context.addIssue({
        code: 'custom',
        message: `entry ${invalidEntry} is neither a host name nor a CIDR network (comma-separated host names and networks such as 10.0.0.0/8)`,
      });
      return z.NEVER;
    }),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const entries = value.split(',').map((entry) => entry.trim());
      const invalid = entries.findIndex((entry) => entry !== '' && !isOrigin(entry));
      if (invalid === -1) return entries.filter((entry) => entry !== '');
      // The entry is named by its place: a URL written with credentials must not be printed.
      context.addIssue({
        code: 'custom',
        message: `entry ${invalid + 1} is not an origin (comma-separated origins such as https://app.example.com: scheme, host and port if not the default, in lower case, without path)`,
      });
      return z.NEVER;
    }),
});

/**
 * Reads and validates the configuration. Throws a ConfigError whose message is one readable line
 * naming every bad variable; values are never echoed, since some of them are secrets.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    adminApiKey: values.ADMIN_API_KEY,
    logLevel: values.LOG_LEVEL,
    worker: values.WORKER,
    dataDir: path.resolve(values.DATA_DIR),
    streamReadIntervalMs: values.STREAM_READ_INTERVAL_MS,
    webhookAllowedHosts: values.WEBHOOK_ALLOWED_HOSTS,
    corsOrigins: values.CORS_ORIGINS,
    maxRequestBytes: values.MAX_REQUEST_BYTES,
  };
}
