import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Retention: the municipality chooses how many days after a citizens' panel ends its registrations' personal
// data (contact details, register, invitation codes) is deleted by the daily job; null: only on each panel's
// own deletion date. The registrations' answers (the anonymous demographic categories) stay.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('municipality').addColumn('panel_retention_days', 'integer').execute();
  await db.schema
    .alterTable('municipality')
    .addCheckConstraint('municipality_panel_retention_range', sql`panel_retention_days IS NULL OR panel_retention_days BETWEEN 0 AND 3650`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('municipality').dropConstraint('municipality_panel_retention_range').execute();
  await db.schema.alterTable('municipality').dropColumn('panel_retention_days').execute();
}
