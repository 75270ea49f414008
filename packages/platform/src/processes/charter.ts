import type { Actor } from '../accounts/accounts.policy.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isIsoDate } from '../shared/dates.ts';
import { processesPolicy } from './processes.policy.ts';
import type { CharterField } from './processes.tables.ts';
import { limits, slugify, type ProcessesContext } from './processes.context.ts';

/** A process's charter: starting a draft and writing its texts and respond-by date. */
export function charterUseCases(ctx: ProcessesContext) {
  const { deps, repo, invalidate, managed } = ctx;
  return {
    /** Starts a draft process with a title in one language. */
    async createProcess(actor: Actor | null, input: { title: unknown; locale: unknown }): Promise<Result<{ id: string; slug: string }>> {
      if (!processesPolicy.manage(actor)) return fail('Forbidden');
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') return fail('ValidationFailed', [{ field: 'title', message: 'field.required' }]);
      if (title.length > limits.title) return fail('ValidationFailed', [{ field: 'title', message: 'field.tooLong', params: { max: limits.title } }]);
      const locale: Locale = isLocale(input.locale) ? input.locale : 'nb';
      const base = slugify(title);
      const taken = new Set(await repo.slugsLike(base));
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      const id = await repo.insertProcess({ slug, title: { [locale]: title }, createdBy: actor?.id ?? null });
      invalidate();
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.created', subjectType: 'process', subjectId: id });
      return ok({ id, slug });
    },

    /**
     * Writes the charter's texts in one language (others are kept). Every field is checked before
     * anything is saved.
     */
    async updateCharter(
      actor: Actor | null,
      processId: string,
      input: { locale: unknown; texts: Partial<Record<CharterField | 'title' | 'summary', unknown>>; respondBy?: unknown },
    ): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (!isLocale(input.locale)) return fail('ValidationFailed', [{ field: 'locale', message: 'field.localeUnknown' }]);
      const locale = input.locale;
      const errors: FieldError[] = [];
      const changes: Partial<Record<CharterField | 'title' | 'summary', LocalizedText>> = {};
      for (const [field, max] of Object.entries(limits) as [CharterField | 'title' | 'summary', number][]) {
        const value = input.texts[field];
        if (value === undefined) continue;
        const text = typeof value === 'string' ? value.trim() : '';
        if (text.length > max) {
          errors.push({ field, message: 'field.tooLong', params: { max } });
          continue;
        }
        if (field === 'title' && text === '') {
          errors.push({ field, message: 'field.required' });
          continue;
        }
        const next: LocalizedText = { ...found.value[field] };
        if (text === '') delete next[locale];
        else next[locale] = text;
        changes[field] = next;
      }
      let respondBy: string | null | undefined;
      if (input.respondBy !== undefined) {
        if (input.respondBy === '' || input.respondBy === null) respondBy = null;
        else if (isIsoDate(input.respondBy)) respondBy = input.respondBy;
        else errors.push({ field: 'respondBy', message: 'field.dateInvalid' });
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      invalidate();
      await repo.updateProcess(processId, changes, respondBy);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.charter_updated', subjectType: 'process', subjectId: processId, details: { locale } });
      return ok(null);
    },
  };
}
