import { analyze, type ConversationState, type OpinionResult } from '@tingsted/opinions';
import type { RecomputeRequest } from './recompute.worker.ts';
import { keepWorker } from '../jobs/worker.ts';
import type { Logger } from '../shared/logger.ts';
import { recomputeWorker } from './recompute.worker.ts';

/**
 * Runs `analyze` in a worker thread so a large conversation's recompute does not block the server's event
 * loop. One thread, started on first use and reused (`keepWorker`); requests are answered in order. When no
 * thread can be started, recomputes run on the main thread.
 */
export function createRecomputeRunner(logger: Logger) {
  const worker = keepWorker<RecomputeRequest, OpinionResult>(recomputeWorker, {
    onError: (error) => logger.error({ err: { message: error.message } }, 'opinion worker failed'),
  });
  let failedToStart = false;

  return {
    /** The result of `analyze(state, { previous: state.lastResult, minVotes })`, computed off the main thread. */
    run(state: ConversationState, minVotes = 7): Promise<OpinionResult> {
      if (!failedToStart) {
        try {
          return worker.run({ state, minVotes });
        } catch (error) {
          failedToStart = true;
          logger.warn({ err: { message: (error as Error).message } }, 'opinion worker unavailable; recomputing on the main thread');
        }
      }
      return Promise.resolve(analyze(state, { previous: state.lastResult, minVotes }));
    },
    async stop() {
      await worker.stop();
    },
  };
}

export type RecomputeRunner = ReturnType<typeof createRecomputeRunner>;
