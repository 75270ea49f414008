import { randomBytes, randomInt } from 'node:crypto';
import { candidatesByStratum, createRandom, drawRound, proportionalRound, stratumKey, stratumOfKey, targetedRound, type MissingGroup, type StratumRequest } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { checkEmail } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isLocale } from '../i18n/locales.ts';
import type { PanelsContext, PanelRow } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { invitationLettersPdf } from './panels.pdf.ts';
import type { RoundStratum } from './panels.tables.ts';

/** Letters and digits without look-alikes (no 0/O, 1/I/L): what a person can type from a letter. */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short personal code, XXXX-XXXX from `codeAlphabet`, from the operating system's random source. */
export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a round's form or API call sends. */
export interface RoundInput {
  readonly strata: readonly { area: unknown; ageBand?: unknown; sex?: unknown; count: unknown; reserve?: unknown }[];
  readonly seed?: unknown;
  readonly replyBy?: unknown;
  readonly contactName?: unknown;
  readonly contactPhone?: unknown;
  readonly contactEmail?: unknown;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Age bands compared as written in a register or a census: "16-29", "16–29" and "16 - 29" are one band. */
const band = (s: string) => norm(s).replace(/\s+/g, '').replace(/[–—]/g, '-');

/** A test for the strata a round is aimed at (an area and/or an age band), or null when it is not aimed. */
function aimOf(aim: { area?: unknown; ageBand?: unknown } | undefined): ((s: { area: string; ageBand: string }) => boolean) | null {
  const area = typeof aim?.area === 'string' ? norm(aim.area) : '';
  const ageBand = typeof aim?.ageBand === 'string' ? band(aim.ageBand) : '';
  if (area === '' && ageBand === '') return null;
  return (s) => (area === '' || norm(s.area) === area) && (ageBand === '' || band(s.ageBand) === ageBand);
}

const registrationOpen = (p: PanelRow) => p.drawn_at === null && p.hash_published_at === null && p.selection_job_id === null;

/**
 * Invitation rounds: draws from the register stratified by area, age band and sex (the strata the register
 * has), each with letters and a reserve, with a recorded seed; the proposal for the next round (in
 * proportion to the register for the first, aimed at the groups still missing against the quotas after);
 * releasing a reserve; and a round's letters with its reply date, contact and short addresses.
 */
export function roundUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, today } = ctx;

  /** Registered against each quota's minimum, and which register value (area, age band, sex) matches it. */
  async function quotaGaps(panel: PanelRow, register: readonly { area: string; age_band: string; sex: string }[]) {
    const pool = await repo.respondents(panel.id);
    const values = { area: new Map<string, string>(), ageBand: new Map<string, string>(), sex: new Map<string, string>() };
    for (const r of register) {
      if (r.area) values.area.set(norm(r.area), r.area);
      if (r.age_band) values.ageBand.set(norm(r.age_band), r.age_band);
      if (r.sex) values.sex.set(norm(r.sex), r.sex);
    }
    const missing: MissingGroup[] = [];
    const categories = panel.categories.map((c) => ({
      name: c.name,
      values: c.values.map((v) => {
        const registered = pool.filter((r) => r.answers[c.name] === v.value).length;
        const need = Math.max(0, v.min - registered);
        const dimension = (['area', 'ageBand', 'sex'] as const).find((d) => values[d].has(norm(v.value))) ?? null;
        if (dimension && need > 0) missing.push({ dimension, value: values[dimension].get(norm(v.value))!, missing: need });
        return { value: v.value, registered, min: v.min, max: v.max, need, stratifiedBy: dimension };
      }),
    }));
    return { categories, missing };
  }

  /** Checks a round's numbers: whole numbers from 0, strata named once, at least one letter. */
  function checkStrata(input: RoundInput['strata']): Result<RoundStratum[]> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const strata: RoundStratum[] = [];
    input.forEach((s, i) => {
      const area = typeof s.area === 'string' ? s.area.trim() : '';
      const ageBand = typeof s.ageBand === 'string' ? s.ageBand.trim() : '';
      const sex = typeof s.sex === 'string' ? s.sex.trim() : '';
      const count = s.count === '' || s.count === undefined ? 0 : Number(s.count);
      const reserve = s.reserve === '' || s.reserve === undefined ? 0 : Number(s.reserve);
      if (!Number.isInteger(count) || count < 0 || count > 100_000) errors.push({ field: `count.${i}`, message: 'panels.round.number' });
      if (!Number.isInteger(reserve) || reserve < 0 || reserve > 100_000) errors.push({ field: `reserve.${i}`, message: 'panels.round.number' });
      const key = stratumKey({ area, ageBand, sex });
      if (seen.has(key)) errors.push({ field: `count.${i}`, message: 'panels.round.twice' });
      seen.add(key);
      if (count > 0 || reserve > 0) strata.push({ area, ageBand, sex, count, reserve });
    });
    if (errors.length > 0) return fail('ValidationFailed', errors);
    if (strata.every((s) => s.count === 0)) return invalid('strata', 'panels.round.empty');
    return ok(strata);
  }

  return {
    /**
     * The rounds so far and the next one's proposal: per stratum the candidates left, letters sent, reserve
     * held and registrations; per quota the people registered against its minimum; and the proposed numbers
     * per stratum (the first round: `letters` and `reserve` in proportion to the register; later rounds: aimed
     * at the missing groups, see `targetedRound`). Staff adjust the numbers before drawing. `aim` (an area
     * and/or an age band, as the census's outreach alert names a group) proposes `letters` and `reserve` for
     * the matching strata only, in proportion to their candidates, in any round.
     */
    async roundPlan(actor: Actor | null, panelId: string, options: { letters?: unknown; reserve?: unknown; aim?: { area?: unknown; ageBand?: unknown } } = {}) {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      const register = await repo.registerForRounds(panelId);
      const invitedBefore = await repo.invitedRegisterIds(deps.db, panelId);
      const candidates = candidatesByStratum(
        register.map((r) => ({ id: r.id, household: r.household, area: r.area, ageBand: r.age_band, sex: r.sex })),
        panel.household_rule,
        invitedBefore,
      );
      // Strata with nobody left still show their history.
      const figures = await repo.invitationFigures(panelId);
      const history = new Map<string, { invited: number; held: number; responded: number }>();
      for (const f of figures) {
        const h = history.get(f.stratum) ?? { invited: 0, held: 0, responded: 0 };
        history.set(f.stratum, { invited: h.invited + Number(f.invited), held: h.held + Number(f.held), responded: h.responded + Number(f.responded) });
      }
      const left = new Map([...candidates].map(([k, list]) => [k, list.length]));
      const rounds = await repo.rounds(panelId);
      const gaps = await quotaGaps(panel, register);
      const letters = Math.max(0, Math.floor(Number(options.letters) || 0));
      const reserve = Math.max(0, Math.floor(Number(options.reserve) || 0));
      const aimed = aimOf(options.aim);
      const proposal: StratumRequest[] = aimed
        ? proportionalRound(new Map([...left].filter(([key]) => aimed(stratumOfKey(key)))), letters, reserve)
        : rounds.length === 0
          ? proportionalRound(left, letters, reserve)
          : targetedRound(left, history, gaps.missing);
      const proposed = new Map(proposal.map((s) => [stratumKey(s), s]));
      const keys = [...new Set([...left.keys(), ...history.keys()])].filter((k) => k !== '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return ok({
        open: registrationOpen(panel) && register.length > 0,
        registerRows: register.length,
        nextRound: rounds.length + 1,
        dimensions: { area: register.some((r) => r.area !== ''), ageBand: register.some((r) => r.age_band !== ''), sex: register.some((r) => r.sex !== '') },
        rounds: rounds.map((r) => ({
          number: r.number,
          seed: r.seed,
          replyBy: r.reply_by,
          contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
          letters: r.strata.reduce((a, s) => a + s.count, 0),
          reserve: r.strata.reduce((a, s) => a + s.reserve, 0),
          drawnAt: r.drawn_at.toISOString(),
        })),
        strata: keys.map((key) => {
          const h = history.get(key) ?? { invited: 0, held: 0, responded: 0 };
          const p = proposed.get(key);
          return { ...stratumOfKey(key), candidates: left.get(key) ?? 0, invited: h.invited, heldInReserve: h.held, registered: h.responded, proposedCount: p?.count ?? 0, proposedReserve: p?.reserve ?? 0 };
        }),
        categories: gaps.categories,
      });
    },

    /**
     * Draws the next invitation round: the numbers per stratum (letters and reserve), the seed (recorded and
     * published, so the draw can be redone; a fresh one when left empty), the reply date and the contact for
     * the letters. Every stratum is checked before anything is written: too few candidates left in any is a
     * field error naming each stratum with what was asked and what there is. Codes come from the operating
     * system's random source (not from the public seed) and are unique over all panels. Audited.
     */
    async drawInvitationRound(actor: Actor | null, panelId: string, input: RoundInput): Promise<Result<{ round: number; invited: number; reserve: number; seed: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (!registrationOpen(panel)) return invalid('strata', 'panels.round.closed');
      const errors: FieldError[] = [];
      const seedText = typeof input.seed === 'string' ? input.seed.trim() : '';
      if (seedText.length > 100) errors.push({ field: 'seed', message: 'field.tooLong', params: { max: 100 } });
      const replyBy = typeof input.replyBy === 'string' ? input.replyBy.trim() : '';
      if (replyBy !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(replyBy) || Number.isNaN(Date.parse(replyBy)) || replyBy < today())) errors.push({ field: 'replyBy', message: 'panels.round.replyBy' });
      const contactName = typeof input.contactName === 'string' ? input.contactName.trim() : '';
      const contactPhone = typeof input.contactPhone === 'string' ? input.contactPhone.trim() : '';
      const typedEmail = typeof input.contactEmail === 'string' ? input.contactEmail.trim() : '';
      if (contactName.length > 200) errors.push({ field: 'contactName', message: 'field.tooLong', params: { max: 200 } });
      if (contactPhone !== '' && !/^\+?[\d\s-]{5,20}$/.test(contactPhone)) errors.push({ field: 'contactPhone', message: 'panels.register.phoneInvalid' });
      const email = typedEmail === '' ? { value: '' } : checkEmail(typedEmail, 'contactEmail');
      if ('error' in email) errors.push(email.error);
      const checked = checkStrata(input.strata);
      if (!checked.ok) errors.push(...(checked.fields ?? []));
      if (errors.length > 0 || !checked.ok || 'error' in email) return fail('ValidationFailed', errors);
      const register = await repo.registerForRounds(panelId);
      if (register.length === 0) return invalid('strata', 'panels.invite.noRegister');
      const seed = seedText || `${today()}-${randomBytes(4).toString('hex')}`;
      const outcome = await repo.transaction(async (trx) => {
        const locked = await repo.lockPanel(trx, panelId);
        if (!locked || !registrationOpen(locked)) return { kind: 'closed' as const };
        const number = (await repo.lastRoundNumber(trx, panelId)) + 1;
        const invitedBefore = await repo.invitedRegisterIds(trx, panelId);
        // The lottery is @tingsted/sortition's: anyone can redo it from the register, earlier rounds and the seed.
        const draw = drawRound(
          { rows: register.map((r) => ({ ...r, ageBand: r.age_band })), strata: checked.value, householdRule: locked.household_rule, invitedBefore },
          createRandom(`tingsted-panels-round-${number}:${seed}`),
        );
        if (!draw.ok) return { kind: 'short' as const, shortfalls: draw.shortfalls };
        const all = [...draw.invited.map((x) => ({ ...x, reserve: false })), ...draw.reserve.map((x) => ({ ...x, reserve: true }))];
        const codes = new Set<string>();
        const fresh = () => {
          let code = newShortCode();
          while (codes.has(code)) code = newShortCode();
          codes.add(code);
          return code;
        };
        const drafted = all.map(() => fresh());
        // A code already used on any panel is replaced (and checked again) before anything is written.
        for (let taken = await repo.codesInUse(trx, drafted); taken.size > 0; taken = await repo.codesInUse(trx, drafted.filter((c) => taken.has(c)))) {
          drafted.forEach((c, i) => {
            if (taken.has(c)) drafted[i] = fresh();
          });
        }
        const start = await repo.nextPosition(trx, panelId);
        await repo.insertRound(trx, { panelId, number, seed, strata: checked.value, replyBy: replyBy || null, contactName, contactPhone, contactEmail: email.value, by: actor!.id });
        await repo.insertRoundInvitations(
          trx,
          panelId,
          number,
          all.map((x, i) => ({ registerId: x.row.id, position: start + i, code: drafted[i]!, area: x.row.area, stratum: x.stratum, reserve: x.reserve })),
        );
        if (!locked.invitations_drawn_at) await repo.recordInvitationDraw(trx, panelId, { seed, at: deps.clock(), stratify: true });
        return { kind: 'drawn' as const, number, invited: draw.invited.length, reserve: draw.reserve.length };
      });
      if (outcome.kind === 'closed') return invalid('strata', 'panels.round.closed');
      if (outcome.kind === 'short') {
        return fail(
          'ValidationFailed',
          outcome.shortfalls.map((s) => ({
            field: 'strata',
            message: 'panels.round.stratumShort',
            params: { stratum: [s.area, s.ageBand, s.sex].filter((x) => x !== '').join(' / ') || '–', requested: s.requested, available: s.available },
          })),
        );
      }
      await audit(actor, 'panel.invitation_round_drawn', panelId, { round: outcome.number, seed, invited: outcome.invited, reserve: outcome.reserve, strata: checked.value });
      return ok({ round: outcome.number, invited: outcome.invited, reserve: outcome.reserve, seed });
    },

    /** Invites a round's reserve held back (all of it, or the first `count` in draw order). Audited. */
    async releaseRoundReserve(actor: Actor | null, panelId: string, input: { round: unknown; count?: unknown }): Promise<Result<{ released: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      if (!registrationOpen(found.value)) return invalid('round', 'panels.round.closed');
      const round = Number(input.round);
      const count = input.count === undefined || input.count === '' ? null : Number(input.count);
      if (count !== null && (!Number.isInteger(count) || count < 1)) return invalid('count', 'panels.round.number');
      if (!Number.isInteger(round) || !(await repo.findRound(panelId, round))) return invalid('round', 'panels.round.unknown');
      const released = await repo.transaction(async (trx) => {
        await repo.lockPanel(trx, panelId);
        return repo.releaseReserve(trx, panelId, round, deps.clock(), count);
      });
      if (released === 0) return invalid('round', 'panels.round.noReserve', { round });
      await audit(actor, 'panel.reserve_released', panelId, { round, released });
      return ok({ released });
    },

    /**
     * A round's letters as one PDF in `locale`: the invitations sent in it (its released reserve too), with the
     * reply date, the contact and each person's short address (`/p/<code>`) and QR code. Audited.
     */
    async roundLetters(actor: Actor | null, panelId: string, roundInput: unknown, localeInput: unknown): Promise<Result<{ pdf: Uint8Array<ArrayBuffer>; count: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const round = await repo.findRound(panelId, Number(roundInput));
      if (!round) return invalid('round', 'panels.round.unknown');
      const letters = await repo.roundLetters(panelId, round.number);
      if (letters.length === 0) return invalid('round', 'panels.invite.none');
      const municipality = await deps.municipality();
      const locale = isLocale(localeInput) ? localeInput : municipality.defaultLocale;
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
          shortUrl: `${deps.publicUrl}/p/`,
          ...(round.reply_by ? { replyBy: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${round.reply_by}T12:00:00Z`)) } : {}),
          contact: { name: round.contact_name, phone: round.contact_phone, email: round.contact_email },
        },
        letters,
      );
      await audit(actor, 'panel.letters_printed', panelId, { round: round.number, count: letters.length, locale });
      return ok({ pdf, count: letters.length });
    },
  };
}
