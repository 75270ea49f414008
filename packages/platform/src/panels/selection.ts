import { poolHash } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { categoriesOf, peopleOf, recordPoolOf, type PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { selectInWorker, type SelectionOutput } from './selection.worker.ts';
import type { PanelSelection } from './panels.tables.ts';

/** The job that computes a panel's lottery (`runSelection`), one per panel at a time. */
export const selectionJob = 'panels.select';

/** Selection: the lottery computed as a job, and the relaxation of infeasible quotas. The draw is in draw.ts. */
export function selectionUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, problemOf } = ctx;
  return {
    /** Starts the selection as a background job (the lottery and its published list; no one is drawn yet). */
    async startSelection(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (panel.drawn_at) return invalid('selection', 'panels.selection.alreadyDrawn');
      if (panel.hash_published_at) return invalid('selection', 'panels.announce.locked');
      if (panel.categories.length === 0) return invalid('quotas', 'panels.selection.noQuotas');
      const pool = await repo.respondents(panelId);
      if (pool.length < panel.size) return invalid('selection', 'panels.selection.poolTooSmall', { pool: pool.length, size: panel.size });
      if (panel.selection && (panel.selection.state === 'queued' || panel.selection.state === 'running')) return ok(null);
      await repo.updatePanel(panelId, { selection: { state: 'queued', progress: '', startedAt: deps.clock().toISOString() }, lottery_text: null, lottery_hash: null, hash_published_at: null });
      const jobId = await deps.jobs.send(selectionJob, { panelId }, { singletonKey: panelId });
      await repo.updatePanel(panelId, { selection_job_id: jobId });
      await audit(actor, 'panel.selection_started', panelId);
      return ok(null);
    },

    /** The selection job: computes the lottery in a worker thread, reporting progress, and stores the list. */
    async runSelection(panelId: string): Promise<SelectionOutput | null> {
      const panel = await repo.findPanel(panelId);
      if (!panel || panel.drawn_at || panel.hash_published_at) return null;
      const startedAt = deps.clock().toISOString();
      await repo.updatePanel(panelId, { selection: { state: 'running', progress: '', startedAt } });
      const pool = await repo.respondents(panelId);
      const input = problemOf(panel, peopleOf(pool, panel.household_rule));
      let lastWrite = 0;
      // Progress is written at most once a second, in order, and always before the final state.
      let writes = Promise.resolve();
      let result: SelectionOutput;
      try {
        result = await selectInWorker(input, (progress) => {
          const now = Date.now();
          if (now - lastWrite < 1000) return;
          lastWrite = now;
          writes = writes.then(() => repo.updatePanel(panelId, { selection: { state: 'running', progress, startedAt } })).catch(() => undefined);
        });
        await writes;
      } catch (error) {
        await writes;
        await repo.updatePanel(panelId, { selection: { state: 'failed', detail: (error as Error).message, finishedAt: deps.clock().toISOString() }, selection_job_id: null });
        throw error;
      }
      const finishedAt = deps.clock().toISOString();
      if (!result.ok) {
        const selection: PanelSelection =
          result.reason === 'infeasible'
            ? { state: 'infeasible', detail: result.detail, relaxation: result.relaxation, finishedAt }
            : { state: 'failed', detail: result.detail, finishedAt };
        await repo.updatePanel(panelId, { selection, selection_job_id: null });
        return result;
      }
      await repo.updatePanel(panelId, {
        selection: {
          state: 'ready',
          algorithm: result.algorithm,
          poolSize: pool.length,
          minProbability: result.minProbability,
          maxProbability: result.maxProbability,
          probabilities: result.probabilities,
          m: result.m,
          maxDeviation: result.maxDeviation,
          seconds: result.seconds,
          algorithmSeconds: result.algorithmSeconds,
          finishedAt,
          poolHash: poolHash(recordPoolOf(pool, panel.household_rule), categoriesOf(panel)),
        },
        selection_job_id: null,
        lottery_text: result.lotteryText,
        lottery_hash: result.hash,
      });
      return result;
    },

    /** Applies the relaxation the selection suggested for infeasible quotas. */
    async applyRelaxation(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      if (found.value.hash_published_at) return invalid('quotas', 'panels.announce.locked');
      const selection = found.value.selection;
      if (!selection || selection.state !== 'infeasible' || selection.relaxation.length === 0) return fail('Conflict');
      const categories = found.value.categories.map((c) => ({
        name: c.name,
        values: c.values.map((v) => {
          let next = v;
          for (const change of selection.relaxation.filter((r) => r.category === c.name && r.value === v.value)) {
            next = change.bound === 'min' ? { ...next, min: change.to } : { ...next, max: change.to };
          }
          return next;
        }),
      }));
      await repo.updatePanel(panelId, { categories, selection: null });
      await audit(actor, 'panel.quotas_relaxed', panelId, { changes: selection.relaxation.length });
      return ok(null);
    },

  };
}
