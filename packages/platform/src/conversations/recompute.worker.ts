// Runs the opinion-map computation off the event loop: receives a conversation state (structured clone)
// and posts back the result. One worker per server, reused between recomputes.
import { parentPort } from 'node:worker_threads';
import { analyze, type ConversationState } from '@tingsted/opinions';

parentPort?.on('message', (message: { id: number; state: ConversationState }) => {
  try {
    const result = analyze(message.state, { previous: message.state.lastResult });
    parentPort?.postMessage({ id: message.id, ok: true, result });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
