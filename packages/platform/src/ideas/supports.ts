import type { Actor } from '../accounts/accounts.policy.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { createFloodGuard, voteFloodLimit } from '../shared/flood-guard.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { IdeasContext } from './ideas.context.ts';

/** Supporting an idea, withdrawing the support, and following it. */
export function supportUseCases(ctx: IdeasContext) {
  const { deps, repo, ideaPhases, visibleIdea, openIdeasPhase } = ctx;
  const flood = createFloodGuard(voteFloodLimit);
  return {
    /**
     * Supports an idea once per person, while its phase is open; done once the support is committed to disk
     * (supports made together share one transaction). Faster than `voteFloodLimit` is `RateLimited`.
     */
    async supportIdea(actor: Actor | null, ideaId: string): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const flooded = flood.take(actor.id);
      if (flooded) return flooded;
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const blocked = await deps.gate.blockOf(actor.id);
      if (blocked) return blockedFailure(blocked);
      // The busiest write: the phase check uses cached facts and the insert checks the idea itself, so a
      // support is one statement; only a refused one looks closer to say why.
      let phaseId = ideaPhases.get(ideaId);
      if (!phaseId) {
        phaseId = (await repo.findIdea(ideaId))?.phase_id;
        if (!phaseId) return fail('NotFound');
        if (ideaPhases.size >= 100_000) ideaPhases.clear();
        ideaPhases.set(ideaId, phaseId);
      }
      const phase = await openIdeasPhase(phaseId);
      if (!phase.ok) return phase;
      if (await repo.addSupport(ideaId, actor.id)) return ok(null);
      const row = await visibleIdea(actor, ideaId);
      if (!row || row.hidden_at || row.screening !== 'published') return fail('NotFound');
      return fail('AlreadySupported');
    },

    /** Withdraws one's support while the phase is open. */
    async withdrawSupport(actor: Actor | null, ideaId: string): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.findIdea(ideaId);
      if (!row) return fail('NotFound');
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok) return phase;
      await repo.removeSupport(ideaId, actor.id);
      return ok(null);
    },

    /** Follows or stops following an idea (notifications about it). */
    async followIdea(actor: Actor | null, ideaId: string, follow: boolean): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(await visibleIdea(actor, ideaId))) return fail('NotFound');
      await repo.setFollow(ideaId, actor.id, follow);
      return ok(null);
    },
  };
}
