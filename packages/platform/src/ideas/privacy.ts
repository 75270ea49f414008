import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { IdeasContext } from './ideas.context.ts';
import { ideasPrivacyRepository } from './ideas.privacy.repository.ts';

/** One person's data in the ideas module: their export, what deleting their account does, and doing it. */
export function ideasPrivacyUseCases(ctx: IdeasContext) {
  const { deps } = ctx;
  const privacy = ideasPrivacyRepository(deps.db);
  return {
    /** Everything the ideas module holds about the person: ideas, comments, supports, follows, the earlier texts of ideas they edited (reports they made are the moderation module's). */
    async exportFor(userId: string): Promise<PersonalSections> {
      const [ideas, comments, supports, follows, edits] = await Promise.all([
        privacy.ideasBy(userId), privacy.commentsBy(userId), privacy.supportsBy(userId), privacy.followsBy(userId), privacy.editsBy(userId),
      ]);
      const images = await deps.files.listFor('idea', ideas.map((i) => i.id));
      return {
        ideas: ideas.map((i) => ({ id: i.id, processId: i.process_id, phaseId: i.phase_id, title: i.title, body: i.body, category: i.category, status: i.status, screening: i.screening, hiddenAt: i.hidden_at, hiddenReason: i.hidden_reason, supportCount: i.support_count, commentCount: i.comment_count, createdAt: i.created_at, editedAt: i.edited_at, imageIds: images.filter((f) => f.ownerId === i.id).map((f) => f.id) })),
        comments: comments.map((c) => ({ id: c.id, ideaId: c.idea_id, replyTo: c.parent_id, body: c.body, hiddenAt: c.hidden_at, hiddenReason: c.hidden_reason, createdAt: c.created_at })),
        supports: supports.map((s) => ({ ideaId: s.idea_id, ideaTitle: s.title, createdAt: s.created_at })),
        follows: follows.map((f) => ({ ideaId: f.idea_id, ideaTitle: f.title, createdAt: f.created_at })),
        // Their edits of their ideas: what the text was before each edit (staff see this history).
        ideaEdits: edits.map((e) => ({ id: e.id, ideaId: e.idea_id, previousTitle: e.previous_title, previousBody: e.previous_body, createdAt: e.created_at })),
      };
    },

    /** What deleting the person's account does to their ideas, comments, supports and follows. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const n = await privacy.deletionCounts(userId);
      return linesWithContent([
        { section: 'ideas', count: n.ideas, outcome: 'deleted' },
        { section: 'ideas', count: n.ideas_kept, outcome: 'kept', reason: 'othersReacted' },
        { section: 'comments', count: n.comments, outcome: 'deleted' },
        { section: 'comments', count: n.comments_kept, outcome: 'kept', reason: 'repliedTo' },
        { section: 'supports', count: n.supports, outcome: 'deleted' },
        { section: 'follows', count: n.follows, outcome: 'deleted' },
      ]);
    },

    /** Carries out the plan before the account goes: removes what goes (with the ideas' images); the rest loses its author with the account. */
    async forgetUser(userId: string): Promise<void> {
      const removed = await privacy.forget(userId);
      if (removed.length === 0) return;
      const images = await deps.files.listFor('idea', removed);
      for (const id of removed) {
        const mine = images.filter((f) => f.ownerId === id).map((f) => f.id);
        if (mine.length > 0) await deps.files.detach(null, 'idea', id, mine);
      }
    },
  };
}
