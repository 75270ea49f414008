import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import type { Database } from '../db/schema.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { BallotKind, BudgetingRule, ReviewState, VoterGroup } from './budgeting.tables.ts';

/** A phase's ballot design as stored. */
export type SettingsRow = NonNullable<Awaited<ReturnType<ReturnType<typeof budgetingRepository>['settingsOf']>>>;
/** A budget as stored. */
export type BudgetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof budgetingRepository>['findBudget']>>>;
/** A project as stored. */
export type ProjectRow = NonNullable<Awaited<ReturnType<ReturnType<typeof budgetingRepository>['findProject']>>>;
/** A delivery update as stored. */
export type UpdateRow = Awaited<ReturnType<ReturnType<typeof budgetingRepository>['updatesOf']>>[number];
/** An online ballot as stored. */
export type OnlineBallotRow = NonNullable<Awaited<ReturnType<ReturnType<typeof budgetingRepository>['findOnlineBallot']>>>;

/** An online ballot to store. */
export interface OnlineBallotInput {
  readonly phaseId: string;
  readonly budgetId: string;
  readonly voterId: string;
  readonly projects: string[];
  readonly points: number[] | null;
  readonly receipt: string;
}

type BallotStored = Selectable<Database['budget_ballots']>;

/** The design fields staff change (column names). */
export interface SettingsChange {
  ballot_kind: BallotKind;
  min_projects: number | null;
  max_projects: number | null;
  points_total: number | null;
  rank_limit: number | null;
  rule: BudgetingRule;
  greedy_threshold: number | null;
  tie_break: string[];
  seed: string;
  currency: string;
  voters: VoterGroup;
  min_age: number | null;
}

/** The project fields staff set (column names). */
export interface ProjectChange {
  budget_id?: string;
  title?: LocalizedText;
  description?: LocalizedText;
  cost?: number;
  cost_min?: number | null;
  cost_max?: number | null;
  area?: string | null;
  category?: string | null;
  source_idea_ids?: string[];
  review?: ReviewState;
  review_reason?: LocalizedText;
  reviewed_by?: string | null;
  reviewed_at?: Date | null;
  cost_checked_by?: string | null;
  cost_checked_on?: string | null;
}

// Ballots that count: online and Pabulib ones at once, paper and CSV ones once a second person confirmed their batch.
const counted = sql<boolean>`(b.source IN ('online', 'pabulib') OR b.batch_id IN (SELECT id FROM budget_batches WHERE confirmed_at IS NOT NULL))`;

/** The only place with SQL for the ballot design, budgets, projects, delivery updates and online ballots. */
export function budgetingRepository(db: Db) {
  // One multi-row upsert per batch; a voter's two ballots in one budget never share a batch (the key).
  const ballots = createGroupCommit<OnlineBallotInput, BallotStored>(db, {
    key: (b) => `${b.budgetId}:${b.voterId}`,
    async write(trx, items) {
      const now = new Date();
      const rows = await trx
        .insertInto('budget_ballots')
        .values(items.map((b) => ({ phase_id: b.phaseId, budget_id: b.budgetId, voter_id: b.voterId, source: 'online' as const, projects: b.projects, points: b.points, receipt: b.receipt, updated_at: now })))
        .onConflict((oc) =>
          oc.columns(['budget_id', 'voter_id']).doUpdateSet((eb) => ({
            projects: eb.ref('excluded.projects'),
            points: eb.ref('excluded.points'),
            receipt: eb.ref('excluded.receipt'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .execute();
      const byKey = new Map(rows.map((r) => [`${r.budget_id}:${r.voter_id}`, r] as const));
      return items.map((b) => {
        const row = byKey.get(`${b.budgetId}:${b.voterId}`);
        if (!row) throw new Error('a ballot of the batch was not stored');
        return row;
      });
    },
  });
  function projectJson(change: ProjectChange) {
    const { title, description, review_reason, ...rest } = change;
    return {
      ...rest,
      ...(title ? { title: JSON.stringify(title) } : {}),
      ...(description ? { description: JSON.stringify(description) } : {}),
      ...(review_reason ? { review_reason: JSON.stringify(review_reason) } : {}),
    };
  }

  return {
    // ---- Ballot design ----------------------------------------------------------------------------------

    /** The phase's design row, or undefined before first use. */
    /** How many ballots (online and on paper) a phase's vote has. */
    async ballotCount(phaseId: string): Promise<number> {
      const row = await db.selectFrom('budget_ballots').select((eb) => eb.fn.countAll<string>().as('n')).where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    settingsOf(phaseId: string) {
      return db.selectFrom('budget_settings').selectAll().where('phase_id', '=', phaseId).executeTakeFirst();
    },

    /** Creates the phase's design row with the defaults unless it exists; returns the row. */
    async ensureSettings(phaseId: string) {
      await db.insertInto('budget_settings').values({ phase_id: phaseId }).onConflict((oc) => oc.column('phase_id').doNothing()).execute();
      return db.selectFrom('budget_settings').selectAll().where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
    },

    /** Replaces the design of a phase. */
    async updateSettings(phaseId: string, change: SettingsChange) {
      await db.updateTable('budget_settings').set({ ...change, updated_at: new Date() }).where('phase_id', '=', phaseId).execute();
    },

    // ---- Budgets ----------------------------------------------------------------------------------------

    /** A phase's budgets in order (citywide ones last among equals by position). */
    budgetsOf(phaseId: string) {
      return db.selectFrom('budget_budgets').selectAll().where('phase_id', '=', phaseId).orderBy('position').orderBy('created_at').orderBy('id').execute();
    },

    findBudget(budgetId: string) {
      return db.selectFrom('budget_budgets').selectAll().where('id', '=', budgetId).executeTakeFirst();
    },

    /** Whether the phase has a budget for this area (null: the citywide one). */
    async budgetForAreaExists(phaseId: string, area: string | null): Promise<boolean> {
      const q = db.selectFrom('budget_budgets').select('id').where('phase_id', '=', phaseId);
      const row = await (area === null ? q.where('area', 'is', null) : q.where('area', '=', area)).executeTakeFirst();
      return row !== undefined;
    },

    /** Adds a budget after the phase's others; null when the phase already has one for the area. */
    async insertBudget(input: { phaseId: string; name: LocalizedText; area: string | null; amount: number }): Promise<string | null> {
      const row = await db
        .insertInto('budget_budgets')
        .values({
          phase_id: input.phaseId,
          name: JSON.stringify(input.name),
          area: input.area,
          amount: input.amount,
          position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM budget_budgets WHERE phase_id = ${input.phaseId})`,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async updateBudget(budgetId: string, change: { name?: LocalizedText; amount?: number }) {
      await db
        .updateTable('budget_budgets')
        .set({ ...(change.name ? { name: JSON.stringify(change.name) } : {}), ...(change.amount !== undefined ? { amount: change.amount } : {}) })
        .where('id', '=', budgetId)
        .execute();
    },

    /** Deletes a budget that has no project and no ballot; false when it has either. */
    async deleteEmptyBudget(budgetId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('budget_budgets')
        .where('id', '=', budgetId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('budget_projects').select('id').where('budget_id', '=', budgetId))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('budget_ballots').select('id').where('budget_id', '=', budgetId))))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    // ---- Ballot counts ----------------------------------------------------------------------------------

    /** Whether any ballot (online, paper or imported) exists in the phase. */
    async phaseHasBallots(phaseId: string): Promise<boolean> {
      return (await db.selectFrom('budget_ballots').select('id').where('phase_id', '=', phaseId).limit(1).executeTakeFirst()) !== undefined;
    },

    /** Whether any ballot exists in the budget. */
    async budgetHasBallots(budgetId: string): Promise<boolean> {
      return (await db.selectFrom('budget_ballots').select('id').where('budget_id', '=', budgetId).limit(1).executeTakeFirst()) !== undefined;
    },

    /** Whether any ballot lists the project. */
    async projectOnBallots(projectId: string): Promise<boolean> {
      const row = await db.selectFrom('budget_ballots').select('id').where(sql<boolean>`projects @> ARRAY[${projectId}]::uuid[]`).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /** Counted ballots per budget of a phase: online ones and those of confirmed batches. */
    async countedBallotsByBudget(phaseId: string): Promise<Map<string, number>> {
      const rows = await sql<{ budget_id: string; n: number }>`
        SELECT b.budget_id, sum(b.weight)::int AS n FROM budget_ballots b
        WHERE b.phase_id = ${phaseId} AND ${counted} GROUP BY b.budget_id`.execute(db);
      return new Map(rows.rows.map((r) => [r.budget_id, r.n]));
    },

    // ---- Projects ---------------------------------------------------------------------------------------

    /** A phase's projects by number. */
    projectsOf(phaseId: string) {
      return db.selectFrom('budget_projects').selectAll().where('phase_id', '=', phaseId).orderBy('number').execute();
    },

    /** The eligible projects of a budget (those on its ballot), by number. */
    ballotProjectsOf(budgetId: string) {
      return db.selectFrom('budget_projects').selectAll().where('budget_id', '=', budgetId).where('review', '=', 'eligible').orderBy('number').execute();
    },

    /** The eligible projects of a phase (those on its ballots), by number. */
    ballotProjectsOfPhase(phaseId: string) {
      return db.selectFrom('budget_projects').selectAll().where('phase_id', '=', phaseId).where('review', '=', 'eligible').orderBy('number').execute();
    },

    findProject(projectId: string) {
      return db.selectFrom('budget_projects').selectAll().where('id', '=', projectId).executeTakeFirst();
    },

    /** Adds a project with the phase's next number (numbers are handed out under a lock on the phase's design row). */
    async insertProject(input: { phaseId: string; createdBy: string; change: ProjectChange & { budget_id: string; title: LocalizedText; cost: number } }) {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('budget_settings').select('phase_id').where('phase_id', '=', input.phaseId).forUpdate().execute();
        const last = await trx.selectFrom('budget_projects').select((eb) => eb.fn.max('number').as('n')).where('phase_id', '=', input.phaseId).executeTakeFirst();
        const number = Number(last?.n ?? 0) + 1;
        const change = projectJson(input.change);
        const row = await trx
          .insertInto('budget_projects')
          .values({ ...change, budget_id: input.change.budget_id, cost: input.change.cost, title: JSON.stringify(input.change.title), phase_id: input.phaseId, number, created_by: input.createdBy })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        return row;
      });
    },

    async updateProject(projectId: string, change: ProjectChange) {
      await db.updateTable('budget_projects').set({ ...projectJson(change), updated_at: new Date() }).where('id', '=', projectId).execute();
    },

    /** Deletes a project no ballot lists; false when one does. */
    async deleteProjectOffBallots(projectId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('budget_projects')
        .where('id', '=', projectId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('budget_ballots').select('id').where(sql<boolean>`projects @> ARRAY[${projectId}]::uuid[]`))))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    // ---- Delivery updates -------------------------------------------------------------------------------

    /** Stores an update and moves the project's status and progress with it, together. */
    async insertUpdate(input: { projectId: string; status: string | null; body: string | null; title: string | null; happenedOn: string | null; progressPercent: number | null; authorId: string; authorName: string }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('budget_project_updates')
          .values({
            project_id: input.projectId,
            status: input.status,
            body: input.body,
            title: input.title,
            happened_on: input.happenedOn,
            progress_percent: input.progressPercent,
            author_id: input.authorId,
            author_name: input.authorName,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('budget_projects')
          .set({
            ...(input.status !== null ? { status: input.status } : {}),
            ...(input.progressPercent !== null ? { progress_percent: input.progressPercent } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', input.projectId)
          .execute();
        return row.id;
      });
    },

    /** A project's updates, oldest first. */
    updatesOf(projectId: string) {
      return db.selectFrom('budget_project_updates').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
    },

    // ---- Online ballots ---------------------------------------------------------------------------------

    findOnlineBallot(budgetId: string, voterId: string) {
      return db.selectFrom('budget_ballots').selectAll().where('budget_id', '=', budgetId).where('voter_id', '=', voterId).executeTakeFirst();
    },

    /** A voter's ballots in a phase. */
    onlineBallotsOf(phaseId: string, voterId: string) {
      return db.selectFrom('budget_ballots').selectAll().where('phase_id', '=', phaseId).where('voter_id', '=', voterId).execute();
    },

    /**
     * Stores a voter's ballot in a budget, replacing their earlier one (the same row: the database's unique
     * index on budget and voter allows one); returns the row as stored. Ballots cast together are written in
     * one transaction (group commit); each resolves once that transaction is committed to disk.
     */
    upsertOnlineBallot(input: OnlineBallotInput) {
      return ballots.write(input);
    },

    /** The latest published result of each of the given budgets (rule, result as stored, time). */
    async publishedResultsOf(budgetIds: readonly string[]) {
      if (budgetIds.length === 0) return [];
      return db
        .selectFrom('budget_results')
        .select(['budget_id', 'rule', 'result', 'published_at'])
        .distinctOn('budget_id')
        .where('budget_id', 'in', [...budgetIds])
        .where('published_at', 'is not', null)
        .orderBy('budget_id')
        .orderBy('published_at', 'desc')
        .orderBy('computed_at', 'desc')
        .execute();
    },

    /** The people whose online ballot lists the project. */
    async votersOfProject(projectId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('budget_ballots')
        .select('voter_id')
        .where('source', '=', 'online')
        .where('voter_id', 'is not', null)
        .where(sql<boolean>`projects @> ARRAY[${projectId}]::uuid[]`)
        .execute();
      return rows.flatMap((r) => (r.voter_id ? [r.voter_id] : []));
    },

    // ---- Added for the voter's own page, image order (appended for easy merges) ------------------------------

    /** Every online ballot of a voter, newest first. */
    onlineBallotsOfVoter(voterId: string) {
      return db.selectFrom('budget_ballots').selectAll().where('voter_id', '=', voterId).where('source', '=', 'online').orderBy('updated_at', 'desc').orderBy('id').execute();
    },

    /** Projects by id (any phase). */
    async projectsById(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('budget_projects').selectAll().where('id', 'in', [...ids]).execute();
    },

    /** Budgets by id (any phase). */
    async budgetsById(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('budget_budgets').selectAll().where('id', 'in', [...ids]).execute();
    },

    /** Replaces the order of a project's own images. */
    async setImageOrder(projectId: string, order: readonly string[]) {
      await db.updateTable('budget_projects').set({ image_order: [...order], updated_at: new Date() }).where('id', '=', projectId).execute();
    },
  };
}

export type BudgetingRepository = ReturnType<typeof budgetingRepository>;
