import { findDuplicates, DEFAULT_DUPLICATE_THRESHOLD } from '@tingsted/text';
import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { isUuid } from '../shared/validate.ts';
import type { IdeasContext } from './ideas.context.ts';
import { ideasDuplicatesRepository, type MergeCounts } from './ideas.duplicates.repository.ts';
import { ideasPolicy } from './ideas.policy.ts';

/** At most this many suggested pairs are shown at once (the most alike first); merging or dismissing makes room. */
export const duplicateSuggestionLimit = 50;

/** An idea of a suggested pair, as the moderator compares it. */
export interface DuplicateIdea {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly authorName: string | null;
  readonly supportCount: number;
  readonly commentCount: number;
  readonly createdAt: Date;
}

/** Suggested near-duplicates in a process: pairs of visible ideas, most alike first. */
export interface DuplicateSuggestions {
  readonly processId: string;
  /** The visible ideas that were compared. */
  readonly ideas: number;
  /** The similarity a pair must reach to be suggested. */
  readonly threshold: number;
  /** All suggested pairs (only the first `duplicateSuggestionLimit` are in `pairs`). */
  readonly total: number;
  readonly pairs: readonly { readonly similarity: number; readonly a: DuplicateIdea; readonly b: DuplicateIdea }[];
}

/**
 * Near-duplicate ideas: suggestions for moderators (from @tingsted/text's `findDuplicates`, which also matches
 * the same idea said in bokmål, nynorsk, Swedish, Danish or English), merging one idea into another, and saying
 * a pair is not a duplicate (remembered: never suggested again). Moderators, process managers, administrators.
 */
export function duplicateUseCases(ctx: IdeasContext) {
  const { deps } = ctx;
  const dupRepo = ideasDuplicatesRepository(deps.db);

  function allowed(actor: Actor | null): Result<Actor> {
    if (!actor) return fail('NotSignedIn');
    if (!ideasPolicy.mergeDuplicates(actor)) return fail('Forbidden');
    return ok(actor);
  }

  /** Two different visible ideas of one process, or why not (`field` names the second idea's field). */
  async function pairOf(first: string, second: string, fields: { first: string; second: string }) {
    if (!isUuid(first)) return fail('ValidationFailed', [{ field: fields.first, message: 'field.idInvalid' }]);
    if (!isUuid(second)) return fail('ValidationFailed', [{ field: fields.second, message: 'field.idInvalid' }]);
    if (first === second) return fail('ValidationFailed', [{ field: fields.second, message: 'ideas.duplicates.same' }]);
    const [x, y] = await Promise.all([ctx.repo.findIdea(first), ctx.repo.findIdea(second)]);
    if (!x || !y) return fail('NotFound');
    if (x.process_id !== y.process_id) return fail('ValidationFailed', [{ field: fields.second, message: 'ideas.duplicates.otherProcess' }]);
    for (const row of [x, y]) {
      if (row.merged_into !== null || row.hidden_at !== null || row.screening !== 'published') return fail('Conflict', [{ field: row === x ? fields.first : fields.second, message: 'ideas.duplicates.notVisible' }]);
    }
    return ok({ x, y });
  }

  return {
    /** The suggested near-duplicate pairs among a process's visible ideas, leaving out pairs dismissed before. */
    async duplicateSuggestions(actor: Actor | null, processId: string): Promise<Result<DuplicateSuggestions>> {
      const who = allowed(actor);
      if (!who.ok) return who;
      if (!isUuid(processId)) return fail('ValidationFailed', [{ field: 'id', message: 'field.idInvalid' }]);
      if (!(await deps.processes.getProcessById(processId))) return fail('NotFound');
      const [rows, dismissed] = await Promise.all([dupRepo.visibleIdeas(processId), dupRepo.dismissedAmong(processId)]);
      const found = findDuplicates(rows.map((r) => ({ id: r.id, text: `${r.title}\n${r.body}` })));
      const pairs = found.pairs.filter((p) => !dismissed.has(p.a < p.b ? `${p.a}|${p.b}` : `${p.b}|${p.a}`));
      const shown = pairs.slice(0, duplicateSuggestionLimit);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const names = await ctx.authorNames(shown.flatMap((p) => [byId.get(p.a), byId.get(p.b)]).flatMap((r) => (r ? [r] : [])));
      const brief = (id: string): DuplicateIdea => {
        const r = byId.get(id);
        if (!r) throw new Error(`duplicate suggestion names an unknown idea ${id}`);
        return { id: r.id, title: r.title, body: r.body, authorName: r.author_id ? (names.get(r.author_id) ?? null) : null, supportCount: r.support_count, commentCount: r.comment_count, createdAt: r.created_at };
      };
      return ok({ processId, ideas: rows.length, threshold: DEFAULT_DUPLICATE_THRESHOLD, total: pairs.length, pairs: shown.map((p) => ({ similarity: p.similarity, a: brief(p.a), b: brief(p.b) })) });
    },

    /**
     * Merges `mergeId` into `keepId` (both visible ideas of one process): supports, follows and comments move to
     * the kept idea in one transaction and the merged idea is hidden with a link to it; then the action is
     * audited and both authors are told.
     */
    async mergeIdeas(actor: Actor | null, input: { keepId: string; mergeId: string }): Promise<Result<{ keptId: string; mergedId: string; moved: MergeCounts }>> {
      const who = allowed(actor);
      if (!who.ok) return who;
      const pair = await pairOf(input.keepId, input.mergeId, { first: 'keepId', second: 'mergeId' });
      if (!pair.ok) return pair;
      const { x: kept, y: merged } = pair.value;
      const moved = await dupRepo.merge({ keepId: kept.id, mergeId: merged.id, by: who.value.id, reason: '', at: new Date() });
      if (moved === 'changed') return fail('Conflict', [{ field: 'mergeId', message: 'ideas.duplicates.notVisible' }]);
      await deps.audit.record({ actorId: who.value.id, action: 'ideas.merged', subjectType: 'idea', subjectId: merged.id, details: { keptId: kept.id, ...moved } });
      const process = await deps.processes.getProcessById(kept.process_id);
      const authors = [kept.author_id, merged.author_id].flatMap((id) => (id ? [id] : []));
      await deps.notifications.notify({
        userIds: authors,
        kind: 'idea_merged',
        subjectType: 'idea',
        subjectId: kept.id,
        payload: { ideaTitle: merged.title, keptTitle: kept.title, ideaId: kept.id, ...(process ? { processSlug: process.slug } : {}) },
      });
      return ok({ keptId: kept.id, mergedId: merged.id, moved });
    },

    /** Remembers that two ideas are not duplicates: the pair is never suggested again. Audited. */
    async dismissDuplicate(actor: Actor | null, input: { ideaId: string; otherId: string }): Promise<Result<{ ideaId: string; otherId: string }>> {
      const who = allowed(actor);
      if (!who.ok) return who;
      const pair = await pairOf(input.ideaId, input.otherId, { first: 'ideaId', second: 'otherId' });
      if (!pair.ok) return pair;
      if (await dupRepo.insertDismissal(input.ideaId, input.otherId, who.value.id, new Date())) {
        await deps.audit.record({ actorId: who.value.id, action: 'ideas.duplicate_dismissed', subjectType: 'idea', subjectId: input.ideaId, details: { otherId: input.otherId } });
      }
      return ok({ ideaId: input.ideaId, otherId: input.otherId });
    },
  };
}
