import type { Actor } from '../accounts/accounts.policy.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { normaliseCode } from './panels.codes.ts';

/** Registration: invitees join the pool with their code; administrators see and export the pool. */
export function registrationUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit } = ctx;
  return {
    /** What the registration page shows: the panel, its questions and consent text (no personal data). */
    async registrationForm(panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      return ok({ id: panel.id, title: panel.title, consentText: panel.consent_text, open: panel.invitations_drawn_at !== null && panel.drawn_at === null && panel.hash_published_at === null && panel.selection_job_id === null, questions: panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => v.value) })) });
    },

    /** Checks a code before the form is shown (true when it can still be used). */
    async checkCode(panelId: string, codeInput: unknown): Promise<Result<null>> {
      const code = normaliseCode(typeof codeInput === 'string' ? codeInput : '');
      if (code === '') return invalid('code', 'field.required');
      const invitation = await repo.findInvitation(deps.db, panelId, code);
      if (!invitation) return invalid('code', 'panels.code.unknown');
      if (invitation.responded_at) return invalid('code', 'panels.code.used');
      return ok(null);
    },

    /**
     * Registers an invitee into the pool: the code (once only), consent, one answer per category, name and
     * e-mail (and optionally a phone number). Everything is checked before anything is written; the code is
     * locked so two submissions cannot both use it.
     */
    async registerRespondent(
      panelId: string,
      input: { code: unknown; consent: unknown; answers: Record<string, unknown>; name: unknown; email: unknown; phone: unknown },
    ): Promise<Result<{ number: number }>> {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (!panel.invitations_drawn_at || panel.drawn_at || panel.hash_published_at || panel.selection_job_id) return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const code = normaliseCode(typeof input.code === 'string' ? input.code : '');
      if (code === '') errors.push({ field: 'code', message: 'field.required' });
      if (input.consent !== true && input.consent !== 'on') errors.push({ field: 'consent', message: 'panels.register.consentRequired' });
      const answers: Record<string, string> = {};
      panel.categories.forEach((category, i) => {
        const value = input.answers[category.name];
        const match = category.values.find((v) => v.value === value);
        if (!match) errors.push({ field: `q${i}`, message: 'panels.register.answerRequired', params: { question: category.name } });
        else answers[category.name] = match.value;
      });
      const name = checkText(input.name, 'name', { max: 200 });
      if ('error' in name) errors.push(name.error);
      const email = checkEmail(input.email, 'email');
      if ('error' in email) errors.push(email.error);
      const phone = typeof input.phone === 'string' ? input.phone.trim() : '';
      if (phone !== '' && !/^\+?[\d\s-]{5,20}$/.test(phone)) errors.push({ field: 'phone', message: 'panels.register.phoneInvalid' });
      if (errors.length > 0 || 'error' in name || 'error' in email) return fail('ValidationFailed', errors);
      const outcome = await repo.transaction(async (trx) => {
        await repo.lockPanel(trx, panelId);
        const invitation = await repo.findInvitation(trx, panelId, code, true);
        if (!invitation) return 'unknown' as const;
        if (invitation.responded_at) return 'used' as const;
        return repo.insertRespondent(trx, { panelId, invitationId: invitation.id, answers, household: invitation.household, name: name.value, email: email.value, phone, at: deps.clock() });
      });
      if (outcome === 'unknown') return invalid('code', 'panels.code.unknown');
      if (outcome === 'used') return invalid('code', 'panels.code.used');
      await audit(null, 'panel.respondent_registered', panelId, { number: outcome });
      return ok({ number: outcome });
    },

    /** The pool with contact details, for the panel's administrators. Audited. */
    async listPool(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const rows = await repo.poolWithContacts(panelId);
      await audit(actor, 'panel.pool_viewed', panelId, { rows: rows.length });
      return ok({ categories: found.value.categories.map((c) => c.name), rows, deleteOn: found.value.delete_pool_on, deletedAt: found.value.pool_deleted_at });
    },

    /** The pool as CSV (number, categories, status, contact details). Audited. */
    async exportPool(actor: Actor | null, panelId: string): Promise<Result<string>> {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const rows = await repo.poolWithContacts(panelId);
      const quote = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);
      const categories = found.value.categories.map((c) => c.name);
      const lines = [['number', ...categories, 'status', 'name', 'email', 'phone', 'registered_at'].map(quote).join(',')];
      for (const r of rows) lines.push([String(r.number), ...categories.map((c) => r.answers[c] ?? ''), r.status, r.name ?? '', r.email ?? '', r.phone ?? '', r.registered_at.toISOString()].map(quote).join(','));
      await audit(actor, 'panel.pool_exported', panelId, { rows: rows.length });
      return ok(lines.join('\n') + '\n');
    },

  };
}
