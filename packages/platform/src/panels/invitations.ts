import { randomBytes, randomInt } from 'node:crypto';
import { createRandom, drawInvitations as drawInvitationLottery } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { isLocale } from '../i18n/locales.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { readRegisterCsv } from './panels.csv.ts';
import { invitationLettersPdf } from './panels.pdf.ts';

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A personal code: eight letters and digits without look-alikes, printed as XXXX-XXXX. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Inviting: the address register, the invitation lottery and the letters. */
export function invitationUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, today } = ctx;
  return {
    /**
     * Imports the address or population register (CSV), replacing an earlier import. Every row is checked
     * first; with any error nothing is imported. Refused once invitations have been drawn.
     */
    async importRegister(actor: Actor | null, panelId: string, text: unknown): Promise<Result<{ rows: number; areas: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const read = readRegisterCsv(typeof text === 'string' ? text : '');
      if (!read.ok) return fail('ValidationFailed', read.errors);
      const done = await repo.transaction(async (trx) => {
        const panel = await repo.lockPanel(trx, panelId);
        if (!panel || panel.invitations_drawn_at) return false;
        await repo.replaceRegister(trx, panelId, read.rows);
        return true;
      });
      if (!done) return invalid('register', 'panels.register.locked');
      await audit(actor, 'panel.register_imported', panelId, { rows: read.rows.length });
      return ok({ rows: read.rows.length, areas: new Set(read.rows.map((r) => r.area)).size });
    },

    /**
     * Draws `count` invitations from the register with a recorded seed (published on the panel's page, so
     * anyone can redo the draw with the register): a seeded shuffle, at most one letter per household when
     * the household rule is on, optionally split over areas in proportion to their households (the lottery
     * is `drawInvitations` of @tingsted/sortition). Each invitation gets a personal code from the operating
     * system's random source (not from the seed, which is public).
     */
    async drawInvitations(actor: Actor | null, panelId: string, input: { count: unknown; seed: unknown; stratify: unknown }): Promise<Result<{ invited: number; seed: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const count = Number(input.count);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) return invalid('count', 'panels.invite.count');
      const seedText = typeof input.seed === 'string' ? input.seed.trim() : '';
      if (seedText.length > 100) return invalid('seed', 'field.tooLong', { max: 100 });
      const seed = seedText || `${today()}-${randomBytes(4).toString('hex')}`;
      const stratify = input.stratify === true || input.stratify === 'on';
      const register = await repo.registerForDraw(panelId);
      if (register.length === 0) return invalid('register', 'panels.invite.noRegister');
      // The lottery itself is @tingsted/sortition's: anyone can redo it from the register and the seed.
      const draw = drawInvitationLottery(
        { rows: register, count, householdRule: found.value.household_rule, stratifyByArea: stratify },
        createRandom(`tingsted-panels-invitations:${seed}`),
      );
      if (!draw.ok) return invalid('count', 'panels.invite.tooMany', { available: draw.available });
      const codes = new Set<string>();
      const invitations = draw.invited.map((row, position) => {
        let code = newCode();
        while (codes.has(code)) code = newCode();
        codes.add(code);
        return { registerId: row.id, position, code, area: row.area };
      });
      const done = await repo.transaction(async (trx) => {
        const panel = await repo.lockPanel(trx, panelId);
        if (!panel || panel.invitations_drawn_at) return false;
        await repo.insertInvitations(trx, panelId, invitations);
        await repo.recordInvitationDraw(trx, panelId, { seed, at: deps.clock(), stratify });
        return true;
      });
      if (!done) return invalid('count', 'panels.invite.already');
      await audit(actor, 'panel.invitations_drawn', panelId, { count, seed, stratify });
      return ok({ invited: invitations.length, seed });
    },

    /** The invitation letters as one PDF in `locale`. Reads personal data: audited. */
    async invitationLetters(actor: Actor | null, panelId: string, localeInput: unknown): Promise<Result<{ pdf: Uint8Array<ArrayBuffer>; count: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const municipality = await deps.municipality();
      const locale = isLocale(localeInput) ? localeInput : municipality.defaultLocale;
      const letters = await repo.letters(panelId);
      if (letters.length === 0) return invalid('letters', 'panels.invite.none');
      const sessions = await repo.sessions(panelId);
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: deps.timeZone });
      const pdf = await invitationLettersPdf(
        {
          locale,
          municipality: municipality.name,
          panelTitle: found.value.title,
          size: found.value.size,
          date: date.format(deps.clock()),
          sessions: sessions.map((s) => `${date.format(s.starts_at)}${s.place ? `, ${s.place}` : ''}`),
          registerUrl: `${deps.publicUrl}/panels/${panelId}/register`,
        },
        letters,
      );
      await audit(actor, 'panel.letters_printed', panelId, { count: letters.length, locale });
      return ok({ pdf, count: letters.length });
    },

  };
}
