import { randomBytes } from 'node:crypto';
import { drawReplacements } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { hashToken, peopleOf, type PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';

/** Members: confirming seats and replacing members who drop out. */
export function memberUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, send, problemOf } = ctx;
  return {
    /** A selected person confirms their seat with the link from the e-mail, which also links their account. */
    async confirmSeat(actor: Actor | null, panelId: string, tokenInput: unknown): Promise<Result<{ number: number }>> {
      if (!actor) return fail('NotSignedIn');
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const token = typeof tokenInput === 'string' ? tokenInput : '';
      if (token === '') return fail('TokenInvalid');
      const respondent = await repo.findByToken(panelId, hashToken(token));
      if (!respondent || respondent.status === 'pool' || respondent.status === 'dropped_out') return fail('TokenInvalid');
      if (respondent.user_id && respondent.user_id !== actor.id) return fail('TokenUsed');
      await repo.setRespondent(deps.db, respondent.id, { status: 'confirmed', user_id: actor.id, confirmed_at: deps.clock() });
      await audit(actor, 'panel.seat_confirmed', panelId, { number: respondent.number });
      return ok({ number: respondent.number });
    },

    /**
     * Staff confirm a seat (by phone or letter). A member confirmed by staff takes part and votes like one who
     * confirmed by link, once an account is linked to the seat: staff link the account at once when they know
     * its e-mail address (`accountEmail`), otherwise a fresh seat link is made, e-mailed to the member's
     * contact address when there is one and returned for staff to hand over (read out, printed).
     */
    async confirmByStaff(actor: Actor | null, panelId: string, numberInput: unknown, accountEmailInput: unknown = ''): Promise<Result<{ link: string | null; linked: boolean }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const number = Number(numberInput);
      const respondent = (await repo.respondents(panelId)).find((r) => r.number === number);
      if (!respondent || (respondent.status !== 'selected' && respondent.status !== 'confirmed')) return invalid('number', 'panels.confirm.notSelected');
      const typed = typeof accountEmailInput === 'string' ? accountEmailInput.trim() : '';
      let account: { id: string } | null = null;
      if (typed !== '') {
        const email = checkEmail(typed, 'accountEmail');
        if ('error' in email) return fail('ValidationFailed', [email.error]);
        account = await deps.accounts.accountByEmail(email.value);
        if (!account) return invalid('accountEmail', 'panels.confirm.noAccount');
        if (await repo.memberOf(panelId, account.id)) return invalid('accountEmail', 'panels.confirm.accountTaken');
      }
      const token = account || respondent.user_id ? null : randomBytes(24).toString('base64url');
      await repo.setRespondent(deps.db, respondent.id, {
        status: 'confirmed',
        confirmed_at: deps.clock(),
        ...(account ? { user_id: account.id } : {}),
        ...(token ? { confirm_token_hash: hashToken(token) } : {}),
      });
      await audit(actor, 'panel.seat_confirmed_by_staff', panelId, { number, linked: account !== null });
      const link = token ? `/panels/${panelId}/confirm?token=${token}` : null;
      if (link) {
        const [contact] = await repo.contactsOf([respondent.id]);
        const municipality = await deps.municipality();
        if (contact && contact.email !== '') await send(contact.email, municipality.defaultLocale, 'panels.mail.linkSeat.subject', 'panels.mail.linkSeat.body', { title: found.value.title }, link);
      }
      return ok({ link, linked: account !== null || respondent.user_id !== null });
    },

    /**
     * Replaces a member who dropped out: everyone staying is kept, the drop-out is excluded, and one seat is
     * drawn fairly from the rest of the pool so every quota (and the household rule) still holds. The seed is
     * the public seed with a counter, and the change is logged. When no one in the pool keeps the quotas,
     * nothing changes.
     */
    async replaceMember(actor: Actor | null, panelId: string, input: { number: unknown; reason: unknown }): Promise<Result<{ replacement: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (!panel.drawn_at) return invalid('number', 'panels.confirm.notSelected');
      const number = Number(input.number);
      const reason = checkText(input.reason, 'reason', { max: 500, required: false });
      if ('error' in reason) return fail('ValidationFailed', [reason.error]);
      const token = randomBytes(24).toString('base64url');
      const outcome = await repo.transaction(async (trx) => {
        await repo.lockPanel(trx, panelId);
        const everyone = await repo.lockRespondents(trx, panelId);
        const leaving = everyone.find((r) => r.number === number);
        if (!leaving || (leaving.status !== 'selected' && leaving.status !== 'confirmed')) return { error: 'panels.confirm.notSelected' as const };
        const onPanel = everyone.filter((r) => r.status === 'selected' || r.status === 'confirmed').map((r) => String(r.number));
        const excluded = everyone.filter((r) => r.status === 'dropped_out').map((r) => String(r.number));
        const done = (await repo.replacements(panelId)).length;
        const seed = `${panel.public_seed ?? ''}:replacement:${done + 1}`;
        const problem = problemOf(panel, peopleOf(everyone, panel.household_rule));
        const result = await drawReplacements(
          { people: problem.people, categories: problem.categories, k: problem.k, householdRule: problem.householdRule, excluded },
          onPanel,
          [String(number)],
          { seed, timeLimitSeconds: 60 },
        );
        if (!result.ok) {
          deps.logger.warn({ panelId, reason: result.reason, detail: result.detail }, 'no replacement keeps the quotas');
          return { error: 'panels.replace.infeasible' as const };
        }
        const replacement = everyone.find((r) => String(r.number) === result.replacements[0]);
        if (!replacement) return { error: 'panels.replace.infeasible' as const };
        const at = deps.clock();
        await repo.setRespondent(trx, leaving.id, { status: 'dropped_out', left_at: at });
        await repo.setRespondent(trx, replacement.id, { status: 'selected', selected_at: at, confirm_token_hash: hashToken(token) });
        await repo.insertReplacement(trx, { panelId, dropped: number, replacement: replacement.number, seed, reason: reason.value, by: actor!.id });
        return { replacement };
      });
      if ('error' in outcome) return invalid('number', outcome.error);
      await audit(actor, 'panel.member_replaced', panelId, { dropped: number, replacement: outcome.replacement.number });
      const [contact] = await repo.contactsOf([outcome.replacement.id]);
      const municipality = await deps.municipality();
      if (contact) await send(contact.email, municipality.defaultLocale, 'panels.mail.selected.subject', 'panels.mail.selected.body', { title: panel.title }, `/panels/${panelId}/confirm?token=${token}`);
      return ok({ replacement: outcome.replacement.number });
    },

  };
}
