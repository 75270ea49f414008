import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Participatory budgeting (issue 16): per budgeting phase a ballot design, budgets (district or citywide),
// projects with their feasibility review and delivery updates, ballots (online, paper, imported), the batches
// paper and imported ballots came in, and stored results. Money is in whole currency units.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_settings')
    .addColumn('phase_id', 'uuid', (c) => c.primaryKey().references('phases.id').onDelete('cascade'))
    .addColumn('ballot_kind', 'text', (c) => c.notNull().defaultTo('basket'))
    .addColumn('min_projects', 'integer')
    .addColumn('max_projects', 'integer')
    .addColumn('points_total', 'integer')
    .addColumn('rank_limit', 'integer')
    .addColumn('rule', 'text', (c) => c.notNull().defaultTo('mes-add1'))
    .addColumn('greedy_threshold', 'integer')
    .addColumn('tie_break', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{lowest-cost,most-votes,lot}'`))
    .addColumn('seed', 'text', (c) => c.notNull().defaultTo('tingsted'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('NOK'))
    .addColumn('voters', 'text', (c) => c.notNull().defaultTo('residents'))
    .addColumn('min_age', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('budget_settings_kind_known', sql`ballot_kind IN ('basket', 'approval', 'points', 'ranking')`)
    .addCheckConstraint('budget_settings_rule_known', sql`rule IN ('greedy', 'mes', 'mes-add1', 'mes-add1-exhaustive')`)
    .addCheckConstraint('budget_settings_voters_known', sql`voters IN ('residents', 'everyone')`)
    .addCheckConstraint('budget_settings_counts', sql`(min_projects IS NULL OR min_projects >= 0) AND (max_projects IS NULL OR max_projects >= 1) AND (min_projects IS NULL OR max_projects IS NULL OR min_projects <= max_projects)`)
    .addCheckConstraint('budget_settings_points', sql`(points_total IS NULL OR points_total >= 1) AND (rank_limit IS NULL OR rank_limit >= 1) AND (min_age IS NULL OR min_age BETWEEN 0 AND 120)`)
    .execute();

  await db.schema
    .createTable('budget_budgets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('name', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('area', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('budget_budgets_id_phase', ['id', 'phase_id'])
    .addCheckConstraint('budget_budgets_amount_positive', sql`amount > 0`)
    .execute();
  await sql`CREATE UNIQUE INDEX budget_budgets_area_unique ON budget_budgets (phase_id, area) NULLS NOT DISTINCT`.execute(db);

  await db.schema
    .createTable('budget_projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('budget_id', 'uuid', (c) => c.notNull().references('budget_budgets.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('cost_min', 'integer')
    .addColumn('cost_max', 'integer')
    .addColumn('area', 'text')
    .addColumn('category', 'text')
    .addColumn('source_idea_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('review', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('review_reason', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('cost_checked_by', 'text')
    .addColumn('cost_checked_on', 'date')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('status', 'text')
    .addColumn('progress_percent', 'integer')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('budget_projects_number_unique', ['phase_id', 'number'])
    .addUniqueConstraint('budget_projects_reference_unique', ['phase_id', 'reference'])
    .addCheckConstraint('budget_projects_cost_positive', sql`cost > 0`)
    .addCheckConstraint('budget_projects_cost_range', sql`(cost_min IS NULL OR (cost_min > 0 AND cost_min <= cost)) AND (cost_max IS NULL OR cost_max >= cost)`)
    .addCheckConstraint('budget_projects_review_known', sql`review IN ('pending', 'eligible', 'ineligible')`)
    .addCheckConstraint('budget_projects_progress', sql`progress_percent IS NULL OR progress_percent BETWEEN 0 AND 100`)
    .execute();
  await db.schema.createIndex('budget_projects_budget_idx').on('budget_projects').column('budget_id').execute();

  await db.schema
    .createTable('budget_project_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('budget_projects.id').onDelete('cascade'))
    .addColumn('status', 'text')
    .addColumn('body', 'text')
    .addColumn('title', 'text')
    .addColumn('happened_on', 'date')
    .addColumn('progress_percent', 'integer')
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('budget_project_updates_progress', sql`progress_percent IS NULL OR progress_percent BETWEEN 0 AND 100`)
    .execute();
  await db.schema.createIndex('budget_project_updates_project_idx').on('budget_project_updates').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('budget_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('budget_id', 'uuid', (c) => c.notNull().references('budget_budgets.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('ballot_count', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'timestamptz')
    .addUniqueConstraint('budget_batches_label_unique', ['phase_id', 'label'])
    .addUniqueConstraint('budget_batches_content_unique', ['phase_id', 'content_hash'])
    .addCheckConstraint('budget_batches_source_known', sql`source IN ('paper', 'csv', 'pabulib')`)
    .addCheckConstraint('budget_batches_second_person', sql`confirmed_by IS NULL OR entered_by IS NULL OR confirmed_by <> entered_by`)
    .execute();

  await db.schema
    .createTable('budget_ballots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One foreign key for the budget and its phase together: separate checks on both cost more than half of a
    // 90,000-ballot import's database time, and this one also keeps a ballot's phase that of its budget.
    .addColumn('phase_id', 'uuid', (c) => c.notNull())
    .addColumn('budget_id', 'uuid', (c) => c.notNull())
    .addColumn('voter_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'uuid', (c) => c.references('budget_batches.id').onDelete('cascade'))
    .addColumn('voter_ref', 'text')
    .addColumn('projects', sql`uuid[]`, (c) => c.notNull())
    .addColumn('points', sql`integer[]`)
    .addColumn('receipt', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One ballot per person per budget, enforced here and not only in code.
    .addForeignKeyConstraint('budget_ballots_budget_fk', ['budget_id', 'phase_id'], 'budget_budgets', ['id', 'phase_id'], (c) => c.onDelete('cascade'))
    .addUniqueConstraint('budget_ballots_one_per_voter', ['budget_id', 'voter_id'])
    .addCheckConstraint('budget_ballots_source_known', sql`source IN ('online', 'paper', 'csv', 'pabulib')`)
    .addCheckConstraint('budget_ballots_online_has_receipt', sql`source <> 'online' OR receipt IS NOT NULL`)
    .addCheckConstraint('budget_ballots_batch', sql`(source = 'online') = (batch_id IS NULL)`)
    .addCheckConstraint('budget_ballots_points_parallel', sql`points IS NULL OR cardinality(points) = cardinality(projects)`)
    .execute();
  await db.schema.createIndex('budget_ballots_batch_idx').on('budget_ballots').column('batch_id').execute();
  await db.schema.createIndex('budget_ballots_phase_idx').on('budget_ballots').columns(['phase_id', 'budget_id']).execute();

  await db.schema
    .createTable('budget_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('budget_id', 'uuid', (c) => c.notNull().references('budget_budgets.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('ballots_hash', 'text', (c) => c.notNull())
    .addColumn('ballot_count', 'integer', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('computed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('budget_results_budget_idx').on('budget_results').columns(['budget_id', 'computed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['budget_results', 'budget_ballots', 'budget_batches', 'budget_project_updates', 'budget_projects', 'budget_budgets', 'budget_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
