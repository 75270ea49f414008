import { whereDoIStand } from '@tingsted/opinions';
import type { Actor } from '../accounts/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import type { Voter } from './conversations.types.ts';
import type { ResultsView } from './results-view.ts';

/** Reading what the recompute stored: the results view, one's own place on the map, who took part. */
export function resultsUseCases(ctx: ConversationsContext) {
  const { repo } = ctx;
  return {
    /** The voter's place on the last map: position in map coordinates, nearest group, distances. */
    async whereDoIStand(voter: Voter, conversationId: string): Promise<Result<{ x: number; y: number; nearestGroup: string | null; assignedGroup: string | null; votes: number } | null>> {
      const row = await ctx.visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const participantId = await ctx.existingParticipant(row, voter);
      if (participantId === null) return ok(null);
      const result = await ctx.stored.result(conversationId);
      const stored = await ctx.stored.view(conversationId);
      if (!result || !stored.view) return ok(null);
      const { state } = await ctx.personalState(row, participantId, false);
      const stand = whereDoIStand(state, 'me', result);
      if (!stand.ok) return ok(null);
      const place = stored.view.place;
      const label = (id: number | null) => (id === null ? null : (result.groups.find((g) => g.id === id)?.label ?? null));
      const assigned = result.participants.find((p) => p.id === participantId)?.group ?? null;
      return ok({
        x: Math.round((place.offsetX + (stand.position[0] - place.minX) * place.scale) * 10) / 10,
        y: Math.round((place.size - (place.offsetY + (stand.position[1] - place.minY) * place.scale)) * 10) / 10,
        nearestGroup: label(stand.nearestGroup),
        assignedGroup: label(assigned),
        votes: stand.votes,
      });
    },

    /** The stored results view (null until the first recompute). Reading it never computes anything. */
    async results(actor: Actor | null, conversationId: string): Promise<Result<{ view: ResultsView | null; computedAt: Date | null }>> {
      const row = await ctx.visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const stored = await ctx.stored.view(conversationId);
      return ok({ view: stored.view, computedAt: stored.computedAt });
    },

    /** People who took part with an account, for notifications about what came of the conversation. */
    participantUsers: (conversationId: string) => repo.participantUsers(conversationId),
  };
}
