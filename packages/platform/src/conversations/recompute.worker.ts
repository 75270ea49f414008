// Runs the opinion-map computation off the event loop: receives a conversation state (structured clone)
// and answers with the result, through the platform's one worker bootstrap (jobs/worker.ts). One thread
// per server, reused between recomputes.
import { analyze, type ConversationState, type OpinionResult } from '@tingsted/opinions';
import { serveWorker, type WorkerEntry } from '../jobs/worker.ts';

const here = import.meta.url;

/**
 * The recompute thread's entry: this file (run from source), or `conversations-worker.mjs` (this file bundled on its
 * own by scripts/build-server.mjs) beside the bundled server.
 */
export const recomputeWorker: WorkerEntry = {
  name: 'conversations.recompute',
  url: here.endsWith('.ts') ? new URL(here) : new URL('./conversations-worker.mjs', here),
};

/** What the thread is asked: the conversation's state and the votes a participant needs to be placed. */
export interface RecomputeRequest {
  readonly state: ConversationState;
  readonly minVotes: number;
}

serveWorker<RecomputeRequest, OpinionResult>(recomputeWorker.name, ({ state, minVotes }) => analyze(state, { previous: state.lastResult, minVotes }));
