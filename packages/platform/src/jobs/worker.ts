import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The one worker-thread bootstrap of the platform. Long CPU work (a panel's selection, the analysis of
 * inputs, an opinion map) runs off the server's event loop: the module that does the work calls
 * `serveWorker` at its top level, and callers start a thread on that module with `runInWorker` (one task,
 * then the thread ends) or `keepWorker` (one thread reused for task after task).
 *
 * A worker's entry is a module URL: in tests and development the module's .ts file, which the thread loads
 * with Node's own type stripping (Node 22.18 or newer; no loader to register); in the bundled server the
 * bundle file, which holds every worker module, so the thread is told by name which handler is wanted.
 *
 * Protocol: the caller posts `{ id, input }`; the worker answers `{ id, progress }` any number of times and
 * then `{ id, result }` or `{ id, error }` (the message of what the handler threw).
 */
export interface WorkerEntry {
  /** Which `serveWorker` handler answers, e.g. 'panels.selection'. */
  readonly name: string;
  /** The module that calls `serveWorker(name, …)` (its .ts file, or the bundle that contains it). */
  readonly url: URL;
}

const marker = 'tingsted-worker';

type Request<I> = { readonly id: number; readonly input: I };
type Reply<O, P> = { readonly id: number; readonly progress?: P; readonly result?: O; readonly error?: string };

/**
 * Answers tasks for `name` when this thread is a worker started for it; does nothing anywhere else (the main
 * thread, or a worker started for another name from the same bundle). `report` sends progress to the caller.
 */
export function serveWorker<I, O, P = never>(name: string, handler: (input: I, report: (progress: P) => void) => O | Promise<O>): void {
  if (isMainThread || !parentPort) return;
  if (!workerData || typeof workerData !== 'object' || (workerData as Record<string, unknown>)[marker] !== name) return;
  const port = parentPort;
  port.on('message', (message: Request<I>) => {
    const { id } = message;
    const answer = (reply: Omit<Reply<O, P>, 'id'>) => port.postMessage({ id, ...reply });
    new Promise<O>((resolve) => resolve(handler(message.input, (progress) => answer({ progress }))))
      .then((result) => answer({ result }))
      .catch((error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }));
  });
}

/** Starts a thread on `entry`; throws when the thread cannot be created. */
function spawn(entry: WorkerEntry): Worker {
  return new Worker(entry.url, { workerData: { [marker]: entry.name } });
}

/** A short label for error messages: 'panels.selection' → 'selection'. */
const labelOf = (entry: WorkerEntry) => entry.name.slice(entry.name.lastIndexOf('.') + 1);

/**
 * Runs one task in a new thread and ends the thread when it answers (a solver's WebAssembly instance would
 * otherwise keep it alive). Rejects with the handler's error message, or when the thread fails or stops
 * without a result.
 */
export function runInWorker<I, O, P = never>(entry: WorkerEntry, input: I, options: { onProgress?: (progress: P) => void } = {}): Promise<O> {
  const worker = spawn(entry);
  const label = labelOf(entry);
  return new Promise<O>((resolve, reject) => {
    worker.on('message', (message: Reply<O, P>) => {
      if ('progress' in message) {
        options.onProgress?.(message.progress as P);
        return;
      }
      if ('result' in message) resolve(message.result as O);
      else reject(new Error(message.error ?? `${label} worker failed`));
      void worker.terminate();
    });
    worker.on('error', reject);
    // Settling twice is harmless: a result or error that came first wins.
    worker.on('exit', (code) => reject(new Error(`${label} worker stopped (exit code ${code}) without a result`)));
    worker.postMessage({ id: 1, input } satisfies Request<I>);
  });
}

/** A thread kept for many tasks: see `keepWorker`. */
export interface KeptWorker<I, O> {
  /** Runs one task; starts the thread first if there is none, and throws (synchronously) when it cannot. */
  run(input: I): Promise<O>;
  /** Ends the thread (tasks still waiting are rejected); the next `run` starts a new one. */
  stop(): Promise<void>;
}

/**
 * One thread, started on first use and reused; tasks are answered in order. The thread holds the process
 * open only while a task is under way. When it fails or stops, every waiting task is rejected, `onError`
 * hears of it, and the next `run` starts a new thread.
 */
export function keepWorker<I, O>(entry: WorkerEntry, options: { onError?: (error: Error) => void } = {}): KeptWorker<I, O> {
  const label = labelOf(entry);
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: O) => void; reject: (error: Error) => void }>();

  function fail(from: Worker, error: Error) {
    if (worker !== from) return;
    worker = null;
    options.onError?.(error);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  }

  function start(): Worker {
    if (worker) return worker;
    const created = spawn(entry);
    created.on('message', (message: Reply<O, never>) => {
      if ('progress' in message) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      // Held only while a task is under way, so an idle thread never keeps the process alive (a thread being
      // stopped stays held until it has ended, or `stop` would not be waited for).
      if (pending.size === 0 && worker === created) created.unref();
      if (!waiting) return;
      if ('result' in message) waiting.resolve(message.result as O);
      else waiting.reject(new Error(message.error ?? `${label} worker failed`));
    });
    created.on('error', (error) => fail(created, error));
    created.on('exit', (code) => fail(created, new Error(`${label} worker stopped (exit code ${code})`)));
    // (after the listeners: attaching a 'message' listener refs the thread again)
    created.unref();
    worker = created;
    return created;
  }

  return {
    run(input: I): Promise<O> {
      const running = start();
      const id = nextId++;
      return new Promise<O>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.ref();
        running.postMessage({ id, input } satisfies Request<I>);
      });
    },
    async stop() {
      const current = worker;
      worker = null;
      for (const waiting of pending.values()) waiting.reject(new Error(`${label} worker stopped`));
      pending.clear();
      current?.ref();
      await current?.terminate();
    },
  };
}
