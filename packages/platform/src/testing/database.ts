import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest, type Db } from '../db/database.ts';
import { createPlatform, type Platform } from '../platform.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import { silentLogger } from '../shared/logger.ts';
import type { Clock } from '../shared/clock.ts';

/**
 * The server tests run against: `TEST_DATABASE_URL`, set by `npm test` (scripts/test.ts), which starts
 * the embedded PostgreSQL or passes on `DATABASE_URL`.
 */
function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (it starts PostgreSQL)');
  return url;
}

/** A fresh, empty database of its own for one test file, dropped by `drop()`. */
export async function freshDatabase(options: { migrate?: boolean } = {}): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const db = createDatabase({ url: url.toString(), maxConnections: 5 });
  if (options.migrate !== false) await migrateToLatest(db);
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
export async function testPlatform(options: { clock?: Clock } = {}): Promise<{
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
