import { randomBytes } from 'node:crypto';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import pg from 'pg';
import type { Logger } from '../shared/logger.ts';

/**
 * The data version of this server: a counter that moves after every committed write made through the
 * database handle (a statement outside a transaction, or a transaction that wrote, once it has committed), and
 * when another server says it wrote (see {@link startChangeFeed}). Caches of what anyone may see keep the
 * version they were filled at and are stale as soon as it moves; nothing has to name what it changed.
 */
export interface ChangeClock {
  readonly version: number;
  /** Calls `listener` after each move caused by a write on this server (not by another server's notice). */
  onLocalChange(listener: () => void): () => void;
  /** Moves the version (a write here, or another server's notice). */
  bump(local: boolean): void;
}

/** Creates a change clock at version 0. */
export function createChangeClock(): ChangeClock {
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    get version() {
      return version;
    },
    onLocalChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    bump(local) {
      version++;
      if (local) for (const listener of listeners) listener();
    },
  };
}

// A statement that may change rows. Conservative: `select … for update` counts too (it is part of a write).
// The job queue's own statements (pg-boss polls its tables through this pool) change nothing anyone sees.
const writes = /\b(?:insert|update|delete|merge|truncate)\b/i;

/**
 * Wraps a Kysely driver so that `clock` moves after each committed write. Writes inside a transaction move it at
 * the commit (a read between the statement and the commit still sees the old rows, so an earlier move would
 * let a stale page be kept under the new version).
 */
export function observeWrites(driver: Driver, clock: ChangeClock): Driver {
  const inTransaction = new WeakSet<DatabaseConnection>();
  const wrote = new WeakSet<DatabaseConnection>();
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const raw = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let outer = wrapped.get(connection);
    if (!outer) {
      const self: DatabaseConnection = {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const result = await connection.executeQuery<R>(query);
          if (writes.test(query.sql) && !query.sql.includes('pgboss.')) {
            if (inTransaction.has(self)) wrote.add(self);
            else clock.bump(true);
          }
          return result;
        },
        streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
      };
      outer = self;
      wrapped.set(connection, outer);
      raw.set(outer, connection);
    }
    return outer;
  };
  const inner = (connection: DatabaseConnection) => raw.get(connection) ?? connection;
  const observed: Driver = {
    init: () => driver.init(),
    acquireConnection: async () => wrap(await driver.acquireConnection()),
    async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
      await driver.beginTransaction(inner(connection), settings);
      inTransaction.add(connection);
      wrote.delete(connection);
    },
    async commitTransaction(connection: DatabaseConnection) {
      try {
        await driver.commitTransaction(inner(connection));
      } finally {
        inTransaction.delete(connection);
        // Also after a failed commit: whether it took effect is unknown, and a needless move only costs a render.
        if (wrote.has(connection)) {
          wrote.delete(connection);
          clock.bump(true);
        }
      }
    },
    async rollbackTransaction(connection: DatabaseConnection) {
      inTransaction.delete(connection);
      wrote.delete(connection);
      await driver.rollbackTransaction(inner(connection));
    },
    releaseConnection: (connection: DatabaseConnection) => driver.releaseConnection(inner(connection)),
    destroy: () => driver.destroy(),
  };
  if (driver.savepoint) observed.savepoint = (connection, name, compile) => driver.savepoint!(inner(connection), name, compile);
  if (driver.rollbackToSavepoint) observed.rollbackToSavepoint = (connection, name, compile) => driver.rollbackToSavepoint!(inner(connection), name, compile);
  if (driver.releaseSavepoint) observed.releaseSavepoint = (connection, name, compile) => driver.releaseSavepoint!(inner(connection), name, compile);
  return observed;
}

/** The channel on which servers sharing one database tell each other that they wrote. */
export const changesChannel = 'tingsted_changes';

/**
 * Shares the change clock between the servers of one database: after a write here, one NOTIFY goes out (writes
 * that come while it is under way are covered by one more); a dedicated connection LISTENs and moves the clock
 * on every other server's notice (reopened a second after a failure; while it is down the clock moves once a
 * second, so caches hold for at most that long instead of serving stale pages).
 */
export function startChangeFeed(options: {
  url: string;
  clock: ChangeClock;
  notify: (channel: string, payload: string) => Promise<unknown>;
  logger: Logger;
}): { close: () => Promise<void>; ready: Promise<void> } {
  const me = randomBytes(9).toString('base64url');
  const { clock, logger } = options;
  let closed = false;
  let sending = false;
  let again = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let blind: NodeJS.Timeout | null = null;

  const send = () => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    again = false;
    options
      .notify(changesChannel, me)
      .catch((error: Error) => logger.warn({ err: { message: error.message } }, 'could not tell other servers about a change'))
      .finally(() => {
        sending = false;
        if (again && !closed) send();
      });
  };
  const stopLocal = clock.onLocalChange(send);

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (message) => {
      if (message.payload !== me) clock.bump(false);
    });
    next.on('error', (error) => {
      logger.warn({ err: { message: error.message } }, 'change feed connection failed; reconnecting');
      client = null;
      void next.end().catch(() => undefined);
      reconnectLater();
    });
    await next.connect();
    await next.query(`LISTEN ${changesChannel}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    if (blind) {
      clearInterval(blind);
      blind = null;
    }
    // Whatever was missed while not listening.
    clock.bump(false);
  };
  const reconnectLater = () => {
    if (closed || retry) return;
    blind ??= setInterval(() => clock.bump(false), 1000).unref();
    retry = setTimeout(() => {
      retry = null;
      connect().catch(() => reconnectLater());
    }, 1000);
    retry.unref();
  };
  const ready = connect().catch((error: Error) => {
    logger.warn({ err: { message: error.message } }, 'change feed could not listen; retrying');
    reconnectLater();
  });

  return {
    ready,
    async close() {
      closed = true;
      stopLocal();
      if (retry) clearTimeout(retry);
      if (blind) clearInterval(blind);
      await ready;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
