import type { OpinionResult } from '@tingsted/opinions';
import type { ConversationsRepository } from './conversations.repository.ts';
import type { ResultsView } from './results-view.ts';

/** A conversation's stored results view as last read, with its revision. */
export interface StoredView {
  checkedAt: number;
  revision: number;
  view: ResultsView | null;
  computedAt: Date | null;
}

/**
 * The recompute job's stored output, read by pages and routing: the results view (checked against its
 * revision at most every 250 ms per server, which costs one indexed row) and the full opinion result
 * (re-read only when the revision moved).
 *
 * Lifecycle: created with the service and never started or stopped (no timers); each map is bounded and is
 * emptied when it grows past its bound.
 */
export function createStoredResults(repo: ConversationsRepository) {
  const views = new Map<string, StoredView>();
  const results = new Map<string, { revision: number; result: OpinionResult }>();

  /** The stored view (null until the first recompute), re-read at most every 250 ms per server. */
  async function view(conversationId: string): Promise<StoredView> {
    const hit = views.get(conversationId);
    if (hit && Date.now() - hit.checkedAt < 250) return hit;
    const current = await repo.storedRevision(conversationId);
    if (hit && current && current.revision === hit.revision) {
      hit.checkedAt = Date.now();
      return hit;
    }
    const row = current ? await repo.storedView(conversationId) : undefined;
    const entry = { checkedAt: Date.now(), revision: row?.revision ?? 0, view: (row?.view as ResultsView | undefined) ?? null, computedAt: row?.computed_at ?? null };
    if (views.size > 1000) views.clear();
    views.set(conversationId, entry);
    return entry;
  }

  /** The full opinion result behind the stored view (null until the first recompute). */
  async function result(conversationId: string): Promise<OpinionResult | null> {
    const stored = await view(conversationId);
    if (!stored.view) return null;
    const hit = results.get(conversationId);
    if (hit && hit.revision === stored.revision) return hit.result;
    const row = await repo.storedResult(conversationId);
    if (!row) return null;
    const full = row.result as OpinionResult;
    if (results.size > 200) results.clear();
    results.set(conversationId, { revision: row.revision, result: full });
    return full;
  }

  return {
    view,
    result,
    /** Forgets the views read (full results are keyed by revision and stay valid). */
    clear(): void {
      views.clear();
    },
  };
}

export type StoredResults = ReturnType<typeof createStoredResults>;
