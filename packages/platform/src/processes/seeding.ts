import type { LocalizedText } from '../shared/localized.ts';
import type { CharterField, PhaseMethod, PhaseSettings, ProcessStatus } from './processes.tables.ts';
import type { ProcessesContext } from './processes.context.ts';

/** Seeding: creating a process with its charter and timeline unless one with that slug exists. */
export function seedingUseCases(ctx: ProcessesContext) {
  const { repo, invalidate, syncDates } = ctx;
  return {
    /** Creates a process or leaves an existing one with that slug unchanged (seeding). */
    async ensureProcess(input: {
      slug: string;
      status: ProcessStatus;
      title: LocalizedText;
      summary: LocalizedText;
      startsOn: string | null;
      endsOn: string | null;
      createdBy: string | null;
      charter?: Partial<Record<CharterField, LocalizedText>>;
      respondBy?: string | null;
      phases?: { method: PhaseMethod; title: LocalizedText; description?: LocalizedText; startsOn: string; endsOn: string; settings?: PhaseSettings }[];
    }): Promise<{ id: string; created: boolean; phaseIds: string[] }> {
      const existing = await repo.findFullBySlug(input.slug);
      if (existing) return { id: existing.id, created: false, phaseIds: (await repo.phasesOf(existing.id)).map((p) => p.id) };
      const id = await repo.insertProcess({ slug: input.slug, title: input.title, createdBy: input.createdBy });
      await repo.updateProcess(id, { summary: input.summary, ...(input.charter ?? {}) }, input.respondBy ?? null);
      const phaseIds: string[] = [];
      for (const phase of input.phases ?? []) {
        phaseIds.push(await repo.insertPhase(id, phase));
      }
      if (input.phases?.length) await syncDates(id);
      else await repo.setDates(id, input.startsOn, input.endsOn);
      if (input.status !== 'draft') await repo.setStatus(id, input.status);
      invalidate();
      return { id, created: true, phaseIds };
    },
  };
}
