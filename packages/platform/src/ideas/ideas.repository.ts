import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import type { Screening } from './ideas.tables.ts';

/** Idea list orders: newest, most supported, or a random order that stays the same for one seed. */
export type IdeaSort = 'newest' | 'supported' | 'random';

/** A location as the ideas table keeps it. */
export interface StoredLocation {
  readonly geometry: unknown;
  readonly lon: number;
  readonly lat: number;
  readonly label: string | null;
  readonly area: string | null;
}

/** The location columns of an idea. */
export function locationColumns(location: StoredLocation | null) {
  return {
    location: location ? JSON.stringify(location.geometry) : null,
    location_lon: location?.lon ?? null,
    location_lat: location?.lat ?? null,
    location_label: location?.label ?? null,
    location_area: location?.area ?? null,
  };
}

/** SQL for ideas, comments, supports and follows (moderation and edits: ideas.moderation.repository.ts). */
export function ideasRepository(db: Db) {
  const supports = createGroupCommit<{ ideaId: string; userId: string }, boolean>(db, {
    key: (s) => `${s.ideaId}:${s.userId}`,
    async write(trx, items) {
      const ideaIds = items.map((s) => s.ideaId);
      // The ideas' rows are locked in id order first, so two batches (or servers) counting supports of the same
      // ideas wait for each other instead of deadlocking.
      await sql`SELECT 1 FROM ideas WHERE id = ANY(${ideaIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`.execute(trx);
      const added = await sql<{ idea_id: string; user_id: string }>`
        WITH wanted AS (
          SELECT w.idea_id, w.user_id FROM unnest(${ideaIds}::uuid[], ${items.map((s) => s.userId)}::uuid[]) AS w(idea_id, user_id)
          JOIN ideas ON ideas.id = w.idea_id AND ideas.hidden_at IS NULL AND ideas.screening = 'published'
        ), added AS (
          INSERT INTO idea_supports (idea_id, user_id) SELECT idea_id, user_id FROM wanted
          ON CONFLICT (idea_id, user_id) DO NOTHING
          RETURNING idea_id, user_id
        ), counted AS (
          UPDATE ideas SET support_count = support_count + a.n FROM (SELECT idea_id, count(*)::int AS n FROM added GROUP BY idea_id) a WHERE ideas.id = a.idea_id
        ), followed AS (
          INSERT INTO idea_follows (idea_id, user_id) SELECT idea_id, user_id FROM added
          ON CONFLICT (idea_id, user_id) DO NOTHING
        )
        SELECT idea_id, user_id FROM added`.execute(trx);
      const done = new Set(added.rows.map((r) => `${r.idea_id}:${r.user_id}`));
      return items.map((s) => done.has(`${s.ideaId}:${s.userId}`));
    },
  });
  const ideaColumns = [
    'ideas.id',
    'ideas.process_id',
    'ideas.phase_id',
    'ideas.author_id',
    'ideas.title',
    'ideas.body',
    'ideas.category',
    'ideas.status',
    'ideas.screening',
    'ideas.hidden_at',
    'ideas.hidden_reason',
    'ideas.support_count',
    'ideas.comment_count',
    'ideas.progress_percent',
    'ideas.created_at',
    'ideas.edited_at',
    'ideas.location',
    'ideas.location_label',
    'ideas.location_area',
    'ideas.location_lon',
    'ideas.location_lat',
    'ideas.merged_into',
  ] as const;

  return {
    async insertIdea(input: { processId: string; phaseId: string; authorId: string; title: string; body: string; category: string | null; screening: Screening; location?: StoredLocation | null }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('ideas')
          .values({
            process_id: input.processId,
            phase_id: input.phaseId,
            author_id: input.authorId,
            title: input.title,
            body: input.body,
            category: input.category,
            screening: input.screening,
            ...locationColumns(input.location ?? null),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Authors follow their own ideas.
        await trx.insertInto('idea_follows').values({ idea_id: row.id, user_id: input.authorId }).execute();
        return row.id;
      });
    },

    findIdea(id: string) {
      return db
        .selectFrom('ideas')
        .select(ideaColumns)
        .where('ideas.id', '=', id)
        .executeTakeFirst();
    },

    /** A page of visible ideas in a process. */
    listIdeas(query: { processId: string; category: string | null; sort: IdeaSort; seed: number; limit: number; offset: number; includeHidden: boolean; viewerId: string | null }) {
      let q = db
        .selectFrom('ideas')
        .select(ideaColumns)
        .where('ideas.process_id', '=', query.processId);
      if (query.category) q = q.where('ideas.category', '=', query.category);
      if (!query.includeHidden) {
        q = q.where('ideas.hidden_at', 'is', null).where((eb) =>
          eb.or([eb('ideas.screening', '=', 'published'), ...(query.viewerId ? [eb('ideas.author_id', '=', query.viewerId)] : [])]),
        );
      }
      // The orders match the indexes (process_id, support_count, created_at, id) and (process_id, created_at, id),
      // read backwards, so the first page never sorts the whole process.
      if (query.sort === 'supported') q = q.orderBy('ideas.support_count', 'desc').orderBy('ideas.created_at', 'desc').orderBy('ideas.id', 'desc');
      else if (query.sort === 'random') q = q.orderBy(sql`md5(ideas.id::text || ${String(query.seed)})`).orderBy('ideas.id');
      else q = q.orderBy('ideas.created_at', 'desc').orderBy('ideas.id', 'desc');
      return q.limit(query.limit).offset(query.offset).execute();
    },

    /**
     * Every idea of a process for its workspace (hidden and waiting ones too), newest first, a page at a time,
     * filtered by phase, status, area and an id list (the reported ones); with the number that match.
     */
    async staffList(processId: string, filter: { phaseId?: string | undefined; status?: string | undefined; area?: string | undefined; ids?: readonly string[] | undefined }, page: { limit: number; offset: number }) {
      let q = db.selectFrom('ideas').where('process_id', '=', processId);
      if (filter.phaseId) q = q.where('phase_id', '=', filter.phaseId);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.area) q = q.where('location_area', '=', filter.area);
      if (filter.ids) q = q.where('id', '=', sql<string>`any(${[...filter.ids]}::uuid[])`);
      const [rows, count] = await Promise.all([
        q
          .select(['id', 'phase_id', 'title', 'category', 'status', 'screening', 'hidden_at', 'support_count', 'comment_count', 'location_area', 'created_at'])
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** The areas a process's ideas lie in, in name order. */
    async areasOf(processId: string): Promise<string[]> {
      const rows = await db.selectFrom('ideas').select('location_area').distinct().where('process_id', '=', processId).where('location_area', 'is not', null).orderBy('location_area').execute();
      return rows.flatMap((r) => (r.location_area ? [r.location_area] : []));
    },

    async deleteIdea(id: string): Promise<void> {
      await db.deleteFrom('ideas').where('id', '=', id).execute();
    },

    async countIdeas(processId: string, includeHidden: boolean, category: string | null = null): Promise<number> {
      let q = db.selectFrom('ideas').select((eb) => eb.fn.countAll<number>().as('n')).where('process_id', '=', processId);
      if (category) q = q.where('category', '=', category);
      if (!includeHidden) q = q.where('hidden_at', 'is', null).where('screening', '=', 'published');
      return (await q.executeTakeFirstOrThrow()).n;
    },

    /**
     * Adds a support, counts it and makes the supporter a follower. False when the person already supports
     * the idea, or the idea is hidden or waiting for screening. Supports made together are written in one
     * transaction (group commit) with their counts and follows, and each resolves once that transaction is
     * committed to disk: an acknowledged support survives a crash, and the count always equals the rows.
     */
    addSupport(ideaId: string, userId: string): Promise<boolean> {
      return supports.write({ ideaId, userId });
    },

    /** Withdraws a support and uncounts it, in one statement. */
    async removeSupport(ideaId: string, userId: string): Promise<boolean> {
      const result = await sql<{ removed: number }>`
        WITH removed AS (
          DELETE FROM idea_supports WHERE idea_id = ${ideaId} AND user_id = ${userId} RETURNING idea_id
        ), counted AS (
          UPDATE ideas SET support_count = support_count - 1 WHERE id IN (SELECT idea_id FROM removed)
        )
        SELECT count(*)::int AS removed FROM removed`.execute(db);
      return (result.rows[0]?.removed ?? 0) === 1;
    },

    async supportedBy(ideaIds: readonly string[], userId: string): Promise<Set<string>> {
      if (ideaIds.length === 0) return new Set();
      const rows = await db.selectFrom('idea_supports').select('idea_id').where('user_id', '=', userId).where('idea_id', 'in', ideaIds).execute();
      return new Set(rows.map((r) => r.idea_id));
    },

    async setFollow(ideaId: string, userId: string, follow: boolean) {
      if (follow) {
        await db.insertInto('idea_follows').values({ idea_id: ideaId, user_id: userId }).onConflict((oc) => oc.columns(['idea_id', 'user_id']).doNothing()).execute();
      } else {
        await db.deleteFrom('idea_follows').where('idea_id', '=', ideaId).where('user_id', '=', userId).execute();
      }
    },

    async isFollowing(ideaId: string, userId: string): Promise<boolean> {
      return (await db.selectFrom('idea_follows').select('idea_id').where('idea_id', '=', ideaId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    },

    /** Everyone to tell when something happens to an idea: its author, supporters and followers. */
    async audienceOf(ideaId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('idea_follows')
        .select('user_id')
        .where('idea_id', '=', ideaId)
        .union(db.selectFrom('idea_supports').select('user_id').where('idea_id', '=', ideaId))
        .execute();
      return [...new Set(rows.map((r) => r.user_id))].sort((a, b) => a.localeCompare(b));
    },

    async insertComment(input: { ideaId: string; parentId: string | null; authorId: string; body: string }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('comments')
          .values({ idea_id: input.ideaId, parent_id: input.parentId, author_id: input.authorId, body: input.body })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('ideas').set((eb) => ({ comment_count: eb('comment_count', '+', 1) })).where('id', '=', input.ideaId).execute();
        return row.id;
      });
    },

    findComment(id: string) {
      return db.selectFrom('comments').select(['id', 'idea_id', 'parent_id', 'author_id', 'hidden_at']).where('id', '=', id).executeTakeFirst();
    },

    commentsOf(ideaId: string) {
      return db
        .selectFrom('comments')
        .select(['id', 'parent_id', 'author_id', 'body', 'hidden_at', 'hidden_reason', 'created_at'])
        .where('idea_id', '=', ideaId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /**
     * What the public can read in a process: published ideas that are not hidden (title and text) and the
     * comments on them that are not hidden. No authors. Ordered by time, then id.
     */
    async visibleTexts(processId: string) {
      const ideas = await db
        .selectFrom('ideas')
        .select(['id', 'title', 'body', 'created_at'])
        .where('process_id', '=', processId)
        .where('screening', '=', 'published')
        .where('hidden_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const comments = await db
        .selectFrom('comments')
        .innerJoin('ideas', 'ideas.id', 'comments.idea_id')
        .select(['comments.id', 'comments.idea_id', 'comments.body', 'comments.created_at'])
        .where('ideas.process_id', '=', processId)
        .where('ideas.screening', '=', 'published')
        .where('ideas.hidden_at', 'is', null)
        .where('comments.hidden_at', 'is', null)
        .orderBy('comments.created_at')
        .orderBy('comments.id')
        .execute();
      return { ideas, comments };
    },

    /** The ideas of a process that are not hidden, as a subquery for another module's filter (see `IdeaIdSet`). */
    unhiddenIdeaIds(processId: string) {
      return db.selectFrom('ideas').select('ideas.id').where('ideas.process_id', '=', processId).where('ideas.hidden_at', 'is', null);
    },

    /** How many ideas a phase has (hidden and waiting ones too): what removing the phase would delete. */
    async ideasInPhase(phaseId: string): Promise<number> {
      const row = await db.selectFrom('ideas').select((eb) => eb.fn.countAll<string>().as('n')).where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The published, visible ideas of a process (those `statusCounts` counts), as an id set: not run here. */
    publishedIdeaIds(processId: string) {
      return db.selectFrom('ideas').select('ideas.id').where('ideas.process_id', '=', processId).where('ideas.hidden_at', 'is', null).where('ideas.screening', '=', 'published');
    },

    /** How many published, visible ideas of a process have each status. */
    statusCounts(processId: string) {
      return db
        .selectFrom('ideas')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('process_id', '=', processId)
        .where('hidden_at', 'is', null)
        .where('screening', '=', 'published')
        .groupBy('status')
        .execute();
    },

    /** Title and progress of many ideas at once. */
    summariesOf(ideaIds: readonly string[]) {
      return db.selectFrom('ideas').select(['id', 'title', 'progress_percent']).where('id', '=', sql<string>`any(${[...ideaIds]}::uuid[])`).execute();
    },

    /** Whether any idea has this status. */
    async ideasWithStatus(status: string): Promise<boolean> {
      return (await db.selectFrom('ideas').select('id').where('status', '=', status).limit(1).executeTakeFirst()) !== undefined;
    },

    /**
     * Who took part in a process's ideas, per ISO week (as `2026-W07`) and kind (idea, comment, support): how
     * many, and the different people (people deleted since are counted but not listed). Hidden ideas and
     * comments, and ideas waiting for pre-screening, are not counted.
     */
    async participationByWeek(processId: string) {
      const result = await sql<{ week: string; kind: 'idea' | 'comment' | 'support'; n: number; people: string[] }>`
        WITH shown AS (
          SELECT id, created_at, author_id FROM ideas WHERE process_id = ${processId} AND hidden_at IS NULL AND screening = 'published'
        ), acts AS (
          SELECT i.created_at AS at, 'idea' AS kind, i.author_id AS person FROM shown i
          UNION ALL SELECT c.created_at, 'comment', c.author_id FROM comments c JOIN shown i ON i.id = c.idea_id WHERE c.hidden_at IS NULL
          UNION ALL SELECT s.created_at, 'support', s.user_id FROM idea_supports s JOIN shown i ON i.id = s.idea_id
        )
        SELECT to_char(date_trunc('week', at), 'IYYY-"W"IW') AS week, kind, count(*)::int AS n,
               coalesce(array_agg(DISTINCT person) FILTER (WHERE person IS NOT NULL), '{}') AS people
        FROM acts GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
      return result.rows;
    },

    /** The people who posted, commented or supported in a process, on local dates `from`–`to` when given. */
    async participantsOf(processId: string, between: { from: string; to: string; timeZone: string } | null): Promise<string[]> {
      const within = between ? sql`WHERE (at AT TIME ZONE ${between.timeZone})::date BETWEEN ${between.from}::date AND ${between.to}::date` : sql``;
      const result = await sql<{ person: string }>`
        WITH shown AS (
          SELECT id, created_at, author_id FROM ideas WHERE process_id = ${processId} AND hidden_at IS NULL AND screening = 'published'
        ), acts AS (
          SELECT i.created_at AS at, i.author_id AS person FROM shown i
          UNION ALL SELECT c.created_at, c.author_id FROM comments c JOIN shown i ON i.id = c.idea_id WHERE c.hidden_at IS NULL
          UNION ALL SELECT s.created_at, s.user_id FROM idea_supports s JOIN shown i ON i.id = s.idea_id
        )
        SELECT DISTINCT person FROM (SELECT * FROM acts ${within}) a WHERE person IS NOT NULL ORDER BY person`.execute(db);
      return result.rows.map((r) => r.person);
    },

    /** The people following any visible idea of a process (authors and supporters follow theirs). */
    async followersOf(processId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('idea_follows')
        .innerJoin('ideas', 'ideas.id', 'idea_follows.idea_id')
        .select('idea_follows.user_id')
        .distinct()
        .where('ideas.process_id', '=', processId)
        .where('ideas.hidden_at', 'is', null)
        .where('ideas.screening', '=', 'published')
        .orderBy('idea_follows.user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    async setIdeaStatus(id: string, status: string, progress: number | null | undefined) {
      await db
        .updateTable('ideas')
        .set({ status, ...(progress !== undefined ? { progress_percent: progress } : {}) })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type IdeasRepository = ReturnType<typeof ideasRepository>;
