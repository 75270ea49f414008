import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { PanelAnnouncement, PanelCategory, PanelSelection, SessionMode } from './panels.tables.ts';
import { panelsPoolRepository } from './panels.pool.repository.ts';
import { panelsWorkspaceRepository } from './panels.workspace.repository.ts';
import { panelsRoundsRepository } from './panels.rounds.repository.ts';

type Executor = Db | Transaction<Database>;

/**
 * The only place with SQL for citizens' panels: the panel itself, its staff, sessions and followers here,
 * the pool (`panels.pool.repository.ts`) and the workspace (`panels.workspace.repository.ts`) beside it.
 */
export function panelsRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    findPanel(id: string) {
      return db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findPanelOfProcess(processId: string) {
      return db.selectFrom('panels').selectAll().where('process_id', '=', processId).executeTakeFirst();
    },

    lockPanel(trx: Executor, id: string) {
      return trx.selectFrom('panels').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async insertPanel(input: { processId: string; title: string; createdBy: string; consentText: string }): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('panels')
          .values({ process_id: input.processId, title: input.title, created_by: input.createdBy, consent_text: input.consentText })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('panel_staff').values({ panel_id: row.id, user_id: input.createdBy, role: 'administrator' }).execute();
        return row.id;
      });
    },

    async updatePanel(
      id: string,
      set: Partial<{
        title: string;
        size: number;
        household_rule: boolean;
        approval_percent: number;
        consent_text: string;
        ends_on: string | null;
        delete_pool_on: string | null;
        categories: readonly PanelCategory[];
        stratify_by_area: boolean;
        selection: PanelSelection | null;
        selection_job_id: string | null;
        lottery_text: string | null;
        lottery_hash: string | null;
        hash_published_at: Date | null;
        report_published_at: Date | null;
      }>,
      trx: Executor = db,
    ) {
      const { categories, selection, ...rest } = set;
      await trx
        .updateTable('panels')
        .set({
          ...rest,
          ...(categories !== undefined ? { categories: JSON.stringify(categories) } : {}),
          ...(selection !== undefined ? { selection: selection === null ? null : JSON.stringify(selection) } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async staffRole(panelId: string, userId: string): Promise<'administrator' | 'facilitator' | null> {
      const row = await db.selectFrom('panel_staff').select('role').where('panel_id', '=', panelId).where('user_id', '=', userId).executeTakeFirst();
      return row?.role ?? null;
    },

    async isCreator(panelId: string, userId: string): Promise<boolean> {
      return (await db.selectFrom('panels').select('id').where('id', '=', panelId).where('created_by', '=', userId).executeTakeFirst()) !== undefined;
    },

    /** The panel's named administrators, oldest first. */
    administrators(panelId: string) {
      return db
        .selectFrom('panel_staff')
        .select(['user_id', 'added_by', 'added_at'])
        .where('panel_id', '=', panelId)
        .where('role', '=', 'administrator')
        .orderBy('added_at')
        .orderBy('user_id')
        .execute();
    },

    /** Names an administrator (a facilitator becomes one); false when already named. */
    async addAdministrator(panelId: string, userId: string, by: string): Promise<boolean> {
      const result = await db
        .insertInto('panel_staff')
        .values({ panel_id: panelId, user_id: userId, role: 'administrator', added_by: by })
        .onConflict((oc) => oc.columns(['panel_id', 'user_id']).doUpdateSet({ role: 'administrator', added_by: by }).where('panel_staff.role', '<>', 'administrator'))
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async removeAdministrator(panelId: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom('panel_staff').where('panel_id', '=', panelId).where('user_id', '=', userId).where('role', '=', 'administrator').executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Sets the panel's quorum (null: the default) and, separately, its registration session. */
    async setQuorum(panelId: string, quorum: number | null) {
      await db.updateTable('panels').set({ quorum }).where('id', '=', panelId).execute();
    },

    async setRegistrationSession(panelId: string, until: Date | null, by: string | null) {
      await db.updateTable('panels').set({ registration_session_until: until, registration_session_by: by }).where('id', '=', panelId).execute();
    },

    sessions(panelId: string) {
      return db.selectFrom('panel_sessions').selectAll().where('panel_id', '=', panelId).orderBy('starts_at').orderBy('id').execute();
    },

    async insertSession(input: { panelId: string; title: string; startsAt: Date; endsAt: Date; mode: SessionMode; place: string; streamUrl: string; programme: string }) {
      const row = await db
        .insertInto('panel_sessions')
        .values({ panel_id: input.panelId, title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, mode: input.mode, place: input.place, stream_url: input.streamUrl, programme: input.programme })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async deleteSession(panelId: string, sessionId: string): Promise<boolean> {
      const result = await db.deleteFrom('panel_sessions').where('panel_id', '=', panelId).where('id', '=', sessionId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Records the invitation lottery on the panel: its seed, when it was drawn, and whether by area. */
    async recordInvitationDraw(trx: Executor, panelId: string, input: { seed: string; at: Date; stratify: boolean }) {
      await trx.updateTable('panels').set({ invitation_seed: input.seed, invitations_drawn_at: input.at, stratify_by_area: input.stratify }).where('id', '=', panelId).execute();
    },

    /**
     * Records the announcement of the draw: when, the seed's source and earliest time, the pool's hash and what
     * the public record needs (see `PanelAnnouncement`).
     */
    async recordAnnouncement(trx: Executor, panelId: string, input: { at: Date; seedSource: string; notBefore: Date; poolHash: string; announcement: PanelAnnouncement }) {
      await trx
        .updateTable('panels')
        .set({ hash_published_at: input.at, seed_source: input.seedSource, seed_not_before: input.notBefore, pool_hash: input.poolHash, announcement: JSON.stringify(input.announcement) })
        .where('id', '=', panelId)
        .execute();
    },

    /** Records the transparent draw on the panel: the public seed, the index it gave, and when. */
    async recordDraw(trx: Executor, panelId: string, input: { publicSeed: string; index: number; at: Date }) {
      await trx.updateTable('panels').set({ public_seed: input.publicSeed, drawn_index: input.index, drawn_at: input.at }).where('id', '=', panelId).execute();
    },

    async follow(panelId: string, userId: string, on: boolean) {
      if (on) await db.insertInto('panel_followers').values({ panel_id: panelId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
      else await db.deleteFrom('panel_followers').where('panel_id', '=', panelId).where('user_id', '=', userId).execute();
    },

    async isFollowing(panelId: string, userId: string): Promise<boolean> {
      return (await db.selectFrom('panel_followers').select('user_id').where('panel_id', '=', panelId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    },

    async followers(panelId: string): Promise<string[]> {
      return (await db.selectFrom('panel_followers').select('user_id').where('panel_id', '=', panelId).execute()).map((r) => r.user_id);
    },

    /** Panels whose pool is due for deletion. */
    async panelsToPurge(today: string): Promise<string[]> {
      const rows = await db.selectFrom('panels').select('id').where('delete_pool_on', '<=', today).where('pool_deleted_at', 'is', null).execute();
      return rows.map((r) => r.id);
    },

    ...panelsPoolRepository(db),
    ...panelsWorkspaceRepository(db),
    ...panelsRoundsRepository(db),
  };
}

export type PanelsRepository = ReturnType<typeof panelsRepository>;
