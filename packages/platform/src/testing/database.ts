import type { TextProviderConfig } from '../analysis/text-provider.ts';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest, type Db } from '../db/database.ts';
import { createPlatform, type Platform } from '../platform.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import { silentLogger } from '../shared/logger.ts';
import { seedDemo } from '../seed/demo.ts';
import type { Clock } from '../shared/clock.ts';
import type { FileStore } from '../files/files.store.ts';

/**
 * The server tests run against: `TEST_DATABASE_URL`, set by `npm test` (scripts/test.ts), which starts
 * the embedded PostgreSQL or passes on `DATABASE_URL`.
 */
function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (it starts PostgreSQL)');
  return url;
}

/**
 * A fresh database of its own for one test file, dropped by `drop()`: migrated to the latest schema (a copy of
 * the run's template database when `npm test` made one, see `prepareTemplateDatabase`), or empty with
 * `migrate: false`.
 */
export async function freshDatabase(options: { migrate?: boolean } = {}): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const template = options.migrate !== false ? process.env.TEST_TEMPLATE_DATABASE : undefined;
  return copyOf(template, options.migrate !== false);
}

/**
 * A fresh database with the demo municipality in it (`seedDemo` without the shared data sets), dropped by
 * `drop()`. Under `npm test` it is a copy of a demo database seeded once per run and day (seeding takes seconds
 * and most server tests start from the demo); otherwise it is seeded here.
 */
export async function freshDemoDatabase(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!template) {
    const database = await copyOf(undefined, true);
    await seedInto(database.db);
    return database;
  }
  return copyOf(await demoTemplate(template), true);
}

async function seedInto(db: Db): Promise<void> {
  const platform = createPlatform(db, {
    dataDir: mkdtempSync(join(tmpdir(), 'tingsted-seed-')),
    publicUrl: 'http://127.0.0.1',
    mailFrom: 'Demo kommune <noreply@demo.tingsted.no>',
    logger: silentLogger,
    mailer: recordingMailer(),
  });
  try {
    await seedDemo(platform, { sharedData: false });
  } finally {
    await platform.jobs.stop();
  }
}

/**
 * The name of the demo database for this run's migrated template and today's date in Europe/Oslo (the demo's
 * phases are dated from today), made by the first test file that asks while the others wait on an advisory lock.
 * Its name starts with the template's, so `prepareTemplateDatabase` drops it with the template it came from.
 */
async function demoTemplate(template: string): Promise<string> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date()).replaceAll('-', '');
  const name = `${template}_demo_${day}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const existing = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (existing.rowCount === 0) {
      const building = await copyOf(template, true);
      try {
        await seedInto(building.db);
      } catch (error) {
        await building.drop();
        throw error;
      }
      await building.db.destroy();
      const buildingName = new URL(building.url).pathname.slice(1);
      await admin.query(`ALTER DATABASE ${buildingName} RENAME TO ${name}`);
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await admin.end();
  }
}

/** A new database, empty or a copy of `template`, migrated to the latest schema unless `migrate` is false. */
async function copyOf(template: string | undefined, migrate: boolean): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const db = createDatabase({ url: url.toString(), maxConnections: 5 });
  // On a copy of the template this finds nothing to do; it still checks the copy is at the latest migration.
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A mailer that keeps what it sends, for tests that follow the links in e-mails. */
export function recordingMailer(): Mailer & { sent: OutgoingMail[]; lastTo(address: string): OutgoingMail | undefined } {
  const sent: OutgoingMail[] = [];
  return {
    target: 'memory',
    sent,
    async send(mail) {
      sent.push(mail);
    },
    lastTo(address) {
      return sent.filter((m) => m.to === address).at(-1);
    },
  };
}

/** The token in the first link of an e-mail's text. */
export function tokenFromMail(mail: OutgoingMail | undefined): string {
  const match = mail?.text.match(/[?&]token=([\w-]+)/);
  if (!match?.[1]) throw new Error('no link with a token in the e-mail');
  return match[1];
}

/** A platform on a fresh database with a recording mailer. */
export async function testPlatform(options: { clock?: Clock; textProvider?: TextProviderConfig; fileStore?: FileStore } = {}): Promise<{
  platform: Platform;
  mailer: ReturnType<typeof recordingMailer>;
  drop(): Promise<void>;
}> {
  const database = await freshDatabase();
  const mailer = recordingMailer();
  const platform = createPlatform(database.db, {
    dataDir: mkdtempSync(join(tmpdir(), 'tingsted-test-')),
    publicUrl: 'http://localhost:3000',
    mailFrom: 'Tingsted <noreply@example.org>',
    logger: silentLogger,
    mailer,
    jobPollingSeconds: 0.5,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.textProvider ? { textProvider: options.textProvider } : {}),
    ...(options.fileStore ? { fileStore: options.fileStore } : {}),
  });
  return {
    platform,
    mailer,
    async drop() {
      await platform.jobs.stop();
      await database.drop();
    },
  };
}

/**
 * Makes (once per migration set) a database migrated to the latest schema, which `freshDatabase` copies with
 * `CREATE DATABASE … TEMPLATE` instead of running every migration for every test file. Its name carries a hash
 * of the migrations' sources, so a changed migration gets a new template; older ones are dropped. Returns the
 * name, for `TEST_TEMPLATE_DATABASE`. Nothing stays connected to it (PostgreSQL copies only idle templates).
 */
export async function prepareTemplateDatabase(serverUrl: string, migrationSources: string): Promise<string> {
  const name = `test_template_${createHash('sha256').update(migrationSources).digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'test_template_%'`);
    for (const row of existing.rows) {
      if (row.datname !== name) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
    if (existing.rows.some((row) => row.datname === name)) return name;
    // Built under a temporary name and renamed when complete, so a run that stops half-way leaves no template
    // that looks finished, and two runs sharing one server cannot both use a half-made one.
    const building = `test_building_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(serverUrl);
    url.pathname = `/${building}`;
    const db = createDatabase({ url: url.toString(), maxConnections: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch (error) {
      // Another run finished the same template first: use theirs.
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return name;
  } finally {
    await admin.end();
  }
}
