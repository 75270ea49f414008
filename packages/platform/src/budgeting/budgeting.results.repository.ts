import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { BallotKind, BallotSource, BudgetingRule, VoterGroup } from './budgeting.tables.ts';

/** A ballot to store: indices into the projects it is stored with (or project ids), and points when the design has them. */
export interface StoredBallot {
  readonly voterRef: string | null;
  readonly projects: readonly string[];
  readonly points: readonly number[] | null;
}

/** A batch of paper or imported ballots, before it is stored. */
export interface NewBatch {
  readonly phaseId: string;
  readonly budgetId: string;
  readonly source: Exclude<BallotSource, 'online'>;
  readonly label: string;
  readonly contentHash: string;
  readonly enteredBy: string | null;
  readonly ballots: readonly StoredBallot[];
}

/** The ballot design written by a Pabulib import (the settings row's columns). */
export interface ImportedDesign {
  readonly ballotKind: BallotKind;
  readonly minProjects: number | null;
  readonly maxProjects: number | null;
  readonly pointsTotal: number | null;
  readonly rankLimit: number | null;
  readonly rule: BudgetingRule;
  readonly greedyThreshold: number | null;
  readonly currency: string | null;
}

/** Everything a Pabulib import stores: one budget, its projects in file order, the design and the ballots. */
export interface PabulibReplacement {
  readonly phaseId: string;
  readonly enteredBy: string | null;
  readonly label: string;
  readonly contentHash: string;
  readonly budget: { readonly name: LocalizedText; readonly amount: number };
  readonly projects: readonly { readonly reference: string; readonly title: LocalizedText; readonly description: LocalizedText; readonly cost: number; readonly category: string | null }[];
  readonly design: ImportedDesign;
  /** The different ballots, naming projects by their index in `projects`, each with the file's ids of the voters who cast it. */
  readonly ballots: readonly { readonly voterRefs: readonly string[]; readonly projects: readonly number[]; readonly points: readonly number[] | null }[];
  /** The voters of the settings row's `voters` column are kept; this is only the default for a new row. */
  readonly voters?: VoterGroup;
}

/** Rows per multi-row insert of ballots: one statement with three array parameters each. */
const BALLOT_CHUNK = 20_000;

const pgArray = (items: readonly (string | number)[]): string => `{${items.join(',')}}`;
/** A text[] literal: every element quoted, so ids with commas, quotes, braces or spaces come back as they were. */
const pgTextArray = (items: readonly string[]): string => `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

async function insertBallots(trx: Transaction<Database>, where: { phaseId: string; budgetId: string; source: BallotSource; batchId: string }, ballots: readonly StoredBallot[]): Promise<void> {
  for (let start = 0; start < ballots.length; start += BALLOT_CHUNK) {
    const chunk = ballots.slice(start, start + BALLOT_CHUNK);
    // Project ids are uuids and points integers, so the array literals need no quoting.
    const refs = chunk.map((b) => b.voterRef);
    const projects = chunk.map((b) => pgArray(b.projects));
    const points = chunk.map((b) => (b.points === null ? null : pgArray(b.points)));
    await sql`
      INSERT INTO budget_ballots (phase_id, budget_id, source, batch_id, voter_ref, projects, points)
      SELECT ${where.phaseId}, ${where.budgetId}, ${where.source}, ${where.batchId}, t.voter_ref, t.projects::uuid[], t.points::integer[]
      FROM unnest(${refs}::text[], ${projects}::text[], ${points}::text[]) AS t(voter_ref, projects, points)
    `.execute(trx);
  }
}

/**
 * The only place with SQL for paper and imported batches, imported ballots and stored results of budgeting
 * phases (the Pabulib replacement also writes the phase's budgets, projects and design, in one transaction).
 */
export function budgetingResultsRepository(db: Db) {
  return {
    /** True when the phase has online ballots (a Pabulib import may not replace them). */
    async hasOnlineBallots(phaseId: string): Promise<boolean> {
      const row = await db.selectFrom('budget_ballots').select('id').where('phase_id', '=', phaseId).where('source', '=', 'online').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Replaces the phase's budgets, projects, batches, imported ballots and results with a Pabulib file's, and
     * sets its design, in one transaction. Returns null when online ballots appeared meanwhile (nothing changes).
     */
    async replaceWithPabulib(input: PabulibReplacement): Promise<{ budgetId: string; projectIds: string[] } | null> {
      return db.transaction().execute(async (trx) => {
        // One lock per phase for the writers of imported ballots; online ballots are checked under it.
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`budgeting:${input.phaseId}`}, 0))`.execute(trx);
        const online = await trx.selectFrom('budget_ballots').select('id').where('phase_id', '=', input.phaseId).where('source', '=', 'online').limit(1).executeTakeFirst();
        if (online) return null;
        await trx.deleteFrom('budget_results').where('phase_id', '=', input.phaseId).execute();
        await trx.deleteFrom('budget_ballots').where('phase_id', '=', input.phaseId).execute();
        await trx.deleteFrom('budget_batches').where('phase_id', '=', input.phaseId).execute();
        await trx.deleteFrom('budget_projects').where('phase_id', '=', input.phaseId).execute();
        await trx.deleteFrom('budget_budgets').where('phase_id', '=', input.phaseId).execute();
        const d = input.design;
        const design = {
          ballot_kind: d.ballotKind,
          min_projects: d.minProjects,
          max_projects: d.maxProjects,
          points_total: d.pointsTotal,
          rank_limit: d.rankLimit,
          rule: d.rule,
          greedy_threshold: d.greedyThreshold,
          ...(d.currency !== null ? { currency: d.currency } : {}),
          updated_at: sql<Date>`now()`,
        };
        await trx
          .insertInto('budget_settings')
          .values({ phase_id: input.phaseId, ...design })
          .onConflict((oc) => oc.column('phase_id').doUpdateSet(design))
          .execute();
        const budget = await trx
          .insertInto('budget_budgets')
          .values({ phase_id: input.phaseId, name: JSON.stringify(input.budget.name), area: null, amount: input.budget.amount, position: 0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        const projectIds: string[] = [];
        for (let start = 0; start < input.projects.length; start += 1000) {
          const rows = input.projects.slice(start, start + 1000).map((p, i) => ({
            phase_id: input.phaseId,
            budget_id: budget.id,
            number: start + i + 1,
            reference: p.reference,
            title: JSON.stringify(p.title),
            description: JSON.stringify(p.description),
            cost: p.cost,
            category: p.category,
            // The file's projects are the ones that were on its ballot.
            review: 'eligible' as const,
            created_by: input.enteredBy,
          }));
          const inserted = await trx.insertInto('budget_projects').values(rows).returning(['id', 'number']).execute();
          inserted.sort((a, b) => a.number - b.number);
          projectIds.push(...inserted.map((r) => r.id));
        }
        const batch = await trx
          .insertInto('budget_batches')
          .values({ phase_id: input.phaseId, budget_id: budget.id, source: 'pabulib', label: input.label, content_hash: input.contentHash, ballot_count: input.ballots.reduce((n, b) => n + b.voterRefs.length, 0), entered_by: input.enteredBy })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Each different ballot is one row with its weight and its voters' ids.
        for (let start = 0; start < input.ballots.length; start += BALLOT_CHUNK) {
          const chunk = input.ballots.slice(start, start + BALLOT_CHUNK);
          const refs = chunk.map((b) => pgTextArray(b.voterRefs));
          const projects = chunk.map((b) => pgArray(b.projects.map((j) => projectIds[j]!)));
          const points = chunk.map((b) => (b.points === null ? null : pgArray(b.points)));
          await sql`
            INSERT INTO budget_ballots (phase_id, budget_id, source, batch_id, voter_refs, weight, projects, points)
            SELECT ${input.phaseId}, ${budget.id}, 'pabulib', ${batch.id}, t.refs::text[], cardinality(t.refs::text[]), t.projects::uuid[], t.points::integer[]
            FROM unnest(${refs}::text[], ${projects}::text[], ${points}::text[]) AS t(refs, projects, points)
          `.execute(trx);
        }
        return { budgetId: budget.id, projectIds };
      });
    },

    /**
     * Stores a paper or CSV batch with its ballots in one transaction. Returns the batch id, or which unique
     * rule refused it: the label or the same ballots already entered in the phase (nothing is stored then).
     */
    async insertBatch(input: NewBatch): Promise<{ id: string } | { conflict: 'label' | 'content' }> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`budgeting:${input.phaseId}`}, 0))`.execute(trx);
        const clash = await trx
          .selectFrom('budget_batches')
          .select(['label', 'content_hash'])
          .where('phase_id', '=', input.phaseId)
          .where((eb) => eb.or([eb('label', '=', input.label), eb('content_hash', '=', input.contentHash)]))
          .executeTakeFirst();
        if (clash) return { conflict: clash.label === input.label ? ('label' as const) : ('content' as const) };
        const batch = await trx
          .insertInto('budget_batches')
          .values({ phase_id: input.phaseId, budget_id: input.budgetId, source: input.source, label: input.label, content_hash: input.contentHash, ballot_count: input.ballots.length, entered_by: input.enteredBy })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertBallots(trx, { phaseId: input.phaseId, budgetId: input.budgetId, source: input.source, batchId: batch.id }, input.ballots);
        return { id: batch.id };
      });
    },

    findBatch(batchId: string) {
      return db.selectFrom('budget_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    },

    /** Confirms a waiting batch; false when it was confirmed already (or by its own clerk, which the database forbids). */
    async confirmBatch(batchId: string, confirmedBy: string, at: Date): Promise<boolean> {
      const rows = await db
        .updateTable('budget_batches')
        .set({ confirmed_by: confirmedBy, confirmed_at: at })
        .where('id', '=', batchId)
        .where('confirmed_at', 'is', null)
        .where((eb) => eb.or([eb('entered_by', 'is', null), eb('entered_by', '<>', confirmedBy)]))
        .executeTakeFirst();
      return Number(rows.numUpdatedRows) === 1;
    },

    listBatches(phaseId: string) {
      return db.selectFrom('budget_batches').selectAll().where('phase_id', '=', phaseId).orderBy('entered_at').orderBy('label').execute();
    },

    /**
     * The ballots of a budget that count: online, Pabulib, and paper or CSV batches a second person confirmed;
     * a Pabulib row with its weight and its voters' ids (voterRefs; voterRef is then null).
     * `projects` comes as one comma-separated text (parsing 90,000 uuid arrays row by row is slower).
     */
    async countedBallots(budgetId: string): Promise<{ id: string; voterId: string | null; source: BallotSource; voterRef: string | null; voterRefs: string[] | null; weight: number; receipt: string | null; projects: string[]; points: number[] | null }[]> {
      const rows = await db
        .selectFrom('budget_ballots as b')
        .leftJoin('budget_batches as t', 't.id', 'b.batch_id')
        .select(['b.id', 'b.voter_id', 'b.source', 'b.voter_ref', 'b.voter_refs', 'b.weight', 'b.receipt', 'b.points', sql<string>`array_to_string(b.projects, ',')`.as('projects')])
        .where('b.budget_id', '=', budgetId)
        .where((eb) => eb.or([eb('b.source', 'in', ['online', 'pabulib']), eb('t.confirmed_at', 'is not', null)]))
        .orderBy('b.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        voterId: r.voter_id,
        source: r.source,
        voterRef: r.voter_ref,
        voterRefs: r.voter_refs,
        weight: r.weight,
        receipt: r.receipt,
        projects: r.projects === '' ? [] : r.projects.split(','),
        points: r.points,
      }));
    },

    /**
     * The same ballots grouped: each different ballot once, with how many cast it (enough for a tally without
     * per-voter explanations, and about a quarter of the rows for a large city).
     */
    async countedBallotGroups(budgetId: string): Promise<{ projects: string[]; points: number[] | null; count: number }[]> {
      const rows = await db
        .selectFrom('budget_ballots as b')
        .leftJoin('budget_batches as t', 't.id', 'b.batch_id')
        .select(['b.points', sql<string>`array_to_string(b.projects, ',')`.as('projects'), sql<number>`sum(b.weight)::int`.as('count')])
        .where('b.budget_id', '=', budgetId)
        .where((eb) => eb.or([eb('b.source', 'in', ['online', 'pabulib']), eb('t.confirmed_at', 'is not', null)]))
        .groupBy(['b.projects', 'b.points'])
        .execute();
      // Ordered here rather than by the database (whose sort of 23,571 texts spilled to disk for Łódź), by code
      // unit, so the order does not depend on the database's collation.
      const key = (r: { projects: string; points: number[] | null }) => (r.points === null ? r.projects : `${r.projects}|${r.points.join(',')}`);
      const keyed = rows.map((r) => ({ key: key(r), r }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return keyed.map(({ r }) => ({ projects: r.projects === '' ? [] : r.projects.split(','), points: r.points, count: r.count }));
    },

    /** The people who voted online in a phase (told when its results are published). */
    async onlineVoters(phaseId: string): Promise<string[]> {
      const rows = await db.selectFrom('budget_ballots').select('voter_id').distinct().where('phase_id', '=', phaseId).where('source', '=', 'online').where('voter_id', 'is not', null).execute();
      return rows.flatMap((r) => (r.voter_id === null ? [] : [r.voter_id]));
    },

    /** Stores a computed result; published at once when `publishedAt` is given. */
    async insertResult(input: { phaseId: string; budgetId: string; rule: BudgetingRule; params: Record<string, unknown>; ballotsHash: string; ballotCount: number; result: Record<string, unknown>; computedBy: string | null; computedAt: Date; publishedAt: Date | null }): Promise<string> {
      const row = await db
        .insertInto('budget_results')
        .values({
          phase_id: input.phaseId,
          budget_id: input.budgetId,
          rule: input.rule,
          params: JSON.stringify(input.params),
          ballots_hash: input.ballotsHash,
          ballot_count: input.ballotCount,
          result: JSON.stringify(input.result),
          computed_by: input.computedBy,
          computed_at: input.computedAt,
          published_at: input.publishedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The latest published result of a budget, if any. */
    latestPublished(budgetId: string) {
      return db
        .selectFrom('budget_results')
        .selectAll()
        .where('budget_id', '=', budgetId)
        .where('published_at', 'is not', null)
        .orderBy('published_at', 'desc')
        .orderBy('computed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type BudgetingResultsRepository = ReturnType<typeof budgetingResultsRepository>;
