import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import { recomputeJob } from './conversations.types.ts';

/**
 * Asks the job queue for a conversation's recompute at most once per window on this server; a trailing
 * request makes sure the last votes of a burst are counted. The queue coalesces what several servers ask for.
 *
 * Lifecycle: created with the service; a trailing timer is started by a request that falls inside the window
 * (unref'd, so it never keeps the process alive on its own). `stop()` cancels the waiting timers and ignores
 * later requests: platform.close() calls it before it stops the job queue, so no timer fires into a stopped
 * queue. The votes stay stored; the next recompute of the conversation counts them.
 */
export function createRecomputeThrottle(options: { jobs: Pick<JobQueue, 'send'>; logger: Logger; windowMs?: number }) {
  const windowMs = options.windowMs ?? 300;
  const lastSent = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  function send(conversationId: string): void {
    lastSent.set(conversationId, Date.now());
    options.jobs.send(recomputeJob, { conversationId }, { singletonKey: conversationId }).catch((error: unknown) => {
      options.logger.error({ err: { message: error instanceof Error ? error.message : String(error) }, conversationId }, 'could not queue a recompute');
    });
  }

  return {
    /** Asks for a recompute of the conversation: now, or at the end of the current window. */
    request(conversationId: string): void {
      if (stopped) return;
      const now = Date.now();
      const last = lastSent.get(conversationId) ?? 0;
      if (now - last >= windowMs) {
        send(conversationId);
        return;
      }
      if (trailing.has(conversationId)) return;
      const timer = setTimeout(() => {
        trailing.delete(conversationId);
        send(conversationId);
      }, windowMs - (now - last));
      timer.unref();
      trailing.set(conversationId, timer);
    },

    /** Cancels the waiting trailing requests; later requests are ignored. */
    stop(): void {
      stopped = true;
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
    },
  };
}

export type RecomputeThrottle = ReturnType<typeof createRecomputeThrottle>;
