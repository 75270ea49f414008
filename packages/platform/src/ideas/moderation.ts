import type { IdeasContext } from './ideas.context.ts';
import type { Hiding } from './ideas.moderation.repository.ts';

/** An idea or comment as the moderation module sees it (it checks its own policy before calling). */
export interface ModeratedIdeaItem {
  readonly type: 'idea' | 'comment';
  readonly id: string;
  readonly processId: string;
  /** The idea itself, or the idea a comment is on. */
  readonly ideaId: string;
  readonly ideaTitle: string;
  readonly authorId: string | null;
  readonly body: string;
  readonly hidden: { readonly reason: string; readonly at: Date } | null;
  readonly awaitingScreening: boolean;
  readonly createdAt: Date;
}

/**
 * What the moderation module reads and sets on ideas and comments: the item, hiding and showing it, and
 * pre-screening. No policy here: the moderation module's use cases check theirs first.
 */
export function moderationLookups(ctx: IdeasContext) {
  const { modRepo, deps } = ctx;
  return {
    /** An idea or a comment for moderation, or null when there is none with that id. */
    async findForModeration(type: 'idea' | 'comment', id: string): Promise<ModeratedIdeaItem | null> {
      if (!isUuid(id)) return null;
      if (type === 'idea') {
        const row = await modRepo.findIdea(id);
        if (!row) return null;
        return {
          type,
          id: row.id,
          processId: row.process_id,
          ideaId: row.id,
          ideaTitle: row.title,
          authorId: row.author_id,
          body: row.body,
          hidden: row.hidden_at ? { reason: row.hidden_reason ?? '', at: row.hidden_at } : null,
          awaitingScreening: row.screening === 'pending',
          createdAt: row.created_at,
        };
      }
      const row = await modRepo.findComment(id);
      if (!row) return null;
      return {
        type,
        id: row.id,
        processId: row.process_id,
        ideaId: row.idea_id,
        ideaTitle: row.idea_title,
        authorId: row.author_id,
        body: row.body,
        hidden: row.hidden_at ? { reason: row.hidden_reason ?? '', at: row.hidden_at } : null,
        awaitingScreening: false,
        createdAt: row.created_at,
      };
    },

    /**
     * Hides an idea or comment with the moderator's reason (a hidden idea waiting for pre-screening is refused),
     * or shows it again (null); the author of a hidden one is told why.
     */
    async setHidden(type: 'idea' | 'comment', id: string, hiding: Hiding): Promise<void> {
      const item = await moderationLookups(ctx).findForModeration(type, id);
      if (!item) return;
      if (type === 'idea') await modRepo.setIdeaHidden(id, hiding);
      else await modRepo.setCommentHidden(id, hiding);
      if (hiding && item.authorId) {
        await deps.notifications.notify({ userIds: [item.authorId], kind: type === 'idea' ? 'idea_hidden' : 'comment_hidden', subjectType: 'idea', subjectId: item.ideaId, payload: { reason: hiding.reason, ideaTitle: item.ideaTitle } });
      }
    },

    /** Publishes an idea that waited for pre-screening. */
    publishScreened: (ideaId: string) => modRepo.setScreening(ideaId, 'published'),

    /** Ideas waiting for pre-screening in some processes (or all: null), oldest first. */
    async pendingScreening(processIds: readonly string[] | null): Promise<ModeratedIdeaItem[]> {
      return (await modRepo.pendingScreening(processIds)).map((row) => ({
        type: 'idea' as const,
        id: row.id,
        processId: row.process_id,
        ideaId: row.id,
        ideaTitle: row.title,
        authorId: row.author_id,
        body: row.body,
        hidden: null,
        awaitingScreening: true,
        createdAt: row.created_at,
      }));
    },
  };
}

/** Whether a text is a UUID (ids in paths are checked before they reach PostgreSQL's uuid type). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
