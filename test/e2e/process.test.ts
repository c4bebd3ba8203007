import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * `npm start` as a user runs it: the real entry point in a child process; with `terminal`, in a
 * process group of its own, as a shell runs a command in the foreground.
 */
function startService(env: Record<string, string>, entry = 'src/main.ts', terminal = false) {
  const { DATABASE_URL: _ignored, ADMIN_API_KEY: _alsoIgnored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...inherited, LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: terminal,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForBanner(service: ReturnType<typeof startService>) {
  await expect
    .poll(() => service.output().stdout, { timeout: 60_000, interval: 100 })
    .toMatch(/Admin API key.*: \S+/);
  const { stdout } = service.output();
  return {
    url: stdout.match(/ready at (\S+)/)?.[1] as string,
    key: stdout.match(/Admin API key[^:]*: (\S+)/)?.[1] as string,
  };
}

/** The demo lines of the banner: the demo's workspace and the key printed for it. */
async function waitForDemo(service: ReturnType<typeof startService>) {
  await expect
    .poll(() => service.output().stdout, { timeout: 10_000, interval: 100 })
    .toMatch(/Each new RunDemo adds activity/);
  const { stdout } = service.output();
  return {
    workspace: stdout.match(/Demo workspace "([^"]+)"/)?.[1] as string,
    key: stdout.match(/Its API key[^:]*: (\S+)/)?.[1] as string,
  };
}

async function graphql(url: string, key: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopService(child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGTERM');
  return exited;
}

describe('a bare machine: no DATABASE_URL, no ADMIN_API_KEY', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'campaign-engine-e2e-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL, migrates, answers with the printed key, stops cleanly, keeps its data', {
    timeout: 240_000,
  }, async () => {
    const first = startService({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const { url, key } = await waitForBanner(first);
    expect(await graphql(url, key, '{ viewer { isAdmin } }')).toEqual({
      data: { viewer: { isAdmin: true } },
    });
    // A new database comes with the demo, found with the key printed for it.
    const demo = await waitForDemo(first);
    expect(demo.workspace).toBe('Execute Campaign demo');
    expect(
      await graphql(url, demo.key, '{ viewer { isAdmin workspaces { name programs { name } } } }'),
    ).toEqual({
      data: {
        viewer: {
          isAdmin: false,
          workspaces: [{ name: demo.workspace, programs: [{ name: 'Score library' }, { name: 'Webinar' }] }],
        },
      },
    });
    // A quiet start: log lines are routine (info and below), none from the job queue's crontab.
    const logLines = first
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logLines.map((line) => line.msg)).toEqual([
      'initialising the embedded PostgreSQL data folder',
      'migrations applied',
      'listening',
    ]);
    expect(first.output().stderr).toBe('');
    expect(await graphql(url, key, 'mutation { createWorkspace(name: "Kept") { name } }')).toEqual({
      data: { createWorkspace: { name: 'Kept' } },
    });
    const postgresPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(isRunning(postgresPid)).toBe(true);
    expect((await readFile(path.join(dataDir, 'admin-api-key'), 'utf8')).trim()).toBe(key);

    // Exit code 0 without process.exit(): nothing (socket, pool, timer, child) was left open.
    expect(await stopService(first.child, first.exited)).toBe(0);
    expect(isRunning(postgresPid)).toBe(false);

    const second = startService({ DATA_DIR: dataDir });
    const restarted = await waitForBanner(second);
    expect(restarted.key).toBe(key);
    // An existing database gets no second demo.
    expect(await graphql(restarted.url, key, '{ workspaces { name } }')).toEqual({
      data: { workspaces: [{ name: 'Execute Campaign demo' }, { name: 'Kept' }] },
    });
    expect(second.output().stdout).not.toContain('Demo workspace');

    // npm run demo leaves a data folder that a running service holds alone.
    const refused = startService({ DATA_DIR: dataDir }, 'src/demo/main.ts');
    expect(await refused.exited).toBe(1);
    expect(refused.output().stderr.trim()).toBe(
      `The embedded PostgreSQL in ${path.join(dataDir, 'postgres')} is in use by process ${second.child.pid} (npm start?): stop it first, or set DATABASE_URL`,
    );
    expect(await stopService(second.child, second.exited)).toBe(0);

    // Asked for, once the service is stopped, it adds another demo under the next free name.
    const demo2 = startService({ DATA_DIR: dataDir }, 'src/demo/main.ts');
    expect(await demo2.exited).toBe(0);
    expect(demo2.output().stdout).toContain('Demo workspace "Execute Campaign demo 2"');
  });

  it('after a kill -9 the next start stops the orphaned PostgreSQL and serves the same data; Ctrl-C stops it cleanly', {
    timeout: 120_000,
  }, async () => {
    const first = startService({ DATA_DIR: dataDir });
    await waitForBanner(first);
    const orphan = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isRunning(orphan)).toBe(true);

    const second = startService({ DATA_DIR: dataDir }, 'src/main.ts', true);
    const { url, key } = await waitForBanner(second);
    expect(isRunning(orphan)).toBe(false);
    expect(await graphql(url, key, '{ workspaces { name } }')).toEqual({
      data: {
        workspaces: [
          { name: 'Execute Campaign demo' },
          { name: 'Kept' },
          { name: 'Execute Campaign demo 2' },
        ],
      },
    });
    // Ctrl-C signals the terminal's whole process group: the embedded PostgreSQL, in a group of its
    // own, is stopped by the service after its connections, not cut off under them.
    process.kill(-(second.child.pid as number), 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.output().stderr).toBe('');
  });
});

describe('start-up failures are one clear line and exit code 1', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('a DATABASE_URL that does not answer, without echoing its password', async () => {
    const service = startService({ DATABASE_URL: 'postgres://app:s3cr3t-pw@127.0.0.1:1/nowhere' });
    expect(await service.exited).toBe(1);
    const { stderr } = service.output();
    expect(stderr.trim()).toMatch(
      /^The database at postgres:\/\/app@127\.0\.0\.1:1\/nowhere does not answer: .+$/,
    );
    expect(stderr).not.toContain('s3cr3t-pw');
  });

  it('a port in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const service = startService({
      DATABASE_URL: database.url,
      PORT: String(port),
      ADMIN_API_KEY: 'x'.repeat(32),
    });
    expect(await service.exited).toBe(1);
    expect(service.output().stderr.trim()).toBe(
      `Port 127.0.0.1:${port} is in use: stop what holds it or set PORT`,
    );
    blocker.close();
  });

  it('a stand-alone job worker without DATABASE_URL', async () => {
    const worker = startService({}, 'src/worker.ts');
    expect(await worker.exited).toBe(1);
    expect(worker.output().stderr.trim()).toBe(
      'npm run worker needs DATABASE_URL: the database of the API it serves',
    );
  });

  it('an invalid configuration value', async () => {
    const service = startService({ WORKER: 'maybe', PORT: 'http' });
    expect(await service.exited).toBe(1);
    const stderr = service.output().stderr.trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: PORT .*; WORKER .*$/);
  });
});
