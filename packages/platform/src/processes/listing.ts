import type { Actor } from '../accounts/accounts.policy.ts';
import { isUuid } from '../shared/validate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { processesPolicy } from './processes.policy.ts';
import { processStatuses, type PhaseMethod } from './processes.tables.ts';
import type { Phase, ProcessDetail, ProcessesContext, ProcessSummary } from './processes.context.ts';

/** Reading processes: the public list, one process by address or id, and phases (through the short caches). */
export function listingUseCases(ctx: ProcessesContext) {
  const { repo, today, listCache, fresh, changes, phaseProcess, cachedDetail, present, loadDetail } = ctx;
  return {
    /** Today's date where the municipality is. */
    today,

    /**
     * Lists the processes the actor may see, newest first, optionally by status as people see it: `published`
     * is those still running or upcoming, `closed` those closed by staff or past their end date (`processState`).
     */
    async listProcesses(actor: Actor | null, query: { status?: unknown; page?: number; pageSize?: number }): Promise<Result<ProcessSummary[]>> {
      const visible = processesPolicy.visibleStatuses(actor);
      let statuses = visible;
      let ended: { today: string; value: boolean } | undefined;
      if (query.status !== undefined && query.status !== '' && query.status !== 'all') {
        if (!(processStatuses as readonly unknown[]).includes(query.status)) {
          return fail('ValidationFailed', [{ field: 'status', message: 'field.oneOf', params: { choices: ['all', ...processStatuses].join(', ') } }]);
        }
        const wanted = query.status === 'closed' ? ['published', 'closed'] : [query.status];
        statuses = visible.filter((s) => wanted.includes(s));
        if (query.status !== 'draft') ended = { today: today(), value: query.status === 'closed' };
      }
      if (statuses.length === 0) return ok([]);
      const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 20)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const key = `${statuses.join(',')}|${ended ? `${ended.today}:${ended.value}` : ''}|${today()}|${page}|${pageSize}`;
      const cached = listCache.get(key);
      if (cached && fresh(cached)) return ok(await cached.rows);
      const version = changes.version;
      const rows = repo.list({ statuses, limit: pageSize, offset: (page - 1) * pageSize, ...(ended ? { ended } : {}) }).then((list) => list.map(present));
      if (listCache.size > 100) listCache.clear();
      listCache.set(key, { at: Date.now(), version, rows });
      rows.catch(() => listCache.delete(key));
      return ok(await rows);
    },

    /** One process by its address, if the actor may see it. */
    async getProcess(actor: Actor | null, slug: string): Promise<Result<ProcessDetail>> {
      const detail = await cachedDetail(`slug:${slug}`, async () => {
        const row = await repo.findFullBySlug(slug);
        return row ? loadDetail(row) : null;
      });
      if (!detail || !processesPolicy.visibleStatuses(actor).includes(detail.status)) return fail('NotFound');
      return ok(detail);
    },

    /** One process by id (for other modules, which check their own permissions). */
    async getProcessById(processId: string): Promise<ProcessDetail | null> {
      // An id from an address that is not a uuid names no process, as an unknown one does.
      if (!isUuid(processId)) return null;
      return cachedDetail(`id:${processId}`, async () => {
        const row = await repo.findFullById(processId);
        return row ? loadDetail(row) : null;
      });
    },

    /** Whether a phase exists (read fresh, not from the cache), for modules that attach things to phases. */
    async phaseExists(phaseId: string): Promise<boolean> {
      return (await repo.processOfPhase(phaseId)) !== null;
    },

    /** The ids of one method's phases running today in published processes (the municipality's sections). */
    runningPhaseIds: (method: PhaseMethod) => repo.runningPhaseIds(method, today()),

    /** The phase and its process, with the phase's state today. */
    async getPhase(phaseId: string): Promise<{ phase: Phase; process: ProcessDetail } | null> {
      // A phase never moves to another process, so the mapping is remembered (bounded; removed phases
      // simply find no phase in the process's detail).
      let processId = phaseProcess.get(phaseId);
      if (!processId) {
        processId = (await repo.processOfPhase(phaseId)) ?? undefined;
        if (!processId) return null;
        if (phaseProcess.size >= 10_000) phaseProcess.clear();
        phaseProcess.set(phaseId, processId);
      }
      const process = await this.getProcessById(processId);
      const phase = process?.phases.find((p) => p.id === phaseId);
      return process && phase ? { phase, process } : null;
    },
  };
}
