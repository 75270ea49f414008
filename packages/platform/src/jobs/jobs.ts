import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from '../db/database.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Background jobs on pg-boss, in the same PostgreSQL (schema `pgboss`) and through the same connection
 * pool as everything else, so many app servers share one queue and a job enqueued in a request is seen
 * by whichever server polls first.
 *
 * Modules declare their kinds of job with `define` when the platform is wired; any process may `send`
 * (a request, a CLI command); only a process that called `startWorkers` (the server's `start`) runs
 * them and the schedules.
 */
export interface JobQueue {
  /** Declares a kind of job and the function that does it. Call before `startWorkers`. */
  define<T extends object>(
    name: string,
    handler: (data: T, job: { id: string }) => Promise<void>,
    options?: JobKindOptions,
  ): void;
  /**
   * Enqueues a job; returns its id, or null when a job with the same `singletonKey` is already waiting
   * (the `coalesce` policy), which is how bursts of triggers become one run.
   */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Runs `name` on a cron schedule in the municipality's time zone (only where workers run). */
  schedule(name: string, cron: string, data?: object): void;
  /** The state of one job, for progress pages. */
  state(name: string, id: string): Promise<JobState | null>;
  /** Starts polling for jobs and running schedules in this process. */
  startWorkers(): Promise<void>;
  /** Whether this process runs the workers (startWorkers was called). */
  workersRunning(): boolean;
  /** Stops workers (waiting briefly for running jobs) and the queue. */
  stop(): Promise<void>;
}

export interface JobKindOptions {
  /**
   * `standard`: every send is a job. `coalesce`: at most one job waiting per singleton key, so a burst of
   * sends while one is queued adds nothing (pg-boss "stately": one queued and one active at most).
   */
  readonly policy?: 'standard' | 'coalesce';
  readonly retryLimit?: number;
  /** How long a run may take before pg-boss fails it. Default 15 minutes. */
  readonly expireInSeconds?: number;
  /** How often idle workers look for this kind of job (at least 0.5 s); default the queue's setting. */
  readonly pollingIntervalSeconds?: number;
  /**
   * A job sent from a process that also runs workers starts there at once instead of at the next poll,
   * and the next waiting job is taken as soon as one is done (for work people are watching, such as a
   * live opinion map). Other servers still find it by polling.
   */
  readonly wakeOnSend?: boolean;
}

export interface SendOptions {
  readonly singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  readonly startAfterSeconds?: number;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobQueueOptions {
  readonly db: Db;
  readonly logger: Logger;
  readonly timeZone: string;
  /** How often idle workers look for new jobs. Default 1 s. */
  readonly pollingIntervalSeconds?: number;
}

interface Kind {
  readonly handler: (data: object, job: { id: string }) => Promise<void>;
  readonly options: JobKindOptions;
}

/** Creates the job queue. Nothing touches the database until the first `send` or `startWorkers`. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const kinds = new Map<string, Kind>();
  const schedules: { name: string; cron: string; data: object }[] = [];
  let boss: PgBoss | null = null;
  let starting: Promise<PgBoss> | null = null;
  let workersStarted = false;
  let stopped = false;
  // Our own fetch loops for `wakeOnSend` kinds: how to wake each, and the loops to wait for on stop.
  const wakers = new Map<string, () => void>();
  const loops: Promise<void>[] = [];

  // pg-boss runs its SQL (including its own schema migrations, several statements in one string, no
  // parameters) through our pool: one set of connections per server, and tests' fresh databases work.
  const adapter: PgBoss.Db = {
    async executeSql(text, values) {
      const result = await options.db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as object[] };
    },
  };

  async function ensureStarted(workers: boolean): Promise<PgBoss> {
    if (stopped) throw new Error('the job queue has been stopped');
    if (boss) return boss;
    starting ??= (async () => {
      const instance = new PgBoss({
        db: adapter,
        schema: 'pgboss',
        // Maintenance (expiring, archiving) and cron run only in processes that run workers.
        supervise: workers,
        schedule: workers,
        migrate: true,
      });
      instance.on('error', (error: Error) =>
        options.logger.error({ err: { message: error.message } }, 'job queue error'),
      );
      await instance.start();
      for (const [name, kind] of kinds) {
        await instance.createQueue(name, {
          name,
          policy: kind.options.policy === 'coalesce' ? 'stately' : 'standard',
          retryLimit: kind.options.retryLimit ?? 2,
          expireInSeconds: kind.options.expireInSeconds ?? 15 * 60,
        });
      }
      boss = instance;
      return instance;
    })();
    try {
      return await starting;
    } catch (error) {
      starting = null;
      throw error;
    }
  }

  async function runJob(name: string, kind: Kind, job: { id: string; data: object }): Promise<void> {
    const started = performance.now();
    try {
      await kind.handler(job.data, { id: job.id });
      options.logger.info({ job: name, id: job.id, ms: Math.round(performance.now() - started) }, 'job done');
    } catch (error) {
      options.logger.error(
        { job: name, id: job.id, err: { message: error instanceof Error ? error.message : String(error) } },
        'job failed',
      );
      throw error;
    }
  }

  /** Takes jobs of one kind one at a time, sleeping between polls unless woken by a local send. */
  async function fetchLoop(instance: PgBoss, name: string, kind: Kind): Promise<void> {
    const pollMs = 1000 * Math.max(0.5, kind.options.pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? 1);
    let woken = false;
    let wake: (() => void) | null = null;
    wakers.set(name, () => {
      woken = true;
      wake?.();
    });
    while (!stopped) {
      woken = false;
      let jobs: PgBoss.Job<object>[] = [];
      try {
        jobs = await instance.fetch<object>(name);
      } catch (error) {
        options.logger.error({ job: name, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not fetch jobs');
      }
      for (const job of jobs) {
        try {
          await runJob(name, kind, job);
          await instance.complete(name, job.id);
        } catch (error) {
          await instance.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
        }
      }
      if (jobs.length > 0 || woken || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    define(name, handler, kindOptions = {}) {
      if (kinds.has(name)) throw new Error(`job "${name}" is defined twice`);
      if (boss) throw new Error(`job "${name}" defined after the queue started`);
      kinds.set(name, { handler: handler as Kind['handler'], options: kindOptions });
    },

    async send(name, data, sendOptions = {}) {
      if (!kinds.has(name)) throw new Error(`unknown job "${name}"`);
      const instance = await ensureStarted(false);
      const id = await instance.send(name, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
      if (id && !sendOptions.startAfterSeconds) wakers.get(name)?.();
      return id;
    },

    schedule(name, cron, data = {}) {
      if (!kinds.has(name)) throw new Error(`unknown job "${name}"`);
      schedules.push({ name, cron, data });
    },

    async state(name, id) {
      const instance = await ensureStarted(false);
      const job = await instance.getJobById(name, id, { includeArchive: true });
      return job ? job.state : null;
    },

    workersRunning() {
      return workersStarted;
    },

    async startWorkers() {
      if (workersStarted) return;
      if (boss) throw new Error('startWorkers must be called before anything is sent from this process');
      const instance = await ensureStarted(true);
      workersStarted = true;
      for (const [name, kind] of kinds) {
        if (kind.options.wakeOnSend) {
          loops.push(fetchLoop(instance, name, kind));
          continue;
        }
        await instance.work<object>(
          name,
          { pollingIntervalSeconds: Math.max(0.5, kind.options.pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? 1), batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) await runJob(name, kind, job);
          },
        );
      }
      for (const { name, cron, data } of schedules)
        await instance.schedule(name, cron, data, { tz: options.timeZone });
    },

    async stop() {
      stopped = true;
      for (const wake of wakers.values()) wake();
      await Promise.all(loops);
      const instance = boss ?? (starting ? await starting.catch(() => null) : null);
      if (!instance) return;
      // The pool belongs to the platform: pg-boss must not close it.
      await instance.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
    },
  };
}
