import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FactStatus, RecommendationDecision } from './stakeholders.tables.ts';

/** The only place with SQL for stakeholder panels, invitations, facts, steps, meetings and recommendations. */
export function stakeholdersRepository(db: Db) {
  return {
    findPanel: (id: string) => db.selectFrom('stakeholder_panels').selectAll().where('id', '=', id).executeTakeFirst(),
    panelByPhase: (phaseId: string) => db.selectFrom('stakeholder_panels').selectAll().where('phase_id', '=', phaseId).executeTakeFirst(),
    panelsOfProcess: (processId: string) => db.selectFrom('stakeholder_panels').selectAll().where('process_id', '=', processId).orderBy('created_at').execute(),

    async upsertPanel(phaseId: string, processId: string, inviteLimit: number): Promise<string> {
      const row = await db
        .insertInto('stakeholder_panels')
        .values({ phase_id: phaseId, process_id: processId, invite_limit: inviteLimit })
        .onConflict((oc) => oc.constraint('stakeholder_panels_phase_unique').doUpdateSet({ invite_limit: inviteLimit }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    stakeholders: (panelId: string) => db.selectFrom('stakeholders').selectAll().where('panel_id', '=', panelId).orderBy('invited_at').orderBy('id').execute(),
    stakeholderById: (id: string) => db.selectFrom('stakeholders').selectAll().where('id', '=', id).executeTakeFirst(),
    stakeholderByUser: (panelId: string, userId: string) => db.selectFrom('stakeholders').selectAll().where('panel_id', '=', panelId).where('user_id', '=', userId).executeTakeFirst(),
    stakeholderByToken: (tokenHash: string) => db.selectFrom('stakeholders').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    invitationEmails: (panelId: string) => db.selectFrom('stakeholder_invitation_emails').select(['stakeholder_id', 'email']).where('panel_id', '=', panelId).execute(),

    /**
     * Adds an invitation. A stakeholder who invites spends one of their invitations in the same transaction
     * (the row is locked), so the limit holds under concurrent requests. Returns 'limit' or 'duplicate' when
     * refused.
     */
    async insertInvitation(input: { panelId: string; role: string; email: string; tokenHash: string; invitesLeft: number; byStakeholder: string | null; byUser: string | null }): Promise<string | 'limit' | 'duplicate'> {
      return db.transaction().execute(async (trx) => {
        if (input.byStakeholder) {
          const spent = await trx
            .updateTable('stakeholders')
            .set((eb) => ({ invites_left: eb('invites_left', '-', 1) }))
            .where('id', '=', input.byStakeholder)
            .where('invites_left', '>', 0)
            .executeTakeFirst();
          if (Number(spent.numUpdatedRows) === 0) return 'limit';
        }
        const taken = await trx
          .selectFrom('stakeholder_invitation_emails')
          .select('stakeholder_id')
          .where('panel_id', '=', input.panelId)
          .where(sql`lower(email)`, '=', input.email.toLowerCase())
          .executeTakeFirst();
        if (taken) {
          // Give the spent invitation back by failing the whole transaction's effect.
          throw new DuplicateInvitation();
        }
        const row = await trx
          .insertInto('stakeholders')
          .values({ panel_id: input.panelId, role: input.role, token_hash: input.tokenHash, invites_left: input.invitesLeft, invited_by_stakeholder: input.byStakeholder, invited_by_user: input.byUser })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('stakeholder_invitation_emails').values({ stakeholder_id: row.id, panel_id: input.panelId, email: input.email }).execute();
        return row.id;
      }).catch((error: unknown) => {
        if (error instanceof DuplicateInvitation) return 'duplicate' as const;
        throw error;
      });
    },

    async insertJoined(input: { panelId: string; userId: string; role: string; name: string; speaksFor: string; introduction: string; invitesLeft: number }) {
      const row = await db
        .insertInto('stakeholders')
        .values({ panel_id: input.panelId, user_id: input.userId, role: input.role, name: input.name, speaks_for: input.speaksFor, introduction: input.introduction, invites_left: input.invitesLeft, joined_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Uses an invitation: links the account, stores the introduction, and forgets the token. */
    async acceptInvitation(id: string, input: { userId: string; name: string; speaksFor: string; introduction: string }): Promise<boolean> {
      const result = await db
        .updateTable('stakeholders')
        .set({ user_id: input.userId, name: input.name, speaks_for: input.speaksFor, introduction: input.introduction, joined_at: new Date(), token_hash: null })
        .where('id', '=', id)
        .where('token_hash', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updateIntroduction(id: string, input: { name: string; speaksFor: string; introduction: string }) {
      await db.updateTable('stakeholders').set({ name: input.name, speaks_for: input.speaksFor, introduction: input.introduction }).where('id', '=', id).execute();
    },

    steps: (panelId: string) => db.selectFrom('stakeholder_steps').selectAll().where('panel_id', '=', panelId).orderBy('happens_on').orderBy('created_at').execute(),
    async insertStep(panelId: string, input: { title: string; description: string; happensOn: string }) {
      const row = await db.insertInto('stakeholder_steps').values({ panel_id: panelId, title: input.title, description: input.description, happens_on: input.happensOn }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    facts: (panelId: string) => db.selectFrom('facts').selectAll().where('panel_id', '=', panelId).orderBy('number').execute(),
    findFact: (id: string) => db.selectFrom('facts').selectAll().where('id', '=', id).executeTakeFirst(),
    sourcesOf: async (factIds: readonly string[]) =>
      factIds.length === 0 ? [] : db.selectFrom('fact_sources').selectAll().where('fact_id', 'in', factIds).orderBy('fact_id').orderBy('position').execute(),

    async insertFact(input: { id: string; panelId: string; stakeholderId: string; disputes: string | null; title: string; body: string; sources: readonly StoredSource[] }) {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('stakeholder_panels').select('id').where('id', '=', input.panelId).forUpdate().execute();
        const next = await trx.selectFrom('facts').select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n')).where('panel_id', '=', input.panelId).executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('facts')
          .values({ id: input.id, panel_id: input.panelId, number: Number(next.n) + 1, stakeholder_id: input.stakeholderId, disputes_fact_id: input.disputes, title: input.title, body: input.body })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await trx.insertInto('fact_sources').values(sourceRows(row.id, input.sources)).execute();
        return row;
      });
    },

    /**
     * Replaces the text and sources of a fact that was sent back for changes and returns it to review. False
     * (and nothing changed) when the fact is no longer waiting for changes, e.g. after a second, parallel revision.
     */
    async reviseFact(id: string, input: { title: string; body: string; sources: readonly StoredSource[] }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('facts').set({ title: input.title, body: input.body, status: 'submitted', updated_at: new Date() }).where('id', '=', id).where('status', '=', 'changes_requested').executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await trx.deleteFrom('fact_sources').where('fact_id', '=', id).execute();
        await trx.insertInto('fact_sources').values(sourceRows(id, input.sources)).execute();
        return true;
      });
    },

    async reviewFact(id: string, status: FactStatus, reason: string | null, reviewer: string | null) {
      await db.updateTable('facts').set({ status, review_reason: reason, reviewed_by: reviewer, reviewed_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    },

    meetings: (panelId: string) => db.selectFrom('stakeholder_meetings').selectAll().where('panel_id', '=', panelId).orderBy('starts_at').execute(),
    findMeeting: (id: string) => db.selectFrom('stakeholder_meetings').selectAll().where('id', '=', id).executeTakeFirst(),
    async insertMeeting(panelId: string, input: { title: string; startsAt: Date; streamUrl: string | null; place: string | null; agenda: string }) {
      const row = await db
        .insertInto('stakeholder_meetings')
        .values({ panel_id: panelId, title: input.title, starts_at: input.startsAt, stream_url: input.streamUrl, place: input.place, agenda: input.agenda })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async setMinutes(id: string, minutes: string) {
      await db.updateTable('stakeholder_meetings').set({ minutes, minutes_published_at: new Date() }).where('id', '=', id).execute();
    },

    recommendations: (panelId: string) => db.selectFrom('recommendations').selectAll().where('panel_id', '=', panelId).orderBy('number').execute(),
    findRecommendation: (id: string) => db.selectFrom('recommendations').selectAll().where('id', '=', id).executeTakeFirst(),
    linksOf: async (ids: readonly string[]) => (ids.length === 0 ? [] : db.selectFrom('recommendation_links').selectAll().where('recommendation_id', 'in', ids).execute()),

    async insertRecommendation(input: { panelId: string; meetingId: string | null; title: string; body: string; draftedBy: string; links: readonly { kind: 'statement' | 'fact'; targetId: string }[] }) {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('stakeholder_panels').select('id').where('id', '=', input.panelId).forUpdate().execute();
        const next = await trx.selectFrom('recommendations').select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n')).where('panel_id', '=', input.panelId).executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('recommendations')
          .values({ panel_id: input.panelId, meeting_id: input.meetingId, number: Number(next.n) + 1, title: input.title, body: input.body, drafted_by: input.draftedBy })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await trx.insertInto('recommendation_versions').values({ recommendation_id: row.id, version: 1, title: input.title, body: input.body, author_id: input.draftedBy }).execute();
        if (input.links.length > 0) await trx.insertInto('recommendation_links').values(input.links.map((l) => ({ recommendation_id: row.id, kind: l.kind, target_id: l.targetId }))).execute();
        return row;
      });
    },

    /** Records the answer to a sent recommendation once; false when it was already answered. */
    async decide(id: string, decision: RecommendationDecision, reason: string, by: string | null): Promise<boolean> {
      const result = await db.updateTable('recommendations').set({ decision, decision_reason: reason, decided_by: by, decided_at: new Date() }).where('id', '=', id).where('decision', 'is', null).where('sent_at', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async stakeholderUsers(panelId: string): Promise<string[]> {
      const rows = await db.selectFrom('stakeholders').select('user_id').where('panel_id', '=', panelId).where('user_id', 'is not', null).execute();
      return rows.map((r) => r.user_id).filter((id): id is string => id !== null);
    },
  };
}

class DuplicateInvitation extends Error {}

/** A source as stored: a document may hold an uploaded file. */
export interface StoredSource {
  readonly kind: 'link' | 'document';
  readonly title: string;
  readonly url: string | null;
  readonly fileId: string | null;
}

function sourceRows(factId: string, sources: readonly StoredSource[]) {
  return sources.map((s, position) => ({ fact_id: factId, kind: s.kind, title: s.title, url: s.url, file_id: s.fileId, position }));
}
