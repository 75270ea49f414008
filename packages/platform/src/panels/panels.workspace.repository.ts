import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Decision, ItemKind, RecommendationStatus, VoteChoice } from './panels.tables.ts';

type Executor = Db | Transaction<Database>;

/**
 * The workspace of a panel: materials and notes, recommendations, amendments, votes and the decision-maker's
 * responses. Part of `panelsRepository`.
 */
export function panelsWorkspaceRepository(db: Db) {
  return {
    items(panelId: string) {
      return db
        .selectFrom('panel_items')
        .select(['id', 'session_id', 'kind', 'title', 'body', 'link', 'source', 'small_group', 'created_at'])
        .where('panel_id', '=', panelId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async insertItem(input: { panelId: string; sessionId: string | null; kind: ItemKind; title: string; body: string; link: string; source: string; smallGroup: string; authorId: string }) {
      const row = await db
        .insertInto('panel_items')
        .values({ panel_id: input.panelId, session_id: input.sessionId, kind: input.kind, title: input.title, body: input.body, link: input.link, source: input.source, small_group: input.smallGroup, author_id: input.authorId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    recommendations(panelId: string) {
      return db
        .selectFrom('panel_recommendations as r')
        .leftJoin('panel_responses as a', 'a.recommendation_id', 'r.id')
        .select([
          'r.id',
          'r.number',
          'r.title',
          'r.body',
          'r.status',
          'r.yes_votes',
          'r.no_votes',
          'r.abstentions',
          'r.members',
          'r.quorum',
          'a.decision',
          'a.reasons',
          'a.decided_on',
          'a.progress_percent',
          'a.progress_note',
        ])
        .where('r.panel_id', '=', panelId)
        .orderBy('r.number')
        .execute();
    },

    findRecommendation(trx: Executor, id: string, lock = false) {
      let query = trx.selectFrom('panel_recommendations').selectAll().where('id', '=', id);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async insertRecommendation(trx: Executor, input: { panelId: string; title: string; body: string; by: string }) {
      const next = await trx
        .selectFrom('panel_recommendations')
        .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
        .where('panel_id', '=', input.panelId)
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('panel_recommendations')
        .values({ panel_id: input.panelId, number: Number(next.n) + 1, title: input.title, body: input.body, created_by: input.by })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      return row;
    },

    async updateRecommendation(trx: Executor, id: string, set: { body?: string; status?: RecommendationStatus; yes_votes?: number; no_votes?: number; abstentions?: number; members?: number; quorum?: number }) {
      await trx.updateTable('panel_recommendations').set(set).where('id', '=', id).execute();
    },

    amendments(panelId: string) {
      return db
        .selectFrom('panel_amendments as a')
        .innerJoin('panel_recommendations as r', 'r.id', 'a.recommendation_id')
        .select(['a.id', 'a.recommendation_id', 'a.body', 'a.rationale', 'a.status', 'a.created_at'])
        .where('r.panel_id', '=', panelId)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .execute();
    },

    async insertAmendment(input: { recommendationId: string; body: string; rationale: string; by: string }) {
      const row = await db
        .insertInto('panel_amendments')
        .values({ recommendation_id: input.recommendationId, body: input.body, rationale: input.rationale, author_id: input.by })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findAmendment(trx: Executor, id: string) {
      return trx.selectFrom('panel_amendments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async setAmendmentStatus(trx: Executor, id: string, status: 'accepted' | 'rejected') {
      await trx.updateTable('panel_amendments').set({ status }).where('id', '=', id).execute();
    },

    /** Inserts a vote; false when this member has already voted on it (the primary key says so). */
    async insertVote(trx: Executor, input: { recommendationId: string; respondentId: string; choice: VoteChoice }): Promise<boolean> {
      const result = await sql`
        INSERT INTO panel_votes (recommendation_id, respondent_id, choice) VALUES (${input.recommendationId}, ${input.respondentId}, ${input.choice})
        ON CONFLICT ON CONSTRAINT panel_votes_once DO NOTHING`.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    async tally(trx: Executor, recommendationId: string) {
      const rows = await trx
        .selectFrom('panel_votes')
        .select((eb) => ['choice', eb.fn.countAll<string>().as('n')])
        .where('recommendation_id', '=', recommendationId)
        .groupBy('choice')
        .execute();
      const count = (choice: VoteChoice) => Number(rows.find((r) => r.choice === choice)?.n ?? 0);
      return { yes: count('yes'), no: count('no'), abstain: count('abstain') };
    },

    /** Members on the panel now: selected or confirmed (drop-outs have left). */
    async memberCount(trx: Executor, panelId: string): Promise<number> {
      const row = await trx
        .selectFrom('panel_respondents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('panel_id', '=', panelId)
        .where('status', 'in', ['selected', 'confirmed'])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    votesOf(panelId: string, respondentId: string) {
      return db
        .selectFrom('panel_votes as v')
        .innerJoin('panel_recommendations as r', 'r.id', 'v.recommendation_id')
        .select(['v.recommendation_id', 'v.choice'])
        .where('r.panel_id', '=', panelId)
        .where('v.respondent_id', '=', respondentId)
        .execute();
    },

    async upsertResponse(input: { recommendationId: string; decision: Decision; reasons: string; decidedOn: string; progressPercent: number | null; progressNote: string; by: string }) {
      await db
        .insertInto('panel_responses')
        .values({
          recommendation_id: input.recommendationId,
          decision: input.decision,
          reasons: input.reasons,
          decided_on: input.decidedOn,
          progress_percent: input.progressPercent,
          progress_note: input.progressNote,
          answered_by: input.by,
        })
        .onConflict((oc) =>
          oc.column('recommendation_id').doUpdateSet({
            decision: input.decision,
            reasons: input.reasons,
            decided_on: input.decidedOn,
            progress_percent: input.progressPercent,
            progress_note: input.progressNote,
            answered_by: input.by,
            updated_at: new Date(),
          }),
        )
        .execute();
    },
  };
}
