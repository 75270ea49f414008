import type { Actor } from '../accounts/accounts.policy.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { instantIn } from '../shared/dates.ts';
import { cleanLocalized } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { presentUpdate, type PresentedUpdate } from './updates.presenter.ts';
import { bodyMax, subjectMax } from './updates.contract.ts';
import type { UpdatesContext } from './updates.context.ts';
import type { Audience } from './updates.tables.ts';
import type { sendingUseCases } from './sending.ts';

/** What staff write: the text in the language it was written in, translations optional. */
export interface UpdateInput {
  readonly id: string;
  readonly language: Locale;
  readonly subject: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, string>>;
  readonly audience: Audience;
  readonly phaseId?: string | undefined;
  readonly sendAt?: string | undefined;
}

/** Staff's use cases: the list, who an update would reach, writing and sending or scheduling it, cancelling. */
export function composingUseCases(ctx: UpdatesContext, sending: ReturnType<typeof sendingUseCases>) {
  const { deps, repo } = ctx;

  /** The phase named by a form or request (an empty value names none); undefined when the process has no such phase. */
  function phaseOf(process: { phases: readonly { id: string }[] }, phaseId: string | undefined): string | null | undefined {
    if (phaseId === undefined || phaseId.trim() === '') return null;
    return process.phases.some((p) => p.id === phaseId) ? phaseId : undefined;
  }

  return {
    async listUpdates(actor: Actor | null, input: { id: string }): Promise<Result<{ updates: PresentedUpdate[]; timeZone: string }>> {
      const found = await ctx.managedProcess(actor, input.id);
      if (!found.ok) return found;
      const rows = await repo.listOf(found.value.process.id);
      return ok({ updates: rows.map((r) => presentUpdate(r, actor)), timeZone: deps.timeZone });
    },

    async previewAudience(actor: Actor | null, input: { id: string; audience: Audience; phaseId?: string | undefined }): Promise<Result<{ recipients: number; byEmail: number; listOnly: number }>> {
      const found = await ctx.managedProcess(actor, input.id);
      if (!found.ok) return found;
      const phaseId = phaseOf(found.value.process, input.phaseId);
      if (phaseId === undefined) return fail('ValidationFailed', [{ field: 'phaseId', message: 'field.unknownChoice' }]);
      const recipients = await sending.recipientsOf(found.value.process, input.audience, phaseId);
      const byEmail = recipients.filter((r) => r.byEmail).length;
      return ok({ recipients: recipients.length, byEmail, listOnly: recipients.length - byEmail });
    },

    /**
     * Writes an update and sends it now, or schedules it for a time in the municipality's time zone. Refused,
     * with each field named, when the written language's subject or message is missing, a translation is half
     * written, the time is not a time or has passed, or the update would reach nobody; nothing is stored then.
     */
    async createUpdate(actor: Actor | null, input: UpdateInput): Promise<Result<PresentedUpdate>> {
      const found = await ctx.managedProcess(actor, input.id);
      if (!found.ok) return found;
      const { process } = found.value;
      const subject = cleanLocalized(input.subject);
      const body = cleanLocalized(input.body);
      const fields: FieldError[] = [];
      for (const locale of locales) {
        const [s, b] = [subject[locale], body[locale]];
        if (locale === input.language) {
          if (!s) fields.push({ field: `subject.${locale}`, message: 'field.required' });
          if (!b) fields.push({ field: `body.${locale}`, message: 'field.required' });
        } else if (s && !b) fields.push({ field: `body.${locale}`, message: 'field.translationHalf' });
        else if (b && !s) fields.push({ field: `subject.${locale}`, message: 'field.translationHalf' });
        if (s && s.length > subjectMax) fields.push({ field: `subject.${locale}`, message: 'field.tooLong', params: { max: subjectMax } });
        if (b && b.length > bodyMax) fields.push({ field: `body.${locale}`, message: 'field.tooLong', params: { max: bodyMax } });
      }
      const phaseId = phaseOf(process, input.phaseId);
      if (phaseId === undefined) fields.push({ field: 'phaseId', message: 'field.unknownChoice' });
      const now = deps.clock();
      let sendAt = now;
      if (input.sendAt !== undefined && input.sendAt.trim() !== '') {
        const when = instantIn(input.sendAt, deps.timeZone);
        if (!when) fields.push({ field: 'sendAt', message: 'field.dateTimeInvalid' });
        else if (when.getTime() <= now.getTime()) fields.push({ field: 'sendAt', message: 'field.sendAtPast' });
        else sendAt = when;
      }
      if (fields.length > 0) return fail('ValidationFailed', fields);
      const recipients = await sending.recipientsOf(process, input.audience, phaseId ?? null);
      if (recipients.length === 0) return fail('ValidationFailed', [{ field: 'audience', message: phaseId ? 'field.noRecipientsPhase' : 'field.noRecipients' }]);
      const scheduled = sendAt !== now;
      const id = await repo.insertUpdate({ processId: process.id, phaseId: phaseId ?? null, audience: input.audience, language: input.language, subject, body, sendAt, createdBy: found.value.actor.id, at: now });
      await ctx.audit(found.value.actor.id, scheduled ? 'schedule' : 'create', id, { processId: process.id, audience: input.audience, phaseId: phaseId ?? null, sendAt: sendAt.toISOString() });
      if (!scheduled) await sending.sendUpdate(id);
      const row = await repo.find(id);
      if (!row) return fail('NotFound');
      return ok(presentUpdate(row, actor));
    },

    /** Cancels a scheduled update; `Conflict` once it is being sent, sent or already cancelled. */
    async cancelUpdate(actor: Actor | null, input: { id: string; updateId: string }): Promise<Result<PresentedUpdate>> {
      const found = await ctx.managedProcess(actor, input.id);
      if (!found.ok) return found;
      const row = await repo.find(input.updateId);
      if (!row || row.process_id !== found.value.process.id) return fail('NotFound');
      if (!(await repo.cancel(row.id, deps.clock()))) return fail('Conflict');
      await ctx.audit(found.value.actor.id, 'cancel', row.id, { processId: row.process_id });
      const cancelled = await repo.find(row.id);
      return cancelled ? ok(presentUpdate(cancelled, actor)) : fail('NotFound');
    },
  };
}
