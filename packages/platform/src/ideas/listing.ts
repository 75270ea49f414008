import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { ideasPolicy } from './ideas.policy.ts';
import type { IdeaSort } from './ideas.repository.ts';
import type { CommentView, IdeasContext, IdeaView } from './ideas.context.ts';

/** Reading ideas: a page of a process's ideas, and one idea with its comments. */
export function listingUseCases(ctx: IdeasContext) {
  const { repo, present, authorNames, visibleIdea } = ctx;
  return {
    /** A page of a process's ideas in the chosen order. */
    async listIdeas(actor: Actor | null, query: { processId: string; sort?: unknown; page?: number; seed?: number; category?: string | null }) {
      const sort: IdeaSort = query.sort === 'supported' || query.sort === 'random' ? query.sort : 'newest';
      const pageSize = 20;
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const category = query.category || null;
      // Two round trips whatever the viewer: the page with its count, then who wrote it and what the viewer supports.
      const [rows, total] = await Promise.all([
        repo.listIdeas({
          processId: query.processId,
          category,
          sort,
          seed: query.seed ?? 0,
          limit: pageSize,
          offset: (page - 1) * pageSize,
          includeHidden: false,
          viewerId: actor?.id ?? null,
        }),
        repo.countIdeas(query.processId, false, category),
      ]);
      const [supported, names] = await Promise.all([
        actor ? repo.supportedBy(rows.map((r) => r.id), actor.id) : new Set<string>(),
        authorNames(rows),
      ]);
      return { ideas: rows.map((r) => present(r, actor, supported, names)), total, page, pageSize, sort, category };
    },

    /** One idea with its comments (replies nested), if the actor may see it. */
    async getIdea(actor: Actor | null, ideaId: string): Promise<Result<{ idea: IdeaView; comments: CommentView[]; following: boolean }>> {
      const row = await visibleIdea(actor, ideaId);
      if (!row) return fail('NotFound');
      const supported = actor ? await repo.supportedBy([row.id], actor.id) : new Set<string>();
      const moderator = ideasPolicy.moderate(actor);
      const comments = await repo.commentsOf(ideaId);
      const names = await authorNames([row, ...comments]);
      const all = comments.map(
        (c): CommentView => ({
          id: c.id,
          parentId: c.parent_id,
          authorName: c.author_id === null ? null : (names.get(c.author_id) ?? null),
          // A hidden comment keeps its place in the thread; its text is shown only to its author and moderators.
          body: c.hidden_at && !moderator && c.author_id !== actor?.id ? null : c.body,
          hiddenReason: c.hidden_at ? (c.hidden_reason ?? '') : null,
          mine: actor !== null && c.author_id === actor.id,
          createdAt: c.created_at,
          replies: [],
        }),
      );
      const byId = new Map(all.map((c) => [c.id, c]));
      const top: CommentView[] = [];
      for (const comment of all) {
        const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
        if (parent) parent.replies.push(comment);
        else top.push(comment);
      }
      return ok({ idea: present(row, actor, supported, names), comments: top, following: actor ? await repo.isFollowing(ideaId, actor.id) : false });
    },
  };
}
