import { randomBytes } from 'node:crypto';
import { drawIndex, lotteryRecordFormat, parseLotteryText, poolHash, sha256Hex, type LotteryRecord } from '@tingsted/sortition';
import type { Actor } from '../accounts/accounts.policy.ts';
import { checkText } from '../shared/validate.ts';
import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { categoriesOf, hashToken, recordPoolOf, type PanelsContext, type PanelRow } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { zonedInstant } from './setup.ts';
import { mailNotSelected } from './not-selected.ts';
import type { PanelAnnouncement } from './panels.tables.ts';

/**
 * The version of `@tingsted/sortition` whose algorithm computes the lists, named in every public record. Kept
 * here until the package exports it; a test checks it against the package's own version.
 */
export const sortitionVersion = '0.1.0';

/** The least time between announcing a draw and the moment its seed exists. */
export const announcementLeadMs = 24 * 60 * 60 * 1000;

/** A seed's value as stored and published: trimmed, runs of white space as one space (so "4  8" is "4 8"). */
export const normaliseSeedValue = (value: string) => value.trim().replace(/\s+/g, ' ');

/** An instant as the municipality's wall clock, 'YYYY-MM-DD HH:mm', for messages. */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/**
 * The seed's time from a form or an API client: the municipality's wall clock ('YYYY-MM-DDTHH:mm', seconds
 * allowed) or an instant with its offset ('…Z', '…+01:00'); null when neither.
 */
function seedTime(value: unknown, timeZone: string): Date | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return zonedInstant(text.slice(0, 16), timeZone);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return null;
}

const stamp = (date: Date | string) => (typeof date === 'string' ? new Date(date) : date);

/** The draw as it was answered: the index and the numbers of the panel at that index in the list. */
function drawnOf(panel: PanelRow): { index: number; numbers: number[] } {
  const index = panel.drawn_index ?? 0;
  const numbers = (parseLotteryText(panel.lottery_text ?? '')[index] ?? []).map(Number).sort((a, b) => a - b);
  return { index, numbers };
}

/**
 * The announced draw (issue 18): no one can steer it. First the draw is announced: the pool is closed, the
 * hashes of the pool and of the list of equally likely panels are published, and the seed's source is fixed in
 * advance: a public random value that does not exist yet (the numbers of a named lottery draw, a randomness
 * beacon round, optionally with a dice roll filmed at a meeting) at a stated time at least 24 hours later. The
 * draw is refused before that time; the value is entered once, and the draw checks that the pool still has the
 * announced hash. The public record (`tingsted-lottery-record/1`) lets anyone recompute the draw with
 * `tingsted-sortition verify`.
 */
export function drawUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, send } = ctx;

  /** The pool as it is now, pseudonymous, and its hash under the panel's categories. */
  async function currentPool(panel: PanelRow) {
    const pool = recordPoolOf(await repo.respondents(panel.id), panel.household_rule);
    return { pool, hash: poolHash(pool, categoriesOf(panel)) };
  }

  return {
    /**
     * Announces the draw: closes the pool and publishes its hash with the list's, and fixes the seed's source
     * and the earliest time its value exists (`seedNotBefore`, the municipality's wall clock, at least 24 hours
     * from now). Announcing again with the same source and time changes nothing; anything else is refused.
     */
    async announceDraw(
      actor: Actor | null,
      panelId: string,
      input: { seedSource: unknown; seedNotBefore: unknown; diceRoll?: unknown },
    ): Promise<Result<{ poolHash: string; lotteryHash: string; seedSource: string; notBefore: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      const source = checkText(input.seedSource, 'seedSource', { max: 300 });
      if ('error' in source) errors.push(source.error);
      const dice = checkText(input.diceRoll ?? '', 'diceRoll', { max: 300, required: false });
      if ('error' in dice) errors.push(dice.error);
      const notBefore = seedTime(input.seedNotBefore, deps.timeZone);
      const now = deps.clock();
      const earliest = new Date(now.getTime() + announcementLeadMs);
      const panel = found.value;
      if (!notBefore) errors.push({ field: 'seedNotBefore', message: 'field.dateTimeInvalid' });
      // (Announcing again, the same announcement is not "too soon": its time was checked when it was made.)
      else if (notBefore < earliest && !panel.hash_published_at) errors.push({ field: 'seedNotBefore', message: 'panels.announce.tooSoon', params: { earliest: wallClock(earliest, deps.timeZone) } });
      if (errors.length > 0 || 'error' in source || 'error' in dice || !notBefore) return fail('ValidationFailed', errors);
      const seedSource = dice.value === '' ? source.value : `${source.value} + ${dice.value}`;

      if (panel.drawn_at) return invalid('seedSource', 'panels.selection.alreadyDrawn');
      if (panel.hash_published_at) {
        const same = panel.seed_source === seedSource && panel.seed_not_before !== null && stamp(panel.seed_not_before).getTime() === notBefore.getTime();
        if (!same || !panel.pool_hash || !panel.lottery_hash) return invalid('seedSource', 'panels.announce.already');
        return ok({ poolHash: panel.pool_hash, lotteryHash: panel.lottery_hash, seedSource, notBefore: notBefore.toISOString() });
      }
      const selection = panel.selection;
      if (!panel.lottery_text || !panel.lottery_hash || selection?.state !== 'ready') return invalid('seedSource', 'panels.selection.notReady');
      const { pool, hash } = await currentPool(panel);
      // The list was computed from a pool; if anyone joined or left since (or the selection is older than the
      // pool hash it keeps), the list is not known to be this pool's: compute it again.
      if (selection.poolHash !== hash) return invalid('seedSource', 'panels.announce.poolChanged');
      const announcement: PanelAnnouncement = {
        algorithm: { name: selection.algorithm, version: sortitionVersion },
        k: panel.size,
        householdRule: panel.household_rule,
        categories: categoriesOf(panel),
        pool,
      };
      const outcome = await repo.transaction(async (trx) => {
        const locked = await repo.lockPanel(trx, panelId);
        if (!locked || locked.hash_published_at || locked.drawn_at || locked.lottery_hash !== panel.lottery_hash) return 'conflict' as const;
        await repo.recordAnnouncement(trx, panelId, { at: now, seedSource, notBefore, poolHash: hash, announcement });
        return 'announced' as const;
      });
      if (outcome === 'conflict') return fail('Conflict');
      await audit(actor, 'panel.draw_announced', panelId, { poolHash: hash, lotteryHash: panel.lottery_hash, seedSource, notBefore: notBefore.toISOString() });
      return ok({ poolHash: hash, lotteryHash: panel.lottery_hash, seedSource, notBefore: notBefore.toISOString() });
    },

    /**
     * The draw: the value of the announced source (entered once, no earlier than its time) picks the index
     * into the published list; those people are selected and e-mailed a link to confirm their seat. Entering
     * the same value again gives the same answer; a different value is refused. The draw is refused when the
     * pool no longer has the announced hash.
     */
    async drawPanel(actor: Actor | null, panelId: string, seedValueInput: unknown): Promise<Result<{ index: number; numbers: number[] }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const seedValue = typeof seedValueInput === 'string' ? normaliseSeedValue(seedValueInput) : '';
      if (seedValue === '') return invalid('seedValue', 'field.required');
      if (seedValue.length > 200) return invalid('seedValue', 'field.tooLong', { max: 200 });
      const panel = found.value;
      if (panel.drawn_at) {
        if (panel.public_seed !== seedValue) return invalid('seedValue', 'panels.draw.valueDiffers', { value: panel.public_seed ?? '' });
        return ok(drawnOf(panel));
      }
      if (!panel.hash_published_at || !panel.seed_not_before || !panel.pool_hash) return invalid('seedValue', 'panels.draw.announceFirst');
      const notBefore = stamp(panel.seed_not_before);
      if (deps.clock() < notBefore) return invalid('seedValue', 'panels.draw.tooEarly', { at: wallClock(notBefore, deps.timeZone), source: panel.seed_source ?? '' });
      if ((await currentPool(panel)).hash !== panel.pool_hash) return invalid('seedValue', 'panels.draw.poolChanged');

      const tokens = new Map<number, string>();
      const outcome = await repo.transaction(async (trx) => {
        const locked = await repo.lockPanel(trx, panelId);
        if (!locked?.lottery_text || !locked.lottery_hash || !locked.hash_published_at) return 'not-announced' as const;
        if (locked.drawn_at) return locked.public_seed === seedValue ? ('same' as const) : ('differs' as const);
        if (sha256Hex(locked.lottery_text) !== locked.lottery_hash) return 'list-changed' as const;
        const panels = parseLotteryText(locked.lottery_text);
        const index = drawIndex(seedValue, panels.length);
        const numbers = (panels[index] ?? []).map(Number).sort((a, b) => a - b);
        const at = deps.clock();
        for (const n of numbers) tokens.set(n, randomBytes(24).toString('base64url'));
        await repo.markSelected(trx, panelId, numbers.map((n) => ({ number: n, tokenHash: hashToken(tokens.get(n)!) })), at);
        await repo.recordDraw(trx, panelId, { publicSeed: seedValue, index, at });
        return { index, numbers };
      });
      if (outcome === 'not-announced') return invalid('seedValue', 'panels.draw.announceFirst');
      if (outcome === 'list-changed') return invalid('seedValue', 'panels.draw.listChanged');
      if (outcome === 'differs' || outcome === 'same') {
        // Drawn meanwhile by someone else.
        const again = await repo.findPanel(panelId);
        if (!again || outcome === 'differs') return invalid('seedValue', 'panels.draw.valueDiffers', { value: again?.public_seed ?? '' });
        return ok(drawnOf(again));
      }
      await audit(actor, 'panel.drawn', panelId, { index: outcome.index, seedValue, seedSource: panel.seed_source });
      const selected = (await repo.respondents(panelId)).filter((r) => tokens.has(r.number));
      const contacts = await repo.contactsOf(selected.map((r) => r.id));
      const municipality = await deps.municipality();
      for (const r of selected) {
        const contact = contacts.find((c) => c.respondent_id === r.id);
        if (contact) await send(contact.email, isLocale(contact.locale) ? contact.locale : municipality.defaultLocale, 'panels.mail.selected.subject', 'panels.mail.selected.body', { title: panel.title }, `/panels/${panelId}/confirm?token=${tokens.get(r.number)!}`);
      }
      // Everyone else is thanked and told what happens next (the letters are printed by staff).
      await mailNotSelected(ctx, panel);
      return ok(outcome);
    },

    /**
     * The public record of an announced draw (`tingsted-lottery-record/1`): public from the announcement on,
     * self-contained, checked by `tingsted-sortition verify RECORD.json`. Panels drawn before draws were
     * announced have none (their list is still at lottery.txt).
     */
    async lotteryRecord(panelId: string): Promise<Result<LotteryRecord>> {
      const panel = await repo.findPanel(panelId);
      if (!panel?.hash_published_at || !panel.announcement || !panel.pool_hash || !panel.seed_source || !panel.seed_not_before || !panel.lottery_text || !panel.lottery_hash) return fail('NotFound');
      const process = await deps.processes.getProcessById(panel.process_id);
      if (!process || process.status === 'draft') return fail('NotFound');
      const a = panel.announcement;
      const panels = parseLotteryText(panel.lottery_text);
      const drawn = panel.drawn_at && panel.public_seed !== null && panel.drawn_index !== null ? { at: stamp(panel.drawn_at).toISOString(), index: panel.drawn_index } : null;
      return ok({
        format: lotteryRecordFormat,
        panel: { id: panel.id, title: panel.title },
        k: a.k,
        householdRule: a.householdRule,
        algorithm: a.algorithm,
        categories: a.categories,
        pool: a.pool,
        poolHash: panel.pool_hash,
        lottery: { m: panels.length, text: panel.lottery_text, hash: panel.lottery_hash },
        seed: { source: panel.seed_source, notBefore: stamp(panel.seed_not_before).toISOString(), value: drawn ? panel.public_seed : null },
        announcedAt: stamp(panel.hash_published_at).toISOString(),
        // The panel as drawn from the list: replacements later are in the replacement log, not in the draw.
        drawn: drawn ? { ...drawn, selected: [...(panels[drawn.index] ?? [])] } : null,
      });
    },
  };
}
