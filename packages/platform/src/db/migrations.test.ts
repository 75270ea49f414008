import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { freshDatabase } from '../testing/database.ts';
import { migrateToLatest, migrateToZero } from './database.ts';
import { migrations } from './migrations/index.ts';

test('migrations run up from empty, down to empty, and up again', async () => {
  const database = await freshDatabase({ migrate: false });
  try {
    const tables = async () =>
      (
        await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
          AND table_name NOT LIKE 'schema_migrations%' ORDER BY table_name`.execute(database.db)
      ).rows.map((r) => r.table_name);
    assert.deepEqual(await migrateToLatest(database.db), Object.keys(migrations));
    const created = await tables();
    assert.ok(created.includes('users') && created.includes('sessions') && created.includes('processes'));
    assert.deepEqual(await migrateToLatest(database.db), [], 'a second run applies nothing');
    await migrateToZero(database.db);
    assert.deepEqual(await tables(), []);
    await migrateToLatest(database.db);
    assert.deepEqual(await tables(), created);
  } finally {
    await database.drop();
  }
});
