import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
      adminApiKey: undefined,
      logLevel: 'info',
      worker: 'inline',
      dataDir: path.resolve('.data'),
      streamReadIntervalMs: undefined,
      webhookAllowedHosts: { names: [], networks: [] },
      corsOrigins: [],
      maxRequestBytes: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://app@db:5432/campaigns',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ADMIN_API_KEY: 'a'.repeat(32),
      LOG_LEVEL: 'debug',
      WORKER: 'off',
      DATA_DIR: '/var/lib/campaigns',
      STREAM_READ_INTERVAL_MS: '0',
      MAX_REQUEST_BYTES: '2097152',
      WEBHOOK_ALLOWED_HOSTS: 'hooks.internal, 10.0.0.0/8',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://app@db:5432/campaigns',
      redisUrl: 'redis://127.0.0.1:6379',
      adminApiKey: 'a'.repeat(32),
      logLevel: 'debug',
      worker: 'off',
      dataDir: '/var/lib/campaigns',
      streamReadIntervalMs: 0,
      webhookAllowedHosts: {
        names: ['hooks.internal'],
        networks: [{ family: 4, base: 0x0a000000n, prefixLength: 8 }],
      },
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      maxRequestBytes: 2097152,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', WORKER: '' })).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      worker: 'inline',
    });
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number from 0 to 65535'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535'],
    ['PORT', '80.5', 'PORT must be a whole number from 0 to 65535'],
    [
      'DATABASE_URL',
      'mysql://root@db/x',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    ],
    ['DATABASE_URL', 'not a url', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['REDIS_URL', 'http://cache', 'REDIS_URL must be a URL starting with redis:// or rediss://'],
    ['ADMIN_API_KEY', 'short-secret', 'ADMIN_API_KEY must be at least 24 characters'],
    ['ADMIN_API_KEY', 'key-with-a-comma-0123456789,abc', 'ADMIN_API_KEY must not contain whitespace'],
    ['ADMIN_API_KEY', 'key with spaces 0123456789abcdef', 'ADMIN_API_KEY must not contain whitespace'],
    ['ADMIN_API_KEY', 'key-with-a-tab\t0123456789abcdef', 'ADMIN_API_KEY must not contain whitespace'],
    ['ADMIN_API_KEY', 'key-with-a-newline\n0123456789abcdef', 'ADMIN_API_KEY must not contain whitespace'],
    ['ADMIN_API_KEY', 'key-with-a-nul\u00000123456789abcdef', 'ADMIN_API_KEY must not contain whitespace'],
    ['ADMIN_API_KEY', 'key-with-a-nbsp\u00a00123456789abcdef', 'ADMIN_API_KEY must not contain whitespace'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL'],
    ['WORKER', 'sometimes', 'WORKER'],
    ['STREAM_READ_INTERVAL_MS', 'fast', 'STREAM_READ_INTERVAL_MS must be a whole number of milliseconds'],
    ['STREAM_READ_INTERVAL_MS', '-1', 'STREAM_READ_INTERVAL_MS must be a whole number of milliseconds'],
    ['STREAM_READ_INTERVAL_MS', '2.5', 'STREAM_READ_INTERVAL_MS must be a whole number of milliseconds'],
    ['STREAM_READ_INTERVAL_MS', '600000', 'STREAM_READ_INTERVAL_MS must be a whole number of milliseconds'],
    ['MAX_REQUEST_BYTES', '1MB', 'MAX_REQUEST_BYTES must be a whole number of bytes from 65536 to 67108864'],
    [
      'MAX_REQUEST_BYTES',
      '65535',
      'MAX_REQUEST_BYTES must be a whole number of bytes from 65536 to 67108864',
    ],
    [
      'MAX_REQUEST_BYTES',
      '67108865',
      'MAX_REQUEST_BYTES must be a whole number of bytes from 65536 to 67108864',
    ],
    ['WEBHOOK_ALLOWED_HOSTS', 'hooks.test, 10.0.0.0/99', 'WEBHOOK_ALLOWED_HOSTS entry 2 is neither'],
    ['WEBHOOK_ALLOWED_HOSTS', 'http://hooks.test', 'WEBHOOK_ALLOWED_HOSTS entry 1 is neither'],
    ['CORS_ORIGINS', 'https://app.example.com, app.example.com', 'CORS_ORIGINS entry 2 is not an origin'],
    ['CORS_ORIGINS', 'https://app.example.com/', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'https://app.example.com/graphql', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'https://App.example.com', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'https://app.example.com:443', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'https://*.example.com', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'null', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', '*', 'CORS_ORIGINS entry 1 is not an origin'],
    ['CORS_ORIGINS', 'ftp://files.example.com', 'CORS_ORIGINS entry 1 is not an origin'],
  ])('refuses %s=%s with one readable line', (name, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('names every bad variable at once and never echoes a value', () => {
    expect(() => loadConfig({ PORT: '-1', ADMIN_API_KEY: 'tiny-secret-value' })).toThrow(
      /^Invalid configuration: PORT .*; ADMIN_API_KEY .*$/,
    );
    expect(() => loadConfig({ ADMIN_API_KEY: 'tiny-secret-value' })).not.toThrow(/tiny-secret-value/);
    expect(() =>
      loadConfig({
        ADMIN_API_KEY: 'long-secret-value-0123456789, x',
        CORS_ORIGINS: 'https://user:hunter2@app.example.com',
      }),
    ).toThrow(/^Invalid configuration: ADMIN_API_KEY must not contain .*; CORS_ORIGINS entry 1 [^;]*$/);
    expect(() => loadConfig({ ADMIN_API_KEY: 'long-secret-value-0123456789, x' })).not.toThrow(
      /long-secret-value/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'https://user:hunter2@app.example.com' })).not.toThrow(/hunter2/);
  });
});
