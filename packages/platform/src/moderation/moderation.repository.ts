import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ModeratedType } from '../shared/moderation-gate.ts';
import type { DecisionAction, ReportReason } from './moderation.tables.ts';

/** An item named by its kind and id. */
export interface ItemKey {
  readonly type: ModeratedType;
  readonly id: string;
}

/** The only place with SQL for reports, decisions and blocks. */
export function moderationRepository(db: Db) {
  return {
    /** Adds a report; false when this person already reported the item. */
    async addReport(input: { item: ItemKey; processId: string | null; reporterId: string; reason: ReportReason; text: string | null; at: Date }): Promise<boolean> {
      const row = await db
        .insertInto('moderation_reports')
        .values({ target_type: input.item.type, target_id: input.item.id, process_id: input.processId, reporter_id: input.reporterId, reason: input.reason, text: input.text, created_at: input.at })
        .onConflict((oc) => oc.columns(['target_type', 'target_id', 'reporter_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Open reports, oldest first: of some items, or of every item in some processes (or all: null). */
    openReports(filter: { items?: readonly ItemKey[]; processIds: readonly string[] | null }) {
      let q = db
        .selectFrom('moderation_reports')
        .select(['id', 'target_type', 'target_id', 'process_id', 'reporter_id', 'reason', 'text', 'created_at'])
        .where('resolved_at', 'is', null);
      if (filter.processIds) q = q.where('process_id', '=', sql<string>`any(${[...filter.processIds]}::uuid[])`);
      if (filter.items) {
        const items = filter.items;
        if (items.length === 0) return Promise.resolve([]);
        q = q.where((eb) => eb.or(items.map((i) => eb.and([eb('target_type', '=', i.type), eb('target_id', '=', i.id)]))));
      }
      return q.orderBy('created_at').orderBy('id').execute();
    },

    /** Open reports on a process's ideas: how many per idea. */
    async openIdeaReportCounts(processId: string): Promise<{ target_id: string; n: string }[]> {
      return db
        .selectFrom('moderation_reports')
        .select(['target_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('resolved_at', 'is', null)
        .where('process_id', '=', processId)
        .where('target_type', '=', 'idea')
        .groupBy('target_id')
        .execute();
    },

    /** Closes an item's open reports. */
    async resolveReports(item: ItemKey, actorId: string, at: Date): Promise<void> {
      await db
        .updateTable('moderation_reports')
        .set({ resolved_at: at, resolved_by: actorId })
        .where('target_type', '=', item.type)
        .where('target_id', '=', item.id)
        .where('resolved_at', 'is', null)
        .execute();
    },

    async addDecision(input: { item: ItemKey; processId: string | null; authorId: string | null; action: DecisionAction; actorId: string; reason: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('moderation_decisions')
        .values({ target_type: input.item.type, target_id: input.item.id, process_id: input.processId, author_id: input.authorId, action: input.action, actor_id: input.actorId, reason: input.reason, created_at: input.at })
        .execute();
    },

    /** The latest decision on each of some items. */
    async latestDecisions(items: readonly ItemKey[]) {
      if (items.length === 0) return [];
      return db
        .selectFrom('moderation_decisions')
        .distinctOn(['target_type', 'target_id'])
        .select(['target_type', 'target_id', 'action', 'actor_id', 'reason', 'created_at'])
        .where((eb) => eb.or(items.map((i) => eb.and([eb('target_type', '=', i.type), eb('target_id', '=', i.id)]))))
        .orderBy('target_type')
        .orderBy('target_id')
        .orderBy('seq', 'desc')
        .execute();
    },

    /** Items whose latest decision is an author's request for review, oldest request first. */
    async reviewRequests(processIds: readonly string[] | null) {
      const latest = db
        .selectFrom('moderation_decisions')
        .distinctOn(['target_type', 'target_id'])
        .select(['target_type', 'target_id', 'process_id', 'action', 'created_at'])
        .orderBy('target_type')
        .orderBy('target_id')
        .orderBy('seq', 'desc')
        .as('latest');
      let q = db.selectFrom(latest).select(['target_type', 'target_id', 'created_at']).where('action', '=', 'review_requested');
      if (processIds) q = q.where('process_id', '=', sql<string>`any(${[...processIds]}::uuid[])`);
      return q.orderBy('created_at').execute();
    },

    /** How many of each author's items moderators hid, and their blocks so far. */
    async authorHistory(authorIds: readonly string[]) {
      if (authorIds.length === 0) return { hidden: [], blocks: [] };
      const ids = sql<string>`any(${[...authorIds]}::uuid[])`;
      const hidden = await db
        .selectFrom('moderation_decisions')
        .select(['author_id', 'target_type', 'target_id', 'reason', 'created_at'])
        .where('author_id', '=', ids)
        .where('action', '=', 'hidden')
        .orderBy('created_at', 'desc')
        .execute();
      const blocks = await db.selectFrom('moderation_blocks').select(['user_id', 'reason', 'created_at', 'ends_at', 'lifted_at']).where('user_id', '=', ids).orderBy('created_at', 'desc').execute();
      return { hidden, blocks };
    },

    /** Reports and decisions on some items of one kind: items reported, reports, and items per decision taken. */
    async recordOf(type: ModeratedType, ids: readonly string[]): Promise<{ reported: number; reports: number; approved: number; hidden: number; restored: number }> {
      if (ids.length === 0) return { reported: 0, reports: 0, approved: 0, hidden: 0, restored: 0 };
      const targets = sql<string>`any(${[...ids]}::text[])`;
      const [reports, decisions] = await Promise.all([
        db
          .selectFrom('moderation_reports')
          .select([(eb) => eb.fn.count<string>('target_id').distinct().as('items'), (eb) => eb.fn.countAll<string>().as('n')])
          .where('target_type', '=', type)
          .where('target_id', '=', targets)
          .executeTakeFirst(),
        db
          .selectFrom('moderation_decisions')
          .select(['action', (eb) => eb.fn.count<string>('target_id').distinct().as('items')])
          .where('target_type', '=', type)
          .where('target_id', '=', targets)
          .groupBy('action')
          .execute(),
      ]);
      const items = (action: DecisionAction) => Number(decisions.find((d) => d.action === action)?.items ?? 0);
      return { reported: Number(reports?.items ?? 0), reports: Number(reports?.n ?? 0), approved: items('approved'), hidden: items('hidden'), restored: items('restored') };
    },

    async addBlock(input: { userId: string; blockedBy: string; reason: string; endsAt: Date; at: Date }): Promise<void> {
      await db.insertInto('moderation_blocks').values({ user_id: input.userId, blocked_by: input.blockedBy, reason: input.reason, ends_at: input.endsAt, created_at: input.at }).execute();
    },

    /** Blocks in force at `now`: the latest end per person. */
    activeBlocks(now: Date) {
      return db
        .selectFrom('moderation_blocks')
        .select(['user_id', (eb) => eb.fn.max('ends_at').as('ends_at')])
        .where('ends_at', '>', now)
        .where('lifted_at', 'is', null)
        .groupBy('user_id')
        .execute();
    },
  };
}

export type ModerationRepository = ReturnType<typeof moderationRepository>;
