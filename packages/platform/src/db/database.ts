import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, sql, type Driver, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { createChangeClock, observeWrites, type ChangeClock } from './changes.ts';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';

// PostgreSQL `date` columns stay ISO strings (YYYY-MM-DD) rather than becoming local-time Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts (count(*)) fit in a JS number for every table we have.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

/** The database handle every repository receives. */
export type Db = Kysely<Database>;

export interface DatabaseOptions {
  readonly url: string;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
  /** Told when an idle connection fails (the database restarted, say); the pool replaces it. */
  readonly onIdleError?: (error: Error) => void;
}

const urls = new WeakMap<Db, string>();
const clocks = new WeakMap<Db, ChangeClock>();

/** PostgreSQL through a driver that moves a change clock after each committed write. */
class ObservedPostgresDialect extends PostgresDialect {
  private readonly clock: ChangeClock;

  constructor(config: ConstructorParameters<typeof PostgresDialect>[0], clock: ChangeClock) {
    super(config);
    this.clock = clock;
  }

  override createDriver(): Driver {
    return observeWrites(super.createDriver(), this.clock);
  }
}

/** Opens a pool to PostgreSQL at `url`. */
export function createDatabase(options: DatabaseOptions): Db {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  // Without a listener, an idle connection closed by the server would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const clock = createChangeClock();
  const db = new Kysely<Database>({ dialect: new ObservedPostgresDialect({ pool }, clock) });
  urls.set(db, options.url);
  clocks.set(db, clock);
  return db;
}

/** The change clock of a handle opened by createDatabase (see db/changes.ts); a clock that never moves otherwise. */
export function changeClockOf(db: Db): ChangeClock {
  let clock = clocks.get(db);
  if (!clock) clocks.set(db, (clock = createChangeClock()));
  return clock;
}

/** Sends a NOTIFY on `channel` (delivered to every connection that LISTENs on it, on any server). */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

/** The URL a handle was opened with, for a dedicated connection outside the pool (LISTEN needs one). */
export function databaseUrlOf(db: Db): string | undefined {
  return urls.get(db);
}

function migrator(db: Db): Migrator {
  return new Migrator({
    // Migrations are schema-agnostic: they only need a Kysely handle.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/**
 * Brings the schema to the latest migration; returns the names applied. Kysely takes a lock in the
 * database, so several servers starting at once migrate exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Undoes every migration (used by tests that check `down`). */
export async function migrateToZero(db: Db): Promise<string[]> {
  return unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}
