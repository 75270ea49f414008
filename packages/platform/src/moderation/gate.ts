import type { Clock } from '../shared/clock.ts';
import type { ModerationGate } from '../shared/moderation-gate.ts';
import type { Db } from '../db/database.ts';
import { moderationRepository, type ModerationRepository } from './moderation.repository.ts';

/** The gate, and forgetting the cached blocks when a moderator blocks someone. */
export type ModerationGateHandle = ModerationGate & { forgetBlocks(): void };

/**
 * The gate for a database, made before the content modules (they take it as a dependency) and handed to the
 * moderation service too.
 */
export function createModerationGate(db: Db, clock: Clock): ModerationGateHandle {
  return moderationGate(moderationRepository(db), clock);
}

/** How long a server trusts its list of blocks before reading it again (a block made here counts at once). */
const blockListSeconds = 5;

/**
 * The moderation module's gate for the modules that take residents' content (see shared/moderation-gate.ts):
 * blocks are read as one small list, kept for a few seconds so supports and votes cost no extra query.
 */
export function moderationGate(repo: ModerationRepository, clock: Clock): ModerationGateHandle {
  let blocks: Map<string, Date> | null = null;
  let readAt = 0;

  return {
    async blockOf(userId) {
      const now = clock();
      if (!blocks || now.getTime() - readAt > blockListSeconds * 1000) {
        blocks = new Map((await repo.activeBlocks(now)).map((b) => [b.user_id, new Date(b.ends_at)]));
        readAt = now.getTime();
      }
      const until = blocks.get(userId);
      return until && until > now ? { until } : null;
    },

    async requestReview(item) {
      await repo.addDecision({ item: { type: item.type, id: item.id }, processId: item.processId, authorId: item.authorId, action: 'review_requested', actorId: item.authorId, reason: null, at: clock() });
    },

    async recordOf(type, ids) {
      return repo.recordOf(type, ids);
    },

    forgetBlocks() {
      blocks = null;
    },
  };
}
