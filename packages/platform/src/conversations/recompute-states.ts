import type { ConversationState } from '@tingsted/opinions';

/** What a recompute stored: the new revision and the last vote sequence number it counted. */
export interface RecomputeOutcome {
  readonly revision: number;
  readonly votesSeen: number;
}

/** A conversation's state in memory, with the last vote sequence number it has applied. */
export interface KeptState {
  state: ConversationState;
  seq: number;
  usedAt: number;
}

/** Conversations nobody has voted in for this long are forgotten. */
const idleMs = 30 * 60_000;

/**
 * The recompute's working memory: each conversation's opinion state kept between runs, so a run reads only
 * the votes changed since the last one; and the run under way per conversation, so there is one at a time in
 * this process (the job queue already runs one per cluster).
 *
 * Lifecycle: created with the service and filled by the recompute job; states unused for 30 minutes are
 * forgotten after each run. Nothing to stop: no timers, and a run under way ends with the job queue's stop.
 */
export function createRecomputeStates() {
  const states = new Map<string, KeptState>();
  const running = new Map<string, Promise<RecomputeOutcome | null>>();

  return {
    /** The conversation's kept state, or one made by `create` (and kept) when there is none. */
    async obtain(conversationId: string, create: () => Promise<KeptState>): Promise<KeptState> {
      let entry = states.get(conversationId);
      if (!entry) {
        entry = await create();
        states.set(conversationId, entry);
      }
      entry.usedAt = Date.now();
      return entry;
    },

    /** Forgets the states of conversations nobody has voted in for a while (except the one just recomputed). */
    forgetIdle(except: string): void {
      for (const [id, e] of states) if (Date.now() - e.usedAt > idleMs && id !== except) states.delete(id);
    },

    /** Runs `run` after the conversation's run under way, if any, has ended (whether it succeeded or not). */
    oneAtATime(conversationId: string, run: () => Promise<RecomputeOutcome | null>): Promise<RecomputeOutcome | null> {
      const previous = running.get(conversationId) ?? Promise.resolve(null);
      const next = previous.catch(() => null).then(run);
      running.set(conversationId, next);
      void next
        .finally(() => {
          if (running.get(conversationId) === next) running.delete(conversationId);
        })
        .catch(() => undefined);
      return next;
    },
  };
}
