import type { Actor } from '../accounts/accounts.policy.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { PhaseMethod, PhaseSettings } from './processes.tables.ts';
import { parseCategories, type ProcessesContext } from './processes.context.ts';

/** A process's timeline: adding phases, changing, describing, reordering and removing them. */
export function phaseUseCases(ctx: ProcessesContext) {
  const { deps, repo, today, invalidate, managed, syncDates, checkPhaseInput } = ctx;
  return {
    /** Adds a phase; its dates may not overlap another phase's (checked under a lock on the process). */
    async addPhase(
      actor: Actor | null,
      processId: string,
      input: { method: unknown; title: unknown; startsOn: unknown; endsOn: unknown; locale: unknown; preScreening?: unknown; publicResults?: unknown; categories?: unknown },
    ): Promise<Result<{ id: string }>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const locale: Locale = isLocale(input.locale) ? input.locale : 'nb';
      const { errors, title } = checkPhaseInput(input, locale);
      const categories = parseCategories(input.categories);
      if ('error' in categories) errors.push(categories.error);
      if (errors.length > 0 || 'error' in categories) return fail('ValidationFailed', errors);
      const startsOn = input.startsOn as string;
      const endsOn = input.endsOn as string;
      const settings: PhaseSettings = {
        preScreening: input.preScreening === true || input.preScreening === 'on',
        publicResults: input.publicResults === true || input.publicResults === 'on',
        ...(categories.length > 0 && input.method === 'ideas' ? { categories } : {}),
      };
      const result = await repo.insertPhaseWithoutOverlap(processId, { method: input.method as PhaseMethod, title, startsOn, endsOn, settings });
      if (!result) return fail('ValidationFailed', [{ field: 'startsOn', message: 'field.phaseOverlap' }]);
      invalidate();
      await syncDates(processId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.phase_added', subjectType: 'process', subjectId: processId, details: { phaseId: result } });
      return ok({ id: result });
    },

    /** Writes a phase's text (the information residents read; Markdown subset) in one language. */
    async setPhaseDescription(actor: Actor | null, processId: string, phaseId: string, input: { locale: unknown; text: unknown }): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (!isLocale(input.locale)) return fail('ValidationFailed', [{ field: 'locale', message: 'field.localeUnknown' }]);
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (text.length > 20000) return fail('ValidationFailed', [{ field: 'description', message: 'field.tooLong', params: { max: 20000 } }]);
      const phase = (await repo.phasesOf(processId)).find((p) => p.id === phaseId);
      if (!phase) return fail('NotFound');
      const next: LocalizedText = { ...phase.description };
      if (text === '') delete next[input.locale];
      else next[input.locale] = text;
      await repo.setPhaseDescription(phaseId, next);
      invalidate();
      return ok(null);
    },

    /**
     * Moves a phase's opening and closing dates (the end on or after the start; no overlap with the process's
     * other phases). The process's own dates follow. Callers that offer it audit it with their own reasons
     * (the budgeting module: moving a vote's dates before it closes).
     */
    async movePhase(actor: Actor | null, processId: string, phaseId: string, input: { startsOn: string; endsOn: string }): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      if (!isIsoDate(input.startsOn)) errors.push({ field: 'startsOn', message: 'field.dateInvalid' });
      if (!isIsoDate(input.endsOn)) errors.push({ field: 'endsOn', message: 'field.dateInvalid' });
      else if (isIsoDate(input.startsOn) && input.endsOn < input.startsOn) errors.push({ field: 'endsOn', message: 'field.endBeforeStart' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const moved = await repo.movePhaseWithoutOverlap(processId, phaseId, input.startsOn, input.endsOn);
      if (moved === 'missing') return fail('NotFound');
      if (moved === 'overlap') return fail('ValidationFailed', [{ field: 'startsOn', message: 'field.phaseOverlap' }]);
      invalidate();
      await syncDates(processId);
      return ok(null);
    },

    /**
     * Changes a phase: its title in one language, its dates (no overlap with the process's other phases) and
     * its switches (pre-screening, public results, idea categories). The method stays.
     */
    async updatePhase(
      actor: Actor | null,
      processId: string,
      phaseId: string,
      input: { title: unknown; startsOn: unknown; endsOn: unknown; locale: unknown; preScreening?: unknown; publicResults?: unknown; categories?: unknown },
    ): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const phase = (await repo.phasesOf(processId)).find((p) => p.id === phaseId);
      if (!phase) return fail('NotFound');
      const locale: Locale = isLocale(input.locale) ? input.locale : 'nb';
      const { errors, title } = checkPhaseInput({ ...input, method: phase.method }, locale);
      const categories = parseCategories(input.categories);
      if ('error' in categories) errors.push(categories.error);
      if (errors.length > 0 || 'error' in categories) return fail('ValidationFailed', errors);
      // Each switch belongs to one method: an ideas phase's pre-screening and categories, a survey's public results.
      const settings: PhaseSettings = { ...phase.settings };
      if (phase.method === 'ideas') {
        settings.preScreening = input.preScreening === true || input.preScreening === 'on';
        if (categories.length > 0) settings.categories = categories;
        else delete settings.categories;
      }
      if (phase.method === 'survey') settings.publicResults = input.publicResults === true || input.publicResults === 'on';
      const saved = await repo.updatePhaseWithoutOverlap(processId, phaseId, { title: { ...phase.title, ...title }, startsOn: input.startsOn as string, endsOn: input.endsOn as string, settings });
      if (saved === 'missing') return fail('NotFound');
      if (saved === 'overlap') return fail('ValidationFailed', [{ field: 'startsOn', message: 'field.phaseOverlap' }]);
      invalidate();
      await syncDates(processId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.phase_changed', subjectType: 'process', subjectId: processId, details: { phaseId } });
      return ok(null);
    },

    /**
     * Moves a phase one place earlier (`up`) or later in the timeline by swapping it with its neighbour: the
     * two keep the span they shared, each keeps its length. Only phases that have not started move; the
     * refusal names the reason (field `direction`).
     */
    async reorderPhase(actor: Actor | null, processId: string, phaseId: string, direction: unknown): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (direction !== 'up' && direction !== 'down') return fail('ValidationFailed', [{ field: 'direction', message: 'field.oneOf', params: { choices: 'up, down' } }]);
      const moved = await repo.swapWithNeighbour(processId, phaseId, direction, today());
      if (moved === 'missing') return fail('NotFound');
      if (moved === 'edge') return fail('ValidationFailed', [{ field: 'direction', message: direction === 'up' ? 'field.phaseFirst' : 'field.phaseLast' }]);
      if (moved === 'started') return fail('InUse', [{ field: 'direction', message: 'field.phaseStartedKeepsPlace' }]);
      invalidate();
      await syncDates(processId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.phase_moved', subjectType: 'process', subjectId: processId, details: { phaseId, direction } });
      return ok(null);
    },

    /**
     * Removes a phase (and what belongs to it). Refused with the reason (field `phaseId`) once residents have
     * made inputs in it, and once it has started in a published process (residents have seen it).
     */
    async removePhase(actor: Actor | null, processId: string, phaseId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const phase = (await repo.phasesOf(processId)).find((p) => p.id === phaseId);
      if (!phase) return fail('NotFound');
      const inputs = deps.inputsOfPhase ? await deps.inputsOfPhase(phaseId) : 0;
      if (inputs > 0) return fail('InUse', [{ field: 'phaseId', message: 'field.phaseHasInputs', params: { count: inputs } }]);
      if (found.value.status !== 'draft' && phase.starts_on <= today()) return fail('InUse', [{ field: 'phaseId', message: 'field.phaseStarted' }]);
      if (!(await repo.deletePhase(processId, phaseId))) return fail('NotFound');
      invalidate();
      await syncDates(processId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.phase_removed', subjectType: 'process', subjectId: processId, details: { phaseId } });
      return ok(null);
    },
  };
}
