import type { Actor } from '../accounts/accounts.policy.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideaLimits, text, type IdeasContext } from './ideas.context.ts';
import { ideasPolicy } from './ideas.policy.ts';
import type { locationUseCases } from './locations.ts';

/** One earlier version of an idea, as staff see it in the edit history. */
export interface IdeaEditView {
  readonly id: string;
  readonly editorName: string | null;
  readonly editedAt: Date;
  readonly previousTitle: string;
  readonly previousBody: string;
  readonly previousCategory: string | null;
}

/** The author edits their idea (its place too); staff read its edit history. */
export function editingUseCases(ctx: IdeasContext, locations: Pick<ReturnType<typeof locationUseCases>, 'readLocation' | 'locationSettings'>) {
  const { deps, repo, modRepo, openIdeasPhase, category, authorNames } = ctx;
  return {
    /**
     * The author edits their idea's title, text and category while its phase is open, only until the first
     * support or comment (`IdeaReacted` with the reason after that). A hidden idea's author may edit it
     * whatever the reactions: that asks the moderators to look at it again (back in their queue). When its
     * phase asks for a location, a new place marked (`location`) or typed (`address`) is checked as when
     * posting and replaces the old one; sending neither keeps it.
     */
    async editIdea(actor: Actor | null, ideaId: string, input: { title: unknown; body: unknown; category?: unknown; location?: unknown; address?: unknown }): Promise<Result<{ reviewRequested: boolean }>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.findIdea(ideaId);
      if (!row || (row.author_id !== actor.id && (row.hidden_at || row.screening !== 'published'))) return fail('NotFound');
      if (row.author_id !== actor.id) return fail('Forbidden', [{ field: 'id', message: 'ideas.edit.notAuthor' }]);
      // A merged idea lives on in the idea it was merged into.
      if (row.merged_into !== null) return fail('NotFound');
      const blocked = await deps.gate.blockOf(actor.id);
      if (blocked) return blockedFailure(blocked);
      const hidden = row.hidden_at !== null;
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok && !hidden) return phase;
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', ideaLimits.title, errors);
      const body = text(input.body, 'body', ideaLimits.body, errors);
      const categories = phase.ok ? phase.value.categories : row.category ? [row.category] : [];
      const chosenCategory = category(input.category, categories, errors);
      const moved = input.location !== undefined || input.address !== undefined;
      const settings = moved ? await locations.locationSettings(row.phase_id) : null;
      const location = settings && settings.mode !== 'none' ? await locations.readLocation(settings, input, errors) : undefined;
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const outcome = await modRepo.editIdea({ id: ideaId, editorId: actor.id, title, body, category: chosenCategory, ...(location === undefined ? {} : { location }), untilReaction: !hidden });
      if (outcome === 'missing') return fail('NotFound');
      if (outcome === 'reacted') return fail('Conflict', [{ field: 'id', message: 'ideas.edit.reacted' }]);
      await deps.audit.record({ actorId: actor.id, action: 'idea.edited', subjectType: 'idea', subjectId: ideaId, details: { hidden, placeChanged: location !== undefined } });
      if (hidden) await deps.gate.requestReview({ type: 'idea', id: ideaId, processId: row.process_id, authorId: actor.id });
      return ok({ reviewRequested: hidden });
    },

    /** An idea's earlier versions, oldest first (staff who moderate or answer ideas). */
    async ideaEdits(actor: Actor | null, ideaId: string): Promise<Result<IdeaEditView[]>> {
      if (!actor) return fail('NotSignedIn');
      if (!ideasPolicy.moderate(actor) && !ideasPolicy.answer(actor)) return fail('Forbidden');
      if (!(await repo.findIdea(ideaId))) return fail('NotFound');
      const edits = await modRepo.editsOf(ideaId);
      const names = await authorNames(edits.map((e) => ({ author_id: e.editor_id })));
      return ok(
        edits.map((e) => ({
          id: e.id,
          editorName: e.editor_id === null ? null : (names.get(e.editor_id) ?? null),
          editedAt: e.created_at,
          previousTitle: e.previous_title,
          previousBody: e.previous_body,
          previousCategory: e.previous_category,
        })),
      );
    },
  };
}
