import { Worker } from 'node:worker_threads';
import { analyze, type ConversationState, type OpinionResult } from '@tingsted/opinions';
import type { Logger } from '../shared/logger.ts';

/**
 * Runs `analyze` in a worker thread so a large conversation's recompute does not block the server's event
 * loop. One worker, started on first use and reused; requests are answered in order. The worker's file is
 * `recompute.worker.ts` beside this one, or `conversations-worker.mjs` beside the bundled server.
 */
export function createRecomputeRunner(logger: Logger) {
  let worker: Worker | null = null;
  let failedToStart = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: OpinionResult) => void; reject: (e: Error) => void }>();

  function workerUrl(): URL {
    const here = import.meta.url;
    return here.endsWith('.ts') ? new URL('./recompute.worker.ts', here) : new URL('./conversations-worker.mjs', here);
  }

  function start(): Worker | null {
    if (worker || failedToStart) return worker;
    try {
      const url = workerUrl();
      // From TypeScript sources (tests, development) the worker registers the same loader before loading its file.
      const created = url.pathname.endsWith('.ts')
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
        : new Worker(url);
      created.on('message', (message: { id: number; ok: boolean; result?: OpinionResult; error?: string }) => {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        // Held only while a recompute is under way, so an idle worker never keeps the process alive.
        if (pending.size === 0) created.unref();
        if (!waiting) return;
        if (message.ok && message.result) waiting.resolve(message.result);
        else waiting.reject(new Error(message.error ?? 'recompute failed'));
      });
      created.on('error', (error) => {
        logger.error({ err: { message: error.message } }, 'opinion worker failed');
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
        worker = null;
      });
      // (after the listeners: attaching a 'message' listener refs the worker again)
      created.unref();
      worker = created;
    } catch (error) {
      failedToStart = true;
      logger.warn({ err: { message: (error as Error).message } }, 'opinion worker unavailable; recomputing on the main thread');
    }
    return worker;
  }

  return {
    /** The result of `analyze(state, { previous: state.lastResult })`, computed off the main thread. */
    run(state: ConversationState): Promise<OpinionResult> {
      const running = start();
      if (!running) return Promise.resolve(analyze(state, { previous: state.lastResult }));
      const id = nextId++;
      return new Promise<OpinionResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.ref();
        running.postMessage({ id, state });
      });
    },
    async stop() {
      const current = worker;
      worker = null;
      await current?.terminate();
    },
  };
}

export type RecomputeRunner = ReturnType<typeof createRecomputeRunner>;
