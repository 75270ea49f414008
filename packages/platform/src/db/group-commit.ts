import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/** Options of a group commit: how a batch is written and how large it may grow. */
export interface GroupCommitOptions<I, O> {
  /**
   * Writes the items in the transaction `trx` (multi-row statements) and returns one outcome per item, in the
   * items' order. Throwing fails the whole batch; its items are then retried in smaller batches, down to one.
   */
  readonly write: (trx: Transaction<Database>, items: readonly I[]) => Promise<readonly O[]>;
  /**
   * The row an item writes. Two items with one key are never in one batch, nor in two batches in flight at
   * once: the later waits, so it is committed after the earlier (a re-vote overwrites the vote, in order).
   */
  readonly key: (item: I) => string;
  /** The most items in one transaction; default 500. */
  readonly maxBatch?: number;
  /** Transactions in flight at once (each holds a pool connection while it commits); default 2. */
  readonly maxInFlight?: number;
}

/** A queue of writes committed together. */
export interface GroupCommit<I, O> {
  /** Queues the item; resolves with its outcome once the transaction that wrote it has committed. */
  write(item: I): Promise<O>;
}

interface Pending<I, O> {
  readonly item: I;
  readonly key: string;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive together are written in one transaction, and each caller hears back only
 * after that transaction committed (with the database's synchronous commit, so after the disk flush): nothing
 * acknowledged can be lost in a crash, and one flush serves the whole batch. There is no timer: a batch
 * starts as soon as a transaction slot is free, so a lone write waits for nobody, and batches grow by
 * themselves while the database is busy committing the previous ones.
 *
 * A batch that fails is split in halves and each half retried, so one bad item (a row deleted meanwhile, a
 * unique violation) fails its own caller with its own error and no other.
 */
export function createGroupCommit<I, O>(db: Db, options: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  let queue: Pending<I, O>[] = [];
  const busy = new Set<string>();
  let inFlight = 0;

  /** The next batch: queued items in order, skipping keys already taken (they stay queued, in order). */
  function takeBatch(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    const taken = new Set<string>();
    for (const pending of queue) {
      if (batch.length < maxBatch && !busy.has(pending.key) && !taken.has(pending.key)) {
        taken.add(pending.key);
        batch.push(pending);
      } else rest.push(pending);
    }
    queue = rest;
    return batch;
  }

  async function commit(batch: readonly Pending<I, O>[]): Promise<void> {
    let outcomes: readonly O[];
    try {
      outcomes = await db.transaction().execute((trx) => options.write(trx, batch.map((p) => p.item)));
      if (outcomes.length !== batch.length) throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      const half = Math.ceil(batch.length / 2);
      await commit(batch.slice(0, half));
      await commit(batch.slice(half));
      return;
    }
    batch.forEach((p, i) => p.resolve(outcomes[i] as O));
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      inFlight++;
      for (const p of batch) busy.add(p.key);
      void commit(batch).finally(() => {
        inFlight--;
        for (const p of batch) busy.delete(p.key);
        pump();
      });
    }
  }

  return {
    write(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, key: options.key(item), resolve, reject });
        pump();
      });
    },
  };
}
