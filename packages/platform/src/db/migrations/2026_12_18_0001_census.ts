import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The municipality's census (population by area, age band, sex and, where given, education), imported once a
// year, and each process's outreach thresholds. Census cells are counts of people: nobody is named.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('census_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dimensions', 'jsonb', (c) => c.notNull())
    .addColumn('areas', 'jsonb', (c) => c.notNull())
    .addColumn('age_bands', 'jsonb', (c) => c.notNull())
    .addColumn('educations', 'jsonb', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('census_imports_year_range', sql`year BETWEEN 1900 AND 2100`)
    .addCheckConstraint('census_imports_population_positive', sql`population > 0`)
    .execute();
  await db.schema.createIndex('census_imports_year_idx').on('census_imports').columns(['year', 'imported_at']).execute();
  await db.schema
    .createTable('census_cells')
    .addColumn('census_id', 'uuid', (c) => c.notNull().references('census_imports.id').onDelete('cascade'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('age', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('education', 'text')
    .addColumn('population', 'integer', (c) => c.notNull())
    .addCheckConstraint('census_cells_sex_check', sql`sex IN ('female', 'male')`)
    .addCheckConstraint('census_cells_population_check', sql`population >= 0`)
    .execute();
  await db.schema.createIndex('census_cells_census_idx').on('census_cells').column('census_id').execute();
  await db.schema
    .createTable('representation_thresholds')
    .addColumn('process_id', 'uuid', (c) => c.primaryKey().references('processes.id').onDelete('cascade'))
    .addColumn('max_ratio', 'real', (c) => c.notNull())
    .addColumn('min_expected', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('representation_thresholds_ratio_range', sql`max_ratio > 0 AND max_ratio <= 1`)
    .addCheckConstraint('representation_thresholds_expected_range', sql`min_expected >= 1`)
    .execute();
  // Reminders e-mailed to a group's registered residents while a phase is open: one per group and phase.
  await db.schema
    .createTable('outreach_reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('age', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('sent_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('outreach_reminders_group_unique', ['phase_id', 'area', 'age'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outreach_reminders').execute();
  await db.schema.dropTable('representation_thresholds').execute();
  await db.schema.dropTable('census_cells').execute();
  await db.schema.dropTable('census_imports').execute();
}
