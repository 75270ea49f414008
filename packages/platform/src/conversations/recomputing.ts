import { applyVote, createConversation, upsertStatement, type OpinionResult } from '@tingsted/opinions';
import type { ConversationsContext } from './conversations.context.ts';
import { createRecomputeStates, type RecomputeOutcome } from './recompute-states.ts';
import { resultsChannel } from './results-feed.ts';
import { buildResultsView } from './results-view.ts';

/**
 * The opinion map's recompute: asked for after votes and moderation (rate-limited, coalesced by the job
 * queue), and run by the `conversations.recompute` job, off the main thread, storing the result and notifying
 * every server that listens.
 */
export function recomputeUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;
  const states = createRecomputeStates();

  async function recomputeNow(conversationId: string): Promise<RecomputeOutcome | null> {
    const row = await repo.findConversation(conversationId);
    if (!row) return null;
    const entry = await states.obtain(conversationId, async () => {
      const state = createConversation();
      const stored = await repo.storedResult(conversationId);
      // The previous result keeps group ids and the map's orientation stable across restarts.
      state.lastResult = (stored?.result as OpinionResult | undefined) ?? null;
      return { state, seq: 0, usedAt: Date.now() };
    });
    const began = performance.now();
    const statements = await repo.statements(conversationId);
    for (const s of statements) upsertStatement(entry.state, { id: s.number, moderation: s.moderation, isMeta: s.is_meta });
    const changed = await repo.votesSince(conversationId, entry.seq);
    for (const v of changed) {
      applyVote(entry.state, v.participant_id, v.number, v.vote as -1 | 0 | 1);
      entry.seq = Math.max(entry.seq, v.seq);
    }
    const loaded = performance.now();
    const result = await deps.runner.run(entry.state, row.min_votes);
    const analysed = performance.now();
    entry.state.lastResult = result;
    const previous = await repo.storedRevision(conversationId);
    const revision = (previous?.revision ?? 0) + 1;
    const totals = new Map<number, [number, number, number]>();
    entry.state.statementIds.forEach((id, s) => totals.set(Number(id), [entry.state.agree[s] ?? 0, entry.state.disagree[s] ?? 0, entry.state.pass[s] ?? 0]));
    const view = buildResultsView(result, revision, totals, row.min_group_size);
    await repo.storeResult(conversationId, { revision, votesSeen: entry.seq, view, result }, resultsChannel);
    deps.logger.debug(
      { conversationId, revision, changedVotes: changed.length, loadMs: Math.round(loaded - began), analyzeMs: Math.round(analysed - loaded), storeMs: Math.round(performance.now() - analysed) },
      'conversation recomputed',
    );
    states.forgetIdle(conversationId);
    return { revision, votesSeen: entry.seq };
  }

  return {
    /** Asks for a recompute (rate-limited here, coalesced by the job queue). */
    triggerRecompute: ctx.triggerRecompute,

    /** The job's work: brings the in-memory state up to date, recomputes off the main thread, stores, notifies. */
    recompute(conversationId: string): Promise<RecomputeOutcome | null> {
      return states.oneAtATime(conversationId, () => recomputeNow(conversationId));
    },
  };
}
