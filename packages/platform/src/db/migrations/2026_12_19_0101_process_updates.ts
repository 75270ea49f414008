import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Updates staff send to a process's participants and followers (e-mail and the notification list), who each one
// reached, and who asked for no more updates about a process.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('process_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.references('phases.id').onDelete('set null'))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('send_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    // What the update reached when it was sent (kept when a recipient later deletes their account).
    .addColumn('reached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emailed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addCheckConstraint('process_updates_audience_check', sql`audience IN ('participants', 'followers', 'both')`)
    .addCheckConstraint('process_updates_status_check', sql`status IN ('scheduled', 'sending', 'sent', 'cancelled')`)
    .execute();
  await db.schema.createIndex('process_updates_process_idx').on('process_updates').columns(['process_id', 'created_at']).execute();
  await db.schema.createIndex('process_updates_due_idx').on('process_updates').column('send_at').where(sql.ref('status'), '=', 'scheduled').execute();
  // One row per person an update reached: in the notification list always, by e-mail when they take e-mail.
  await db.schema
    .createTable('process_update_deliveries')
    .addColumn('update_id', 'uuid', (c) => c.notNull().references('process_updates.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('listed', 'boolean', (c) => c.notNull())
    .addColumn('emailed_at', 'timestamptz')
    .addColumn('email_failed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('unsubscribe_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('process_update_deliveries_pk', ['update_id', 'user_id'])
    .addUniqueConstraint('process_update_deliveries_unsubscribe_unique', ['unsubscribe_hash'])
    .execute();
  await db.schema.createIndex('process_update_deliveries_user_idx').on('process_update_deliveries').column('user_id').execute();
  // People who asked for no more updates about a process (security and account e-mail are not affected).
  await db.schema
    .createTable('process_update_unsubscribes')
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('process_update_unsubscribes_pk', ['process_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('process_update_unsubscribes').execute();
  await db.schema.dropTable('process_update_deliveries').execute();
  await db.schema.dropTable('process_updates').execute();
}
