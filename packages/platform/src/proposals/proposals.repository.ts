import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProposalStage } from './proposals.tables.ts';

/** A proposals phase's rules as stored (defaults when staff have not set them). */
export interface SettingsRow {
  readonly threshold: number;
  readonly signingDays: number;
  readonly answerDays: number;
  readonly minAge: number | null;
  readonly areas: readonly string[];
}

export const defaultSettings: SettingsRow = { threshold: 300, signingDays: 90, answerDays: 60, minAge: null, areas: [] };

const proposalColumns = [
  'id',
  'process_id',
  'phase_id',
  'author_id',
  'title',
  'body',
  'decision',
  'area',
  'stage',
  'status',
  'threshold',
  'signature_count',
  'published_at',
  'deadline',
  'reached_at',
  'answer_due',
  'progress_percent',
  'hidden_at',
  'hidden_reason',
  'created_at',
] as const;

/** The only place with SQL for proposals, their co-authors, signatures, answers, milestones and phase rules. */
export function proposalsRepository(db: Db) {
  return {
    /** How many proposals (drafts too) a phase has. */
    async proposalCount(phaseId: string): Promise<number> {
      const row = await db.selectFrom('proposals').select((eb) => eb.fn.countAll<string>().as('n')).where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async settingsOf(phaseId: string): Promise<SettingsRow> {
      const row = await db.selectFrom('proposal_settings').selectAll().where('phase_id', '=', phaseId).executeTakeFirst();
      return row ? { threshold: row.threshold, signingDays: row.signing_days, answerDays: row.answer_days, minAge: row.min_age, areas: row.areas } : defaultSettings;
    },

    async saveSettings(phaseId: string, s: SettingsRow, at: Date): Promise<void> {
      const values = { threshold: s.threshold, signing_days: s.signingDays, answer_days: s.answerDays, min_age: s.minAge, areas: [...s.areas], updated_at: at };
      await db
        .insertInto('proposal_settings')
        .values({ phase_id: phaseId, ...values })
        .onConflict((oc) => oc.column('phase_id').doUpdateSet(values))
        .execute();
    },

    async insertProposal(input: { processId: string; phaseId: string; authorId: string; title: string; body: string; decision: string; area: string | null; at: Date }): Promise<string> {
      const row = await db
        .insertInto('proposals')
        .values({ process_id: input.processId, phase_id: input.phaseId, author_id: input.authorId, title: input.title, body: input.body, decision: input.decision, area: input.area, created_at: input.at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Changes a draft's text; false when it is no longer a draft. */
    async updateDraft(id: string, input: { title: string; body: string; decision: string; area: string | null }): Promise<boolean> {
      const result = await db.updateTable('proposals').set(input).where('id', '=', id).where('stage', '=', 'draft').executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteProposal(id: string): Promise<void> {
      await db.deleteFrom('proposals').where('id', '=', id).execute();
    },

    findProposal(id: string) {
      return db.selectFrom('proposals').select(proposalColumns).where('id', '=', id).executeTakeFirst();
    },

    /**
     * A phase's proposals a viewer may see: published ones not hidden, and the viewer's own (as author or
     * co-author) in any stage; most signatures first, then the nearest deadline.
     */
    listPhase(phaseId: string, viewerId: string | null, options: { includeHidden: boolean }) {
      let query = db.selectFrom('proposals').select(proposalColumns).where('phase_id', '=', phaseId);
      query = query.where((eb) => {
        const visible = eb.and([eb('stage', '<>', 'draft'), ...(options.includeHidden ? [] : [eb('hidden_at', 'is', null)])]);
        if (viewerId === null) return visible;
        return eb.or([
          visible,
          eb('author_id', '=', viewerId),
          eb('id', 'in', eb.selectFrom('proposal_coauthors').select('proposal_id').where('user_id', '=', viewerId).where('accepted_at', 'is not', null)),
        ]);
      });
      return query.orderBy('signature_count', 'desc').orderBy('deadline').orderBy('created_at').orderBy('id').execute();
    },

    /**
     * Every phase's published proposals a viewer may see (and the viewer's own drafts), for the municipality's
     * proposals section: most signatures first, then the nearest deadline.
     */
    listAll(viewerId: string | null, options: { includeHidden: boolean }) {
      let query = db.selectFrom('proposals').select(proposalColumns);
      query = query.where((eb) => {
        const visible = eb.and([eb('stage', '<>', 'draft'), ...(options.includeHidden ? [] : [eb('hidden_at', 'is', null)])]);
        if (viewerId === null) return visible;
        return eb.or([
          visible,
          eb('author_id', '=', viewerId),
          eb('id', 'in', eb.selectFrom('proposal_coauthors').select('proposal_id').where('user_id', '=', viewerId).where('accepted_at', 'is not', null)),
        ]);
      });
      return query.orderBy('signature_count', 'desc').orderBy('deadline').orderBy('created_at').orderBy('id').execute();
    },

    coauthorsOf(proposalIds: readonly string[]) {
      if (proposalIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('proposal_coauthors')
        .select(['proposal_id', 'email', 'user_id', 'accepted_at', 'invited_at'])
        .where('proposal_id', '=', sql<string>`any(${[...proposalIds]}::uuid[])`)
        .orderBy('invited_at')
        .orderBy('email')
        .execute();
    },

    /** Adds an invitation; false when this address was invited already. */
    async inviteCoauthor(input: { proposalId: string; email: string; invitedBy: string; at: Date }): Promise<boolean> {
      const rows = await db
        .insertInto('proposal_coauthors')
        .values({ proposal_id: input.proposalId, email: input.email, invited_by: input.invitedBy, invited_at: input.at })
        .onConflict((oc) => oc.columns(['proposal_id', 'email']).doNothing())
        .returning('email')
        .execute();
      return rows.length > 0;
    },

    /**
     * Accepts the invitation to this address while the proposal is a draft; false when there is none waiting or
     * the proposal is published (a co-author could otherwise have signed it first and then become its author).
     */
    async acceptInvitation(proposalId: string, email: string, userId: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('proposal_coauthors')
        .set({ user_id: userId, accepted_at: at })
        .where('proposal_id', '=', proposalId)
        .where(sql<boolean>`lower(email) = lower(${email})`)
        .where('accepted_at', 'is', null)
        .where((eb) => eb.exists(eb.selectFrom('proposals').select('proposals.id').where('proposals.id', '=', proposalId).where('proposals.stage', '=', 'draft')))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Publishes a draft: its deadline and the threshold in force; false when it was not a draft. */
    async publish(id: string, input: { at: Date; deadline: Date; threshold: number }): Promise<boolean> {
      const result = await db
        .updateTable('proposals')
        .set({ stage: 'collecting', published_at: input.at, deadline: input.deadline, threshold: input.threshold })
        .where('id', '=', id)
        .where('stage', '=', 'draft')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Adds a signature and counts it in one transaction; when it is the one that reaches the threshold the
     * proposal goes to the municipality (`reached`). `added: false` when the person had signed already.
     */
    sign(input: { proposalId: string; userId: string; showName: boolean; area: string | null; birthYear: number | null; at: Date; answerDue: Date }) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('proposal_signatures')
          .values({ proposal_id: input.proposalId, user_id: input.userId, show_name: input.showName, area: input.area, birth_year: input.birthYear, created_at: input.at })
          .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
          .returning('user_id')
          .execute();
        if (inserted.length === 0) return { added: false, reached: false, count: null };
        const row = await sql<{ signature_count: number; reached: boolean }>`
          UPDATE proposals SET
            signature_count = signature_count + 1,
            stage = CASE WHEN stage = 'collecting' AND signature_count + 1 >= threshold THEN 'submitted' ELSE stage END,
            reached_at = CASE WHEN stage = 'collecting' AND signature_count + 1 >= threshold THEN ${input.at} ELSE reached_at END,
            answer_due = CASE WHEN stage = 'collecting' AND signature_count + 1 >= threshold THEN ${input.answerDue} ELSE answer_due END
          WHERE id = ${input.proposalId}
          RETURNING signature_count, (stage = 'submitted' AND reached_at = ${input.at}) AS reached`.execute(trx);
        const updated = row.rows[0];
        return { added: true, reached: updated?.reached ?? false, count: updated?.signature_count ?? null };
      });
    },

    /**
     * Claims the proposals whose signing ended short of the threshold by `now` and whose people have not been
     * told: one statement marks them, so two workers never tell anyone twice.
     */
    claimExpired(now: Date) {
      return db
        .updateTable('proposals')
        .set({ expiry_noticed_at: now })
        .where('stage', '=', 'collecting')
        .where('deadline', '<=', now)
        .where('expiry_noticed_at', 'is', null)
        .returning(proposalColumns)
        .execute();
    },

    /** Removes one's signature and the count with it; false when there was none. */
    unsign(proposalId: string, userId: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const removed = await trx.deleteFrom('proposal_signatures').where('proposal_id', '=', proposalId).where('user_id', '=', userId).returning('user_id').execute();
        if (removed.length === 0) return false;
        await trx.updateTable('proposals').set((eb) => ({ signature_count: eb('signature_count', '-', 1) })).where('id', '=', proposalId).execute();
        return true;
      });
    },

    /** Which of these proposals the person signed, and whether they show their name. */
    async signaturesBy(userId: string, proposalIds: readonly string[]): Promise<Map<string, { showName: boolean }>> {
      if (proposalIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('proposal_signatures')
        .select(['proposal_id', 'show_name'])
        .where('user_id', '=', userId)
        .where('proposal_id', '=', sql<string>`any(${[...proposalIds]}::uuid[])`)
        .execute();
      return new Map(rows.map((r) => [r.proposal_id, { showName: r.show_name }]));
    },

    /** Everyone who signed a proposal (to tell them what happens to it). */
    async signerIds(proposalId: string): Promise<string[]> {
      return (await db.selectFrom('proposal_signatures').select('user_id').where('proposal_id', '=', proposalId).orderBy('user_id').execute()).map((r) => r.user_id);
    },

    /** The signers who chose to show their name, earliest first. */
    async shownSignerIds(proposalId: string): Promise<string[]> {
      const rows = await db.selectFrom('proposal_signatures').select('user_id').where('proposal_id', '=', proposalId).where('show_name', '=', true).orderBy('created_at').orderBy('user_id').execute();
      return rows.map((r) => r.user_id);
    },

    /** Signatures counted by the area and year of birth signers had when signing. */
    signatureGroups(proposalId: string) {
      return db
        .selectFrom('proposal_signatures')
        .select(['area', 'birth_year', (eb) => eb.fn.countAll<string>().as('n')])
        .where('proposal_id', '=', proposalId)
        .groupBy(['area', 'birth_year'])
        .execute();
    },

    /** Records the municipality's answer and gives the proposal its status (and progress) in one transaction. */
    answer(input: { proposalId: string; status: string; body: string | null; authorId: string; authorName: string; authorRole: string; progress: number | null | undefined; at: Date }) {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('proposal_answers')
          .values({ proposal_id: input.proposalId, status: input.status, body: input.body, author_id: input.authorId, author_name: input.authorName, author_role: input.authorRole, created_at: input.at })
          .execute();
        await trx
          .updateTable('proposals')
          .set({ status: input.status, stage: 'answered', ...(input.progress === undefined ? {} : { progress_percent: input.progress }) })
          .where('id', '=', input.proposalId)
          .execute();
      });
    },

    addMilestone(input: { proposalId: string; title: string; date: string; progress: number; authorId: string }) {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('proposal_milestones')
          .values({ proposal_id: input.proposalId, title: input.title, happened_on: input.date, progress_percent: input.progress, author_id: input.authorId })
          .execute();
        await trx.updateTable('proposals').set({ progress_percent: input.progress }).where('id', '=', input.proposalId).execute();
      });
    },

    answersOf(proposalId: string) {
      return db.selectFrom('proposal_answers').select(['status', 'body', 'author_name', 'author_role', 'created_at']).where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
    },

    milestonesOf(proposalId: string) {
      return db
        .selectFrom('proposal_milestones')
        .select(['title', 'happened_on', 'progress_percent'])
        .where('proposal_id', '=', proposalId)
        .orderBy('happened_on')
        .orderBy('created_at')
        .execute();
    },

    async setHidden(id: string, hidden: { reason: string; by: string } | null): Promise<void> {
      await db
        .updateTable('proposals')
        .set(hidden ? { hidden_at: new Date(), hidden_reason: hidden.reason, hidden_by: hidden.by } : { hidden_at: null, hidden_reason: null, hidden_by: null })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ProposalsRepository = ReturnType<typeof proposalsRepository>;
export type ProposalRow = NonNullable<Awaited<ReturnType<ProposalsRepository['findProposal']>>>;
export type { ProposalStage };
