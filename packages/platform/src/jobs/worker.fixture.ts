// A worker module for worker.test.ts: each task says what the handler should do.
import { threadId } from 'node:worker_threads';
import { serveWorker, type WorkerEntry } from './worker.ts';

export type FixtureTask =
  | { readonly kind: 'double'; readonly n: number }
  | { readonly kind: 'count'; readonly to: number }
  | { readonly kind: 'thread' }
  | { readonly kind: 'throw'; readonly message: string }
  | { readonly kind: 'exit'; readonly code: number };

export const fixtureWorker: WorkerEntry = { name: 'test.fixture', url: new URL(import.meta.url) };

serveWorker<FixtureTask, number, number>(fixtureWorker.name, async (task, report) => {
  switch (task.kind) {
    case 'double':
      return task.n * 2;
    case 'count':
      for (let i = 1; i <= task.to; i++) report(i);
      return task.to;
    case 'thread':
      return threadId;
    case 'throw':
      await Promise.resolve();
      throw new Error(task.message);
    case 'exit':
      return process.exit(task.code);
  }
});
