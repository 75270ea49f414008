import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createRandom, drawIndex, drawReplacements, parseLotteryText, randomInt as uniformInt, type Category, type Person, type RandomSource } from '@tingsted/sortition';
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { Clock } from '../shared/clock.ts';
import { isIsoDate, localDate } from '../shared/dates.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { panelsRepository } from './panels.repository.ts';
import { panelsPolicy, type PanelStanding } from './panels.policy.ts';
import { readCensusCsv, readQuotasCsv, readRegisterCsv, suggestQuotas } from './panels.csv.ts';
import { finalReportPdf, invitationLettersPdf } from './panels.pdf.ts';
import { normaliseCode } from './panels.codes.ts';
import { selectInWorker, type SelectionInput, type SelectionOutput } from './selection.worker.ts';
import {
  decisions,
  itemKinds,
  sessionModes,
  voteChoices,
  type Decision,
  type ItemKind,
  type PanelCategory,
  type PanelSelection,
  type PanelsTable,
  type RespondentStatus,
  type SessionMode,
} from './panels.tables.ts';
import type { Selectable } from 'kysely';

type PanelRow = Selectable<PanelsTable>;

/** Where a panel stands, derived from what has happened so far. */
export type PanelStage = 'setup' | 'inviting' | 'registration' | 'selection' | 'working' | 'reported';

/** Panels in the published transparent-draw list. */
const lotteryPanels = 1000;
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A personal code: eight letters and digits without look-alikes, printed as XXXX-XXXX. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function stageOf(panel: PanelRow): PanelStage {
  if (panel.report_published_at) return 'reported';
  if (panel.drawn_at) return 'working';
  if (panel.selection) return 'selection';
  if (panel.invitations_drawn_at) return 'registration';
  if (panel.categories.length > 0) return 'inviting';
  return 'setup';
}

/** A seeded Fisher–Yates shuffle (a new array; the same seed gives the same order). */
export function shuffle<T>(random: RandomSource, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(random, i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

/**
 * The instant a wall-clock time ('YYYY-MM-DDTHH:mm', as a datetime-local field sends it) denotes in the
 * municipality's time zone; null when malformed.
 */
export function zonedInstant(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const offset = (t: number) => {
    const part = (type: string) => Number(format.formatToParts(new Date(t)).find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - t;
  };
  const first = asUtc - offset(asUtc);
  const instant = new Date(asUtc - offset(first));
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Largest-remainder split of `total` in proportion to `weights` (ties to the earlier entry). */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const result = exact.map((x) => Math.floor(x));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]!++;
    left--;
  }
  return result;
}

/** Citizens' panels from the first letter to the decision-maker's answer. */
export function panelsService(deps: {
  db: Db;
  audit: AuditService;
  processes: ProcessesService;
  accounts: AccountsService;
  mailer: Mailer;
  jobs: JobQueue;
  clock: Clock;
  timeZone: string;
  publicUrl: string;
  logger: Logger;
  municipality: () => Promise<{ name: string; defaultLocale: Locale }>;
  /** Seconds the selection may take before it stops with a time-limit failure. */
  selectionTimeLimitSeconds?: number;
}) {
  const repo = panelsRepository(deps.db);
  const today = () => localDate(deps.clock(), deps.timeZone);

  async function standing(actor: Actor | null, panelId: string): Promise<PanelStanding> {
    if (!actor) return { administrator: false, member: false };
    const [role, member] = await Promise.all([repo.staffRole(panelId, actor.id), repo.memberOf(panelId, actor.id)]);
    return { administrator: role === 'administrator', member: member !== undefined };
  }

  async function allowed(actor: Actor | null, panelId: string, rule: (actor: Actor | null, standing: PanelStanding) => boolean): Promise<Result<PanelRow>> {
    if (!actor) return fail('NotSignedIn');
    const panel = await repo.findPanel(panelId);
    if (!panel) return fail('NotFound');
    if (!rule(actor, await standing(actor, panelId))) return fail('Forbidden');
    return ok(panel);
  }

  const invalid = (field: string, message: MessageKey, params?: Record<string, string | number>): Result<never> =>
    fail('ValidationFailed', [{ field, message, ...(params ? { params } : {}) }]);

  async function audit(actor: Actor | null, action: string, panelId: string, details: Record<string, unknown> = {}) {
    await deps.audit.record({ actorId: actor?.id ?? null, action, subjectType: 'panel', subjectId: panelId, details });
  }

  async function send(to: string, locale: Locale, subject: MessageKey, body: MessageKey, params: Record<string, string | number>, link: string) {
    const municipality = await deps.municipality();
    const all = { ...params, municipality: municipality.name };
    try {
      await deps.mailer.send({
        to,
        subject: `${translate(locale, subject, all)} – ${municipality.name}`,
        text: [translate(locale, body, all), `${deps.publicUrl}${link}`, '', translate(locale, 'mail.signature', { municipality: municipality.name })].join('\n'),
      });
    } catch (error) {
      deps.logger.warn({ err: { message: (error as Error).message } }, 'panel e-mail failed');
    }
  }

  /** Tells confirmed members (at their registered address) and followers (at their account's) what happened. */
  async function notifyMembersAndFollowers(panel: PanelRow, subject: MessageKey, body: MessageKey, link: string) {
    const municipality = await deps.municipality();
    const members = (await repo.respondents(panel.id)).filter((r) => r.status === 'confirmed');
    const contacts = await repo.contactsOf(members.map((m) => m.id));
    const followers = await deps.accounts.contactsOf(await repo.followers(panel.id));
    const seen = new Set<string>();
    for (const contact of contacts) {
      if (seen.has(contact.email.toLowerCase())) continue;
      seen.add(contact.email.toLowerCase());
      await send(contact.email, municipality.defaultLocale, subject, body, { title: panel.title }, link);
    }
    for (const follower of followers) {
      if (seen.has(follower.email.toLowerCase()) || follower.notifyMode === 'none') continue;
      seen.add(follower.email.toLowerCase());
      await send(follower.email, follower.locale ?? municipality.defaultLocale, subject, body, { title: panel.title }, link);
    }
  }

  function problemOf(panel: PanelRow, people: Person[]): SelectionInput {
    const categories: Category[] = panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) }));
    return { people, categories, k: panel.size, householdRule: panel.household_rule, m: lotteryPanels, timeLimitSeconds: deps.selectionTimeLimitSeconds ?? 600 };
  }

  function peopleOf(respondents: readonly { number: number; answers: Record<string, string>; household: string | null }[], householdRule: boolean): Person[] {
    return respondents.map((r) => ({ id: String(r.number), values: r.answers, ...(householdRule && r.household ? { household: r.household } : {}) }));
  }

  /** Per category value: population share, pool count, panel count. */
  function composition(panel: PanelRow, respondents: readonly { answers: Record<string, string>; status: RespondentStatus }[]) {
    const onPanel = respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed');
    return panel.categories.map((category) => {
      const population = category.values.reduce((sum, v) => sum + (v.population ?? 0), 0);
      return {
        name: category.name,
        values: category.values.map((v) => ({
          value: v.value,
          min: v.min,
          max: v.max,
          populationShare: population > 0 ? (v.population ?? 0) / population : null,
          pool: respondents.filter((r) => r.answers[category.name] === v.value).length,
          panel: onPanel.filter((r) => r.answers[category.name] === v.value).length,
        })),
      };
    });
  }

  return {
    /** The panel of a process, if it has one. */
    async panelOfProcess(processId: string): Promise<{ id: string; title: string; stage: PanelStage } | null> {
      const panel = await repo.findPanelOfProcess(processId);
      return panel ? { id: panel.id, title: panel.title, stage: stageOf(panel) } : null;
    },

    /** Starts a panel on a process; the person who starts it becomes its administrator. */
    async createPanel(actor: Actor | null, processId: string, input: { title: unknown; locale: Locale }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      if (!panelsPolicy.create(actor)) return fail('Forbidden');
      const process = await deps.processes.getProcessById(processId);
      if (!process) return fail('NotFound');
      const title = checkText(input.title, 'title', { max: 200 });
      if ('error' in title) return fail('ValidationFailed', [title.error]);
      if (await repo.findPanelOfProcess(processId)) return fail('Conflict');
      const municipality = await deps.municipality();
      const id = await repo.insertPanel({ processId, title: title.value, createdBy: actor.id, consentText: translate(input.locale, 'panels.consent.default', { municipality: municipality.name }) });
      await audit(actor, 'panel.created', id, { processId });
      return ok({ id });
    },

    /** Everything the staff pages show about a panel (no personal data). */
    async getPanelForStaff(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const panel = found.value;
      const [sessions, respondents, registerRows, byArea, replacements, recommendations] = await Promise.all([
        repo.sessions(panelId),
        repo.respondents(panelId),
        repo.registerCount(panelId),
        repo.invitationsByArea(panelId),
        repo.replacements(panelId),
        repo.recommendations(panelId),
      ]);
      const st = await standing(actor, panelId);
      return ok({
        panel,
        stage: stageOf(panel),
        administrator: st.administrator,
        sessions,
        registerRows,
        invited: byArea.reduce((s, a) => s + Number(a.invited), 0),
        responded: byArea.reduce((s, a) => s + Number(a.responded), 0),
        byArea: byArea.map((a) => ({ area: a.area, invited: Number(a.invited), responded: Number(a.responded) })),
        poolSize: respondents.length,
        members: respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed').map((r) => ({ number: r.number, status: r.status, answers: r.answers, linked: r.user_id !== null })),
        composition: composition(panel, respondents),
        replacements,
        recommendations,
      });
    },

    /** Size, household rule, approval threshold, dates and consent text. Every field is checked first. */
    async updateSetup(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; size: unknown; householdRule: unknown; approvalPercent: unknown; endsOn: unknown; deletePoolOn: unknown; consentText: unknown },
    ): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'title', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const size = Number(input.size);
      if (!Number.isInteger(size) || size < 2 || size > 1000) errors.push({ field: 'size', message: 'panels.setup.size' });
      const approval = Number(input.approvalPercent);
      if (!Number.isInteger(approval) || approval < 50 || approval > 100) errors.push({ field: 'approvalPercent', message: 'panels.setup.approval' });
      const endsOn = input.endsOn === '' || input.endsOn === undefined ? null : input.endsOn;
      const deleteOn = input.deletePoolOn === '' || input.deletePoolOn === undefined ? null : input.deletePoolOn;
      if (endsOn !== null && !isIsoDate(endsOn)) errors.push({ field: 'endsOn', message: 'field.dateInvalid' });
      if (deleteOn !== null && !isIsoDate(deleteOn)) errors.push({ field: 'deletePoolOn', message: 'field.dateInvalid' });
      if (isIsoDate(endsOn) && isIsoDate(deleteOn) && deleteOn < endsOn) errors.push({ field: 'deletePoolOn', message: 'panels.setup.deleteBeforeEnd' });
      if (deleteOn === null) errors.push({ field: 'deletePoolOn', message: 'field.required' });
      const consent = checkText(input.consentText, 'consentText', { max: 5000 });
      if ('error' in consent) errors.push(consent.error);
      if (found.value.drawn_at && size !== found.value.size) errors.push({ field: 'size', message: 'panels.setup.sizeLocked' });
      if (errors.length > 0 || 'error' in title || 'error' in consent) return fail('ValidationFailed', errors);
      await repo.updatePanel(panelId, {
        title: title.value,
        size,
        household_rule: input.householdRule === true || input.householdRule === 'on',
        approval_percent: approval,
        ends_on: endsOn as string | null,
        delete_pool_on: deleteOn as string,
        consent_text: consent.value,
      });
      await audit(actor, 'panel.setup_updated', panelId);
      return ok(null);
    },

    /** Sets the categories and quotas from `category,value,min,max` text. */
    async setQuotas(actor: Actor | null, panelId: string, text: unknown): Promise<Result<PanelCategory[]>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      if (found.value.drawn_at) return invalid('quotas', 'panels.quotas.locked');
      if ((await repo.respondents(panelId)).length > 0 && found.value.categories.length > 0) {
        const read = readQuotasCsv(typeof text === 'string' ? text : '', found.value.categories);
        if (!read.ok) return fail('ValidationFailed', read.errors);
        // Once people have registered, the categories and values they answered cannot change, only the bounds.
        const same = read.categories.length === found.value.categories.length && read.categories.every((c, i) => c.name === found.value.categories[i]?.name && c.values.map((v) => v.value).join('\u001f') === found.value.categories[i]?.values.map((v) => v.value).join('\u001f'));
        if (!same) return invalid('quotas', 'panels.quotas.valuesLocked');
        await repo.updatePanel(panelId, { categories: read.categories, selection: null, lottery_text: null, lottery_hash: null, hash_published_at: null });
        await audit(actor, 'panel.quotas_set', panelId);
        return ok(read.categories);
      }
      const read = readQuotasCsv(typeof text === 'string' ? text : '', found.value.categories);
      if (!read.ok) return fail('ValidationFailed', read.errors);
      await repo.updatePanel(panelId, { categories: read.categories, selection: null, lottery_text: null, lottery_hash: null, hash_published_at: null });
      await audit(actor, 'panel.quotas_set', panelId);
      return ok(read.categories);
    },

    /** Imports census figures (`category,value,population`) and sets quotas suggested from them. */
    async importCensus(actor: Actor | null, panelId: string, text: unknown): Promise<Result<PanelCategory[]>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      if (found.value.drawn_at || (await repo.respondents(panelId)).length > 0) return invalid('census', 'panels.quotas.valuesLocked');
      const read = readCensusCsv(typeof text === 'string' ? text : '', found.value.size);
      if (!read.ok) return fail('ValidationFailed', read.errors);
      await repo.updatePanel(panelId, { categories: read.categories, selection: null, lottery_text: null, lottery_hash: null, hash_published_at: null });
      await audit(actor, 'panel.census_imported', panelId);
      return ok(read.categories);
    },

    /** Quotas suggested again from the census figures (after the size changed). */
    async suggestQuotas(actor: Actor | null, panelId: string): Promise<Result<PanelCategory[]>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      if (found.value.drawn_at) return invalid('quotas', 'panels.quotas.locked');
      const categories = suggestQuotas(found.value.categories, found.value.size);
      await repo.updatePanel(panelId, { categories, selection: null, lottery_text: null, lottery_hash: null, hash_published_at: null });
      return ok(categories);
    },

    /** Adds a session to the timetable. */
    async addSession(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; startsAt: unknown; endsAt: unknown; mode: unknown; place: unknown; streamUrl: unknown; programme: unknown },
    ): Promise<Result<{ id: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'sessionTitle', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const when = (value: unknown, field: string) => {
        const date = typeof value === 'string' ? zonedInstant(value.slice(0, 16), deps.timeZone) : null;
        if (!date) {
          errors.push({ field, message: 'field.dateInvalid' });
          return null;
        }
        return date;
      };
      const startsAt = when(input.startsAt, 'startsAt');
      const endsAt = when(input.endsAt, 'endsAt');
      if (startsAt && endsAt && endsAt <= startsAt) errors.push({ field: 'endsAt', message: 'field.endBeforeStart' });
      if (!(sessionModes as readonly unknown[]).includes(input.mode)) errors.push({ field: 'mode', message: 'field.invalid' });
      const place = checkText(input.place, 'place', { max: 300, required: false });
      if ('error' in place) errors.push(place.error);
      const stream = typeof input.streamUrl === 'string' ? input.streamUrl.trim() : '';
      if (stream !== '' && !/^https:\/\/\S+$/.test(stream)) errors.push({ field: 'streamUrl', message: 'panels.session.streamUrl' });
      if ((input.mode === 'online' || input.mode === 'hybrid') && stream === '') errors.push({ field: 'streamUrl', message: 'field.required' });
      if ((input.mode === 'in_person' || input.mode === 'hybrid') && !('error' in place) && place.value === '') errors.push({ field: 'place', message: 'field.required' });
      const programme = checkText(input.programme, 'programme', { max: 10000, required: false });
      if ('error' in programme) errors.push(programme.error);
      if (errors.length > 0 || 'error' in title || 'error' in place || 'error' in programme || !startsAt || !endsAt) return fail('ValidationFailed', errors);
      const id = await repo.insertSession({ panelId, title: title.value, startsAt, endsAt, mode: input.mode as SessionMode, place: place.value, streamUrl: stream, programme: programme.value });
      await audit(actor, 'panel.session_added', panelId, { sessionId: id });
      return ok({ id });
    },

    async removeSession(actor: Actor | null, panelId: string, sessionId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      if (!(await repo.deleteSession(panelId, sessionId))) return fail('NotFound');
      return ok(null);
    },

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
     * the household rule is on, optionally split over areas in proportion to their households. Each
     * invitation gets a personal code from the operating system's random source (not from the seed, which
     * is public).
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
      const random = createRandom(`tingsted-panels-invitations:${seed}`);
      // One candidate per household (the first in a seeded shuffle) when the rule is on.
      const shuffled = shuffle(random, register);
      const seenHouseholds = new Set<string>();
      const candidates = found.value.household_rule
        ? shuffled.filter((r) => {
            if (seenHouseholds.has(r.household)) return false;
            seenHouseholds.add(r.household);
            return true;
          })
        : shuffled;
      if (count > candidates.length) return invalid('count', 'panels.invite.tooMany', { available: candidates.length });
      let chosen: typeof candidates;
      if (stratify) {
        const areas = [...new Set(candidates.map((c) => c.area))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const byArea = areas.map((area) => candidates.filter((c) => c.area === area));
        const shares = apportion(
          byArea.map((list) => list.length),
          count,
        );
        chosen = byArea.flatMap((list, i) => list.slice(0, shares[i]!));
      } else chosen = candidates.slice(0, count);
      const codes = new Set<string>();
      const invitations = chosen.map((row, position) => {
        let code = newCode();
        while (codes.has(code)) code = newCode();
        codes.add(code);
        return { registerId: row.id, position, code, area: row.area };
      });
      const done = await repo.transaction(async (trx) => {
        const panel = await repo.lockPanel(trx, panelId);
        if (!panel || panel.invitations_drawn_at) return false;
        await repo.insertInvitations(trx, panelId, invitations);
        await trx.updateTable('panels').set({ invitation_seed: seed, invitations_drawn_at: deps.clock(), stratify_by_area: stratify }).where('id', '=', panelId).execute();
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

    /** What the registration page shows: the panel, its questions and consent text (no personal data). */
    async registrationForm(panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      return ok({ id: panel.id, title: panel.title, consentText: panel.consent_text, open: panel.invitations_drawn_at !== null && panel.drawn_at === null && panel.selection_job_id === null, questions: panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => v.value) })) });
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
      if (!panel.invitations_drawn_at || panel.drawn_at || panel.selection_job_id) return fail('PhaseClosed');
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

    /** Starts the selection as a background job (the lottery and its published list; no one is drawn yet). */
    async startSelection(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (panel.drawn_at) return invalid('selection', 'panels.selection.alreadyDrawn');
      if (panel.categories.length === 0) return invalid('quotas', 'panels.selection.noQuotas');
      const pool = await repo.respondents(panelId);
      if (pool.length < panel.size) return invalid('selection', 'panels.selection.poolTooSmall', { pool: pool.length, size: panel.size });
      if (panel.selection && (panel.selection.state === 'queued' || panel.selection.state === 'running')) return ok(null);
      await repo.updatePanel(panelId, { selection: { state: 'queued', progress: '', startedAt: deps.clock().toISOString() }, lottery_text: null, lottery_hash: null, hash_published_at: null });
      const jobId = await deps.jobs.send('panels.select', { panelId }, { singletonKey: panelId });
      await repo.updatePanel(panelId, { selection_job_id: jobId });
      await audit(actor, 'panel.selection_started', panelId);
      return ok(null);
    },

    /** The selection job: computes the lottery in a worker thread, reporting progress, and stores the list. */
    async runSelection(panelId: string): Promise<SelectionOutput | null> {
      const panel = await repo.findPanel(panelId);
      if (!panel || panel.drawn_at) return null;
      const startedAt = deps.clock().toISOString();
      await repo.updatePanel(panelId, { selection: { state: 'running', progress: '', startedAt } });
      const pool = await repo.respondents(panelId);
      const input = problemOf(panel, peopleOf(pool, panel.household_rule));
      let lastWrite = 0;
      // Progress is written at most once a second, in order, and always before the final state.
      let writes = Promise.resolve();
      let result: SelectionOutput;
      try {
        result = await selectInWorker(input, (progress) => {
          const now = Date.now();
          if (now - lastWrite < 1000) return;
          lastWrite = now;
          writes = writes.then(() => repo.updatePanel(panelId, { selection: { state: 'running', progress, startedAt } })).catch(() => undefined);
        });
        await writes;
      } catch (error) {
        await writes;
        await repo.updatePanel(panelId, { selection: { state: 'failed', detail: (error as Error).message, finishedAt: deps.clock().toISOString() }, selection_job_id: null });
        throw error;
      }
      const finishedAt = deps.clock().toISOString();
      if (!result.ok) {
        const selection: PanelSelection =
          result.reason === 'infeasible'
            ? { state: 'infeasible', detail: result.detail, relaxation: result.relaxation, finishedAt }
            : { state: 'failed', detail: result.detail, finishedAt };
        await repo.updatePanel(panelId, { selection, selection_job_id: null });
        return result;
      }
      await repo.updatePanel(panelId, {
        selection: {
          state: 'ready',
          algorithm: result.algorithm,
          poolSize: pool.length,
          minProbability: result.minProbability,
          maxProbability: result.maxProbability,
          probabilities: result.probabilities,
          m: result.m,
          maxDeviation: result.maxDeviation,
          seconds: result.seconds,
          finishedAt,
        },
        selection_job_id: null,
        lottery_text: result.lotteryText,
        lottery_hash: result.hash,
      });
      return result;
    },

    /** Applies the relaxation the selection suggested for infeasible quotas. */
    async applyRelaxation(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const selection = found.value.selection;
      if (!selection || selection.state !== 'infeasible' || selection.relaxation.length === 0) return fail('Conflict');
      const categories = found.value.categories.map((c) => ({
        name: c.name,
        values: c.values.map((v) => {
          let next = v;
          for (const change of selection.relaxation.filter((r) => r.category === c.name && r.value === v.value)) {
            next = change.bound === 'min' ? { ...next, min: change.to } : { ...next, max: change.to };
          }
          return next;
        }),
      }));
      await repo.updatePanel(panelId, { categories, selection: null });
      await audit(actor, 'panel.quotas_relaxed', panelId, { changes: selection.relaxation.length });
      return ok(null);
    },

    /** Publishes the hash of the list of panels: from now on the list cannot change unnoticed. */
    async publishHash(actor: Actor | null, panelId: string): Promise<Result<{ hash: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const panel = found.value;
      if (!panel.lottery_hash || panel.selection?.state !== 'ready') return invalid('selection', 'panels.selection.notReady');
      if (!panel.hash_published_at) await repo.updatePanel(panelId, { hash_published_at: deps.clock() });
      await audit(actor, 'panel.hash_published', panelId, { hash: panel.lottery_hash });
      return ok({ hash: panel.lottery_hash });
    },

    /**
     * The transparent draw: the public seed (e.g. numbers drawn at an open meeting) picks the index into the
     * published list; those people are selected and get a link to confirm their seat.
     */
    async drawPanel(actor: Actor | null, panelId: string, publicSeedInput: unknown): Promise<Result<{ index: number; numbers: number[] }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const publicSeed = typeof publicSeedInput === 'string' ? publicSeedInput.trim() : '';
      if (publicSeed === '') return invalid('publicSeed', 'field.required');
      if (publicSeed.length > 200) return invalid('publicSeed', 'field.tooLong', { max: 200 });
      const tokens = new Map<number, string>();
      const outcome = await repo.transaction(async (trx) => {
        const panel = await repo.lockPanel(trx, panelId);
        if (!panel?.lottery_text || !panel.hash_published_at) return 'not-published' as const;
        if (panel.drawn_at) return 'drawn' as const;
        const panels = parseLotteryText(panel.lottery_text);
        const index = drawIndex(publicSeed, panels.length);
        const numbers = (panels[index] ?? []).map(Number).sort((a, b) => a - b);
        const at = deps.clock();
        for (const n of numbers) tokens.set(n, randomBytes(24).toString('base64url'));
        await repo.markSelected(trx, panelId, numbers.map((n) => ({ number: n, tokenHash: hashToken(tokens.get(n)!) })), at);
        await repo.recordDraw(trx, panelId, { publicSeed, index, at });
        return { index, numbers };
      });
      if (outcome === 'not-published') return invalid('publicSeed', 'panels.selection.hashFirst');
      if (outcome === 'drawn') return invalid('publicSeed', 'panels.selection.alreadyDrawn');
      await audit(actor, 'panel.drawn', panelId, { index: outcome.index, publicSeed });
      const selected = (await repo.respondents(panelId)).filter((r) => tokens.has(r.number));
      const contacts = await repo.contactsOf(selected.map((r) => r.id));
      const municipality = await deps.municipality();
      for (const r of selected) {
        const contact = contacts.find((c) => c.respondent_id === r.id);
        if (contact) await send(contact.email, municipality.defaultLocale, 'panels.mail.selected.subject', 'panels.mail.selected.body', { title: found.value.title }, `/panels/${panelId}/confirm?token=${tokens.get(r.number)!}`);
      }
      return ok(outcome);
    },

    /** A selected person confirms their seat with the link from the e-mail, which also links their account. */
    async confirmSeat(actor: Actor | null, panelId: string, tokenInput: unknown): Promise<Result<{ number: number }>> {
      if (!actor) return fail('NotSignedIn');
      const token = typeof tokenInput === 'string' ? tokenInput : '';
      if (token === '') return fail('TokenInvalid');
      const respondent = await repo.findByToken(panelId, hashToken(token));
      if (!respondent || respondent.status === 'pool' || respondent.status === 'dropped_out') return fail('TokenInvalid');
      if (respondent.user_id && respondent.user_id !== actor.id) return fail('TokenUsed');
      await repo.setRespondent(deps.db, respondent.id, { status: 'confirmed', user_id: actor.id, confirmed_at: deps.clock() });
      await audit(actor, 'panel.seat_confirmed', panelId, { number: respondent.number });
      return ok({ number: respondent.number });
    },

    /** Staff confirm a seat (by phone or letter); the member can still link their account with the e-mail link. */
    async confirmByStaff(actor: Actor | null, panelId: string, numberInput: unknown): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const number = Number(numberInput);
      const respondent = (await repo.respondents(panelId)).find((r) => r.number === number);
      if (!respondent || respondent.status !== 'selected') return invalid('number', 'panels.confirm.notSelected');
      await repo.setRespondent(deps.db, respondent.id, { status: 'confirmed', confirmed_at: deps.clock() });
      await audit(actor, 'panel.seat_confirmed_by_staff', panelId, { number });
      return ok(null);
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

    /** Deletes the personal data of every panel whose deletion date has come (the daily job). */
    async purgeExpiredPools(): Promise<number> {
      const due = await repo.panelsToPurge(today());
      for (const panelId of due) {
        const counts = await repo.purgePool(panelId, deps.clock());
        await audit(null, 'panel.pool_deleted', panelId, counts);
      }
      return due.length;
    },

    /** The members' workspace: sessions, materials, submissions, notes, recommendations with amendments. */
    async workspace(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      const st = await standing(actor, panelId);
      const member = actor ? await repo.memberOf(panelId, actor.id) : undefined;
      const [sessions, items, recommendations, amendments, votes] = await Promise.all([
        repo.sessions(panelId),
        repo.items(panelId),
        repo.recommendations(panelId),
        repo.amendments(panelId),
        member ? repo.votesOf(panelId, member.id) : Promise.resolve([]),
      ]);
      return ok({
        panel: { id: found.value.id, title: found.value.title, approvalPercent: found.value.approval_percent, reportPublished: found.value.report_published_at !== null, processId: found.value.process_id },
        facilitator: panelsPolicy.facilitate(actor, st),
        member: member ? { number: member.number, publicName: member.public_name } : null,
        sessions,
        items,
        recommendations: recommendations.map((r) => ({ ...r, amendments: amendments.filter((a) => a.recommendation_id === r.id), myVote: votes.find((v) => v.recommendation_id === r.id)?.choice ?? null })),
      });
    },

    /** Adds a material, expert presentation or stakeholder submission (facilitators) or a group's notes (anyone in the workspace). */
    async addItem(
      actor: Actor | null,
      panelId: string,
      input: { kind: unknown; title: unknown; body: unknown; link: unknown; source: unknown; smallGroup: unknown; sessionId: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!(itemKinds as readonly unknown[]).includes(input.kind)) return invalid('kind', 'field.invalid');
      const kind = input.kind as ItemKind;
      const found = await allowed(actor, panelId, kind === 'note' ? panelsPolicy.enterWorkspace : panelsPolicy.facilitate);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'itemTitle', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const body = checkText(input.body, 'body', { max: 20000, required: kind === 'note' || kind === 'submission' });
      if ('error' in body) errors.push(body.error);
      const link = typeof input.link === 'string' ? input.link.trim() : '';
      if (link !== '' && !/^https?:\/\/\S+$/.test(link)) errors.push({ field: 'link', message: 'panels.session.streamUrl' });
      const source = checkText(input.source, 'source', { max: 200, required: kind === 'submission' || kind === 'presentation' });
      if ('error' in source) errors.push(source.error);
      const group = checkText(input.smallGroup, 'smallGroup', { max: 100, required: kind === 'note' });
      if ('error' in group) errors.push(group.error);
      const sessions = await repo.sessions(panelId);
      const sessionId = typeof input.sessionId === 'string' && input.sessionId !== '' ? input.sessionId : null;
      if (sessionId && !sessions.some((s) => s.id === sessionId)) errors.push({ field: 'sessionId', message: 'field.invalid' });
      if (errors.length > 0 || 'error' in title || 'error' in body || 'error' in source || 'error' in group) return fail('ValidationFailed', errors);
      const id = await repo.insertItem({ panelId, sessionId, kind, title: title.value, body: body.value, link, source: source.value, smallGroup: group.value, authorId: actor!.id });
      await audit(actor, 'panel.item_added', panelId, { kind, itemId: id });
      return ok({ id });
    },

    /** Drafts a recommendation (members and facilitators). */
    async draftRecommendation(actor: Actor | null, panelId: string, input: { title: unknown; body: unknown }): Promise<Result<{ id: string; number: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      if (found.value.report_published_at) return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'recTitle', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const body = checkText(input.body, 'recBody', { max: 10000 });
      if ('error' in body) errors.push(body.error);
      if ('error' in title || 'error' in body) return fail('ValidationFailed', errors);
      const row = await repo.transaction(async (trx) => {
        await repo.lockPanel(trx, panelId);
        return repo.insertRecommendation(trx, { panelId, title: title.value, body: body.value, by: actor!.id });
      });
      await audit(actor, 'panel.recommendation_drafted', panelId, { recommendationId: row.id });
      return ok(row);
    },

    /** Proposes an amendment (new wording) to a recommendation still being drafted. */
    async proposeAmendment(actor: Actor | null, recommendationId: string, input: { body: unknown; rationale: unknown }): Promise<Result<{ id: string }>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      if (rec.status !== 'drafting') return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const body = checkText(input.body, 'amendBody', { max: 10000 });
      if ('error' in body) errors.push(body.error);
      const rationale = checkText(input.rationale, 'rationale', { max: 2000, required: false });
      if ('error' in rationale) errors.push(rationale.error);
      if ('error' in body || 'error' in rationale) return fail('ValidationFailed', errors);
      const id = await repo.insertAmendment({ recommendationId, body: body.value, rationale: rationale.value, by: actor!.id });
      await audit(actor, 'panel.amendment_proposed', rec.panel_id, { recommendationId, amendmentId: id });
      return ok({ id });
    },

    /** A facilitator accepts (the wording replaces the recommendation's) or rejects an amendment, as the panel decided. */
    async decideAmendment(actor: Actor | null, amendmentId: string, decision: unknown): Promise<Result<null>> {
      if (decision !== 'accepted' && decision !== 'rejected') return invalid('decision', 'field.invalid');
      return repo.transaction(async (trx) => {
        const amendment = await repo.findAmendment(trx, amendmentId);
        if (!amendment) return fail('NotFound');
        const rec = await repo.findRecommendation(trx, amendment.recommendation_id, true);
        if (!rec) return fail('NotFound');
        const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
        if (!found.ok) return found;
        if (amendment.status !== 'proposed' || rec.status !== 'drafting') return fail('Conflict');
        await repo.setAmendmentStatus(trx, amendmentId, decision);
        if (decision === 'accepted') await repo.updateRecommendation(trx, rec.id, { body: amendment.body });
        await deps.audit.record({ actorId: actor!.id, action: `panel.amendment_${decision}`, subjectType: 'panel', subjectId: rec.panel_id, details: { amendmentId } });
        return ok(null);
      });
    },

    /** Opens the vote on a recommendation (facilitators); its text is then fixed. */
    async openVoting(actor: Actor | null, recommendationId: string): Promise<Result<null>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
      if (!found.ok) return found;
      if (rec.status !== 'drafting') return fail('Conflict');
      await repo.updateRecommendation(deps.db, rec.id, { status: 'voting' });
      await audit(actor, 'panel.voting_opened', rec.panel_id, { recommendationId });
      return ok(null);
    },

    /** A member's vote: yes, no or abstain, once per recommendation. */
    async castVote(actor: Actor | null, recommendationId: string, choiceInput: unknown): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(voteChoices as readonly unknown[]).includes(choiceInput)) return invalid('choice', 'panels.vote.choice');
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const member = await repo.memberOf(rec.panel_id, actor.id);
      if (!member || !panelsPolicy.vote(actor, { administrator: false, member: true })) return fail('Forbidden');
      if (rec.status !== 'voting') return fail('PhaseClosed');
      const inserted = await repo.transaction(async (trx) => {
        const locked = await repo.findRecommendation(trx, recommendationId, true);
        if (locked?.status !== 'voting') return null;
        return repo.insertVote(trx, { recommendationId, respondentId: member.id, choice: choiceInput as (typeof voteChoices)[number] });
      });
      if (inserted === null) return fail('PhaseClosed');
      if (!inserted) return invalid('choice', 'panels.vote.already');
      // The vote itself is secret from the log: only that this member voted.
      await audit(actor, 'panel.vote_cast', rec.panel_id, { recommendationId });
      return ok(null);
    },

    /**
     * Closes the vote and records the result: adopted when the yes votes reach the panel's approval threshold
     * of the votes cast for or against (abstentions are counted and shown, not in the share).
     */
    async closeVoting(actor: Actor | null, recommendationId: string): Promise<Result<{ adopted: boolean }>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const adopted = await repo.transaction(async (trx) => {
        const locked = await repo.findRecommendation(trx, recommendationId, true);
        if (locked?.status !== 'voting') return null;
        const tally = await repo.tally(trx, recommendationId);
        const cast = tally.yes + tally.no;
        const isAdopted = cast > 0 && tally.yes * 100 >= found.value.approval_percent * cast;
        await repo.updateRecommendation(trx, recommendationId, { status: isAdopted ? 'adopted' : 'not_adopted', yes_votes: tally.yes, no_votes: tally.no, abstentions: tally.abstain });
        return isAdopted;
      });
      if (adopted === null) return fail('Conflict');
      await audit(actor, 'panel.voting_closed', rec.panel_id, { recommendationId, adopted });
      return ok({ adopted });
    },

    /** Publishes the final report; members and followers hear about it. */
    async publishReport(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const recs = await repo.recommendations(panelId);
      if (recs.length === 0 || recs.some((r) => r.status === 'drafting' || r.status === 'voting')) return invalid('report', 'panels.report.unfinished');
      if (found.value.report_published_at) return ok(null);
      await repo.updatePanel(panelId, { report_published_at: deps.clock() });
      await audit(actor, 'panel.report_published', panelId);
      await notifyMembersAndFollowers(found.value, 'panels.mail.report.subject', 'panels.mail.report.body', `/panels/${panelId}/report`);
      return ok(null);
    },

    /** The final report's content: public once published, before that for the workspace only. */
    async report(actor: Actor | null, panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (!panel.report_published_at) {
        const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
        if (!found.ok) return found;
      }
      const recs = (await repo.recommendations(panelId)).filter((r) => r.status === 'adopted' || r.status === 'not_adopted');
      return ok({
        panel: { id: panel.id, title: panel.title, approvalPercent: panel.approval_percent, publishedAt: panel.report_published_at },
        recommendations: recs.map((r) => {
          const cast = r.yes_votes + r.no_votes;
          return { ...r, approval: cast > 0 ? Math.round((100 * r.yes_votes) / cast) : 0 };
        }),
      });
    },

    /** The final report as PDF. */
    async reportPdf(actor: Actor | null, panelId: string, localeInput: unknown): Promise<Result<Uint8Array<ArrayBuffer>>> {
      const report = await this.report(actor, panelId);
      if (!report.ok) return report;
      const municipality = await deps.municipality();
      const locale = isLocale(localeInput) ? localeInput : municipality.defaultLocale;
      const pdf = await finalReportPdf({
        locale,
        municipality: municipality.name,
        panelTitle: report.value.panel.title,
        intro: translate(locale, 'panels.report.intro', { count: report.value.recommendations.length }),
        approvalPercent: report.value.panel.approvalPercent,
        recommendations: report.value.recommendations.map((r) => ({
          number: r.number,
          title: r.title,
          body: r.body,
          status: translate(locale, r.status === 'adopted' ? 'panels.rec.status.adopted' : 'panels.rec.status.not_adopted'),
          yes: r.yes_votes,
          no: r.no_votes,
          abstain: r.abstentions,
          approval: r.approval,
        })),
      });
      return ok(pdf);
    },

    /**
     * The decision-maker's answer to one adopted recommendation: accepted, partly accepted or rejected, with
     * reasons and the date of the decision; accepted ones carry implementation progress. Members and
     * followers are told.
     */
    async answerRecommendation(
      actor: Actor | null,
      recommendationId: string,
      input: { decision: unknown; reasons: unknown; decidedOn: unknown; progressPercent: unknown; progressNote: unknown },
    ): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!panelsPolicy.respond(actor)) return fail('Forbidden');
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      if (rec.status !== 'adopted') return fail('PhaseClosed');
      const errors: FieldError[] = [];
      if (!(decisions as readonly unknown[]).includes(input.decision)) errors.push({ field: 'decision', message: 'field.invalid' });
      const reasons = checkText(input.reasons, 'reasons', { max: 5000 });
      if ('error' in reasons) errors.push(reasons.error);
      if (!isIsoDate(input.decidedOn)) errors.push({ field: 'decidedOn', message: 'field.dateInvalid' });
      let progress: number | null = null;
      if (input.progressPercent !== '' && input.progressPercent !== undefined && input.progressPercent !== null) {
        progress = Number(input.progressPercent);
        if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.push({ field: 'progressPercent', message: 'panels.response.progress' });
        else if (input.decision === 'rejected') errors.push({ field: 'progressPercent', message: 'panels.response.progressRejected' });
      }
      const note = checkText(input.progressNote, 'progressNote', { max: 2000, required: false });
      if ('error' in note) errors.push(note.error);
      if (errors.length > 0 || 'error' in reasons || 'error' in note) return fail('ValidationFailed', errors);
      await repo.upsertResponse({ recommendationId, decision: input.decision as Decision, reasons: reasons.value, decidedOn: input.decidedOn as string, progressPercent: progress, progressNote: note.value, by: actor.id });
      await audit(actor, 'panel.recommendation_answered', rec.panel_id, { recommendationId, decision: input.decision });
      const panel = await repo.findPanel(rec.panel_id);
      if (panel) await notifyMembersAndFollowers(panel, 'panels.mail.answer.subject', 'panels.mail.answer.body', `/panels/${panel.id}`);
      return ok(null);
    },

    /** A member chooses whether the public page shows their name (empty: not shown). */
    async setPublicName(actor: Actor | null, panelId: string, nameInput: unknown): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const member = await repo.memberOf(panelId, actor.id);
      if (!member) return fail('Forbidden');
      const name = checkText(nameInput, 'publicName', { max: 100, required: false });
      if ('error' in name) return fail('ValidationFailed', [name.error]);
      await repo.setRespondent(deps.db, member.id, { public_name: name.value === '' ? null : name.value });
      return ok(null);
    },

    /** Follows a panel (e-mail when the report and the answers come) or stops following. */
    async follow(actor: Actor | null, panelId: string, on: boolean): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      await repo.follow(panelId, actor.id, on);
      return ok(null);
    },

    /** The published list of panels for the transparent draw (once its hash is published). */
    async lotteryList(panelId: string): Promise<Result<{ text: string; hash: string }>> {
      const panel = await repo.findPanel(panelId);
      if (!panel?.lottery_text || !panel.lottery_hash || !panel.hash_published_at) return fail('NotFound');
      return ok({ text: panel.lottery_text, hash: panel.lottery_hash });
    },

    /**
     * The public panel page: the process, how people were chosen (seeds, hash, index, probabilities), the
     * composition per category without names unless members agreed, the timetable, and once published the
     * recommendations with their votes and answers.
     */
    async publicPanel(actor: Actor | null, panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      const process = await deps.processes.getProcessById(panel.process_id);
      if (!process || process.status === 'draft') return fail('NotFound');
      const [respondents, sessions, recommendations, replacements, byArea] = await Promise.all([
        repo.respondents(panelId),
        repo.sessions(panelId),
        repo.recommendations(panelId),
        repo.replacements(panelId),
        repo.invitationsByArea(panelId),
      ]);
      const selection = panel.selection?.state === 'ready' ? panel.selection : null;
      const members = respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed');
      return ok({
        panel: { id: panel.id, title: panel.title, size: panel.size, householdRule: panel.household_rule, approvalPercent: panel.approval_percent, stage: stageOf(panel) },
        process: { id: process.id, slug: process.slug, title: process.title },
        method: {
          invitationSeed: panel.invitation_seed,
          invited: byArea.reduce((s, a) => s + Number(a.invited), 0),
          stratified: panel.stratify_by_area,
          registered: panel.pool_deleted_at ? null : respondents.length,
          hash: panel.hash_published_at ? panel.lottery_hash : null,
          hashPublishedAt: panel.hash_published_at,
          m: selection?.m ?? null,
          minProbability: selection?.minProbability ?? null,
          maxProbability: selection?.maxProbability ?? null,
          publicSeed: panel.public_seed,
          drawnIndex: panel.drawn_index,
          drawnAt: panel.drawn_at,
          replacements: replacements.length,
        },
        composition: panel.drawn_at ? composition(panel, respondents).map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, panel: v.panel, populationShare: v.populationShare })) })) : [],
        names: members.map((m) => m.public_name).filter((n): n is string => n !== null).sort((a, b) => a.localeCompare(b)),
        memberCount: members.length,
        sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, mode: s.mode, place: s.place })),
        reportPublished: panel.report_published_at !== null,
        recommendations: panel.report_published_at
          ? recommendations
              .filter((r) => r.status === 'adopted' || r.status === 'not_adopted')
              .map((r) => ({
                id: r.id,
                number: r.number,
                title: r.title,
                body: r.body,
                status: r.status,
                yes: r.yes_votes,
                no: r.no_votes,
                abstain: r.abstentions,
                answer: r.decision ? { decision: r.decision, reasons: r.reasons ?? '', decidedOn: r.decided_on ?? '', progress: r.progress_percent, progressNote: r.progress_note ?? '' } : null,
              }))
          : [],
        following: actor ? await repo.isFollowing(panelId, actor.id) : false,
      });
    },
  };
}

export type PanelsService = ReturnType<typeof panelsService>;
export { normaliseCode };
