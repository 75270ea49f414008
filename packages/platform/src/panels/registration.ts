import type { Actor } from '../accounts/accounts.policy.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { PanelCategory, RegistrationChannel } from './panels.tables.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { normaliseCode } from './panels.codes.ts';
import { isLocale } from '../i18n/locales.ts';

/** What a registration form sends, on the invitee's own page or the staff's assisted form. */
export interface RegistrationInput {
  readonly code: unknown;
  readonly consent: unknown;
  readonly answers: Record<string, unknown>;
  readonly name: unknown;
  readonly email: unknown;
  readonly phone: unknown;
}

/** A registration once every field has been checked. */
export interface CheckedRegistration {
  readonly code: string;
  readonly answers: Record<string, string>;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

/**
 * Checks a registration, naming every bad field: the code, consent, one answer per category (`q<index>`),
 * the name, and the contact details. On one's own form an e-mail address is required; staff entering a
 * registration by phone or at a desk need an e-mail address or a phone number.
 */
export function checkRegistration(categories: readonly PanelCategory[], input: RegistrationInput, channel: RegistrationChannel): Result<CheckedRegistration> {
  const errors: FieldError[] = [];
  const code = normaliseCode(typeof input.code === 'string' ? input.code : '');
  if (code === '') errors.push({ field: 'code', message: 'field.required' });
  if (input.consent !== true && input.consent !== 'on') errors.push({ field: 'consent', message: channel === 'self' ? 'panels.register.consentRequired' : 'panels.assisted.consentRequired' });
  const answers: Record<string, string> = {};
  categories.forEach((category, i) => {
    const value = input.answers[category.name];
    const match = category.values.find((v) => v.value === value);
    if (!match) errors.push({ field: `q${i}`, message: 'panels.register.answerRequired', params: { question: category.name } });
    else answers[category.name] = match.value;
  });
  const name = checkText(input.name, 'name', { max: 200 });
  if ('error' in name) errors.push(name.error);
  const typedEmail = typeof input.email === 'string' ? input.email.trim() : '';
  const phone = typeof input.phone === 'string' ? input.phone.trim() : '';
  const email = channel !== 'self' && typedEmail === '' ? { value: '' } : checkEmail(input.email, 'email');
  if ('error' in email) errors.push(email.error);
  if (phone !== '' && !/^\+?[\d\s-]{5,20}$/.test(phone)) errors.push({ field: 'phone', message: 'panels.register.phoneInvalid' });
  if (channel !== 'self' && typedEmail === '' && phone === '') errors.push({ field: 'phone', message: 'panels.assisted.contactRequired' });
  if (errors.length > 0 || 'error' in name || 'error' in email) return fail('ValidationFailed', errors);
  return ok({ code, answers, name: name.value, email: email.value, phone });
}

/** Registration: invitees join the pool with their code; administrators see and export the pool. */
export function registrationUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit } = ctx;

  /** Writes a checked registration in one transaction (the code locked, used once) and logs it. */
  async function insertChecked(enteredBy: Actor | null, panelId: string, r: CheckedRegistration, channel: RegistrationChannel, locale: string | null = null): Promise<Result<{ number: number }>> {
    const outcome = await repo.transaction(async (trx) => {
      await repo.lockPanel(trx, panelId);
      const invitation = await repo.findInvitation(trx, panelId, r.code, true);
      if (!invitation) return 'unknown' as const;
      if (invitation.responded_at) return 'used' as const;
      return repo.insertRespondent(trx, {
        panelId,
        invitationId: invitation.id,
        answers: r.answers,
        household: invitation.household,
        name: r.name,
        email: r.email,
        phone: r.phone,
        at: deps.clock(),
        channel,
        enteredBy: enteredBy?.id ?? null,
        locale,
      });
    });
    if (outcome === 'unknown') return invalid('code', 'panels.code.unknown');
    if (outcome === 'used') return invalid('code', 'panels.code.used');
    if (enteredBy) await audit(enteredBy, 'panel.respondent_registered_by_staff', panelId, { number: outcome, channel });
    else await audit(null, 'panel.respondent_registered', panelId, { number: outcome });
    return ok({ number: outcome });
  }

  return {
    /** What the registration page shows: the panel, its questions and consent text (no personal data). */
    async registrationForm(panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      return ok({ id: panel.id, title: panel.title, consentText: panel.consent_text, open: panel.invitations_drawn_at !== null && panel.drawn_at === null && panel.hash_published_at === null && panel.selection_job_id === null, questions: panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => v.value) })) });
    },

    /**
     * The panel of a short invitation code (the letter's `/p/ABCD-1234`), for the page that leads to its
     * registration form. Unknown codes are a field error on `code`; guesses are limited per network address.
     */
    async findInvitationByCode(codeInput: unknown, clientAddress?: string): Promise<Result<{ panelId: string; code: string }>> {
      const code = normaliseCode(typeof codeInput === 'string' ? codeInput : '');
      if (code === '') return invalid('code', 'field.required');
      if (clientAddress !== undefined) {
        const byAddress = await deps.accounts.checkRateLimit('panelRegistrationAddress', `short-code:${clientAddress}`);
        if (!byAddress.ok) return byAddress;
      }
      const invitation = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code) ? await repo.invitationByCode(code) : undefined;
      if (!invitation) return invalid('code', 'panels.code.unknown');
      return ok({ panelId: invitation.panel_id, code: invitation.code });
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
     * locked so two submissions cannot both use it. Limited per person (the code) and, unless a registration
     * session is on, per network address for this panel's form (`clientAddress`, when the caller knows it).
     * `locale` is the language of the form, kept for the e-mails that follow (a draw's "not selected").
     */
    async registerRespondent(panelId: string, input: RegistrationInput, clientAddress?: string, locale?: string): Promise<Result<{ number: number }>> {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (!panel.invitations_drawn_at || panel.drawn_at || panel.hash_published_at || panel.selection_job_id) return fail('PhaseClosed');
      // Every attempt counts against the address (guessing codes), unless a registration session is on.
      const sessionOn = panel.registration_session_until !== null && panel.registration_session_until > deps.clock();
      if (clientAddress !== undefined && !sessionOn) {
        const byAddress = await deps.accounts.checkRateLimit('panelRegistrationAddress', `${panelId}:${clientAddress}`);
        if (!byAddress.ok) return byAddress;
      }
      const code = normaliseCode(typeof input.code === 'string' ? input.code : '');
      if (code !== '') {
        const byPerson = await deps.accounts.checkRateLimit('panelRegistration', `${panelId}:${code}`);
        if (!byPerson.ok) return byPerson;
      }
      const checked = checkRegistration(panel.categories, input, 'self');
      if (!checked.ok) return checked;
      return insertChecked(null, panelId, checked.value, 'self', isLocale(locale) ? locale : null);
    },

    /**
     * Staff register a person who is on the phone or at the desk: the same code, questions and consent (read
     * to them), an e-mail address or a phone number. Whoever entered it is recorded on the registration and in
     * the audit log. No rate limit: staff are signed in and each registration is theirs.
     */
    async registerAssisted(actor: Actor | null, panelId: string, input: RegistrationInput & { channel: unknown }): Promise<Result<{ number: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (!panel.invitations_drawn_at || panel.drawn_at || panel.hash_published_at || panel.selection_job_id) return fail('PhaseClosed');
      if (input.channel !== 'phone' && input.channel !== 'desk') return invalid('channel', 'field.oneOf', { choices: 'phone, desk' });
      const checked = checkRegistration(panel.categories, input, input.channel);
      if (!checked.ok) return checked;
      return insertChecked(actor, panelId, checked.value, input.channel);
    },

    /** The pool with contact details, for the panel's administrators. Audited. */
    async listPool(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const rows = await repo.poolWithContacts(panelId);
      const staff = await deps.accounts.displayNamesOf(rows.flatMap((r) => (r.entered_by ? [r.entered_by] : [])));
      await audit(actor, 'panel.pool_viewed', panelId, { rows: rows.length });
      return ok({
        categories: found.value.categories.map((c) => c.name),
        rows: rows.map((r) => ({ ...r, enteredByName: r.entered_by ? (staff.get(r.entered_by) ?? '') : null })),
        deleteOn: found.value.delete_pool_on,
        deletedAt: found.value.pool_deleted_at,
      });
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
