import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { silentLogger } from '../shared/logger.ts';
import { freshDatabase } from '../testing/database.ts';
import { changeClockOf, createDatabase, type Db } from './database.ts';
import { startChangeFeed } from './changes.ts';

let database: { db: Db; url: string; drop(): Promise<void> };
before(async () => {
  database = await freshDatabase();
  await sql`create table change_probe (id int primary key, note text)`.execute(database.db);
});
after(async () => database?.drop());

test('the data version moves after each committed write, at the commit inside a transaction, never for reads or a rollback', async () => {
  const { db } = database;
  const clock = changeClockOf(db);
  const start = clock.version;
  await db.selectFrom('change_probe' as never).selectAll().execute();
  assert.equal(clock.version, start, 'a read');
  await sql`insert into change_probe values (1, 'a')`.execute(db);
  assert.equal(clock.version, start + 1, 'a write outside a transaction');

  let during = -1;
  await db.transaction().execute(async (trx) => {
    await sql`update change_probe set note = 'b' where id = 1`.execute(trx);
    during = clock.version;
  });
  assert.equal(during, start + 1, 'not before the commit: other readers still see the old row');
  assert.equal(clock.version, start + 2, 'at the commit');

  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`delete from change_probe`.execute(trx);
      throw new Error('changed my mind');
    }),
  );
  assert.equal(clock.version, start + 2, 'a rolled-back transaction changed nothing');
  await db.transaction().execute(async (trx) => {
    await sql`select note from change_probe`.execute(trx);
  });
  assert.equal(clock.version, start + 2, 'a transaction that only read');
});

test('servers sharing a database hear each other’s writes (LISTEN/NOTIFY)', async () => {
  // Two handles stand for two servers: each with its own pool, clock and feed.
  const first = createDatabase({ url: database.url });
  const second = createDatabase({ url: database.url });
  const feeds = [first, second].map((db) =>
    startChangeFeed({ url: database.url, clock: changeClockOf(db), logger: silentLogger, notify: (channel, payload) => sql`select pg_notify(${channel}, ${payload})`.execute(db) }),
  );
  try {
    await Promise.all(feeds.map((f) => f.ready));
    const theirs = changeClockOf(second);
    const before = theirs.version;
    const ownBefore = changeClockOf(first).version;
    await sql`insert into change_probe values (2, 'from the first server')`.execute(first);
    const deadline = Date.now() + 5000;
    while (theirs.version === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(theirs.version > before, 'the second server’s version moved');
    // The first server does not count its own notice a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(changeClockOf(first).version, ownBefore + 1);
  } finally {
    await Promise.all(feeds.map((f) => f.close()));
    await first.destroy();
    await second.destroy();
  }
});
