import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { cleanLocalized, type LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { FeedbackContext } from './feedback.context.ts';

/** The statuses ideas can have: the built-in ones and a municipality's own (administrators). */
export function statusUseCases(ctx: FeedbackContext) {
  const { deps, repo, statuses } = ctx;
  return {
    /** Every status, in the order staff arranged them. */
    statuses,

    /**
     * Adds a municipality's own status (administrators): a label in at least one language (the others
     * fall back to it), whether it needs an official answer and whether it carries progress. The key is
     * made from the label and never changes, so exports stay comparable.
     */
    async addStatus(
      actor: Actor | null,
      input: { label: Record<string, unknown>; requiresAnswer?: unknown; allowsProgress?: unknown },
    ): Promise<Result<{ key: string }>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const label = statusLabel(input.label);
      if (!label.ok) return label;
      const existing = await statuses();
      const last = await repo.lastStatusPosition();
      const base = statusKey(Object.values(label.value)[0] ?? '');
      let key = base;
      for (let n = 2; existing.some((s) => s.key === key); n += 1) key = `${base}_${n}`;
      await repo.insertStatus({
        key,
        label: JSON.stringify(label.value),
        position: (last ?? 90) + 10,
        requiresAnswer: checked(input.requiresAnswer),
        allowsProgress: checked(input.allowsProgress),
      });
      await deps.audit.record({ actorId: actor.id, action: 'status.added', subjectType: 'input_status', subjectId: key, details: { label: label.value } });
      return ok({ key });
    },

    /** Changes a municipality's own status: its labels and rules (built-in statuses are fixed). */
    async updateStatus(
      actor: Actor | null,
      key: string,
      input: { label: Record<string, unknown>; requiresAnswer?: unknown; allowsProgress?: unknown },
    ): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const status = (await statuses()).find((s) => s.key === key);
      if (!status) return fail('NotFound');
      if (status.builtIn) return fail('Conflict');
      const label = statusLabel(input.label);
      if (!label.ok) return label;
      await repo.updateStatus(key, { label: JSON.stringify(label.value), requiresAnswer: checked(input.requiresAnswer), allowsProgress: checked(input.allowsProgress) });
      await deps.audit.record({ actorId: actor.id, action: 'status.updated', subjectType: 'input_status', subjectId: key, details: { label: label.value } });
      return ok(null);
    },

    /** Removes a municipality's own status that no idea has or had (otherwise refused, naming why). */
    async removeStatus(actor: Actor | null, key: string): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const status = (await statuses()).find((s) => s.key === key);
      if (!status) return fail('NotFound');
      if (status.builtIn) return fail('Conflict');
      const [byIdea, byAnswer] = await Promise.all([deps.ideas.ideasWithStatus(key), repo.statusAnswered(key)]);
      if (byIdea || byAnswer) return fail('ValidationFailed', [{ field: 'status', message: 'field.statusInUse' }]);
      await repo.deleteStatus(key);
      await deps.audit.record({ actorId: actor.id, action: 'status.removed', subjectType: 'input_status', subjectId: key, details: {} });
      return ok(null);
    },
  };
}

function checked(value: unknown): boolean {
  return value === true || value === 'on';
}

/** A status label per language: at least one, each at most 60 characters. */
function statusLabel(input: Record<string, unknown>): Result<LocalizedText> {
  const label = cleanLocalized(input);
  const errors: FieldError[] = [];
  if (Object.keys(label).length === 0) errors.push({ field: 'label', message: 'field.labelRequired' });
  for (const [locale, text] of Object.entries(label))
    if (text.length > 60) errors.push({ field: `label_${locale}`, message: 'field.tooLong', params: { max: 60 } });
  return errors.length > 0 ? fail('ValidationFailed', errors) : ok(label);
}

/** A stable, readable key from a label: `Sent to the council` → `sent_to_the_council`. */
function statusKey(label: string): string {
  const folded = label
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(folded) ? folded : `status_${folded}`.replace(/_$/, '');
}
