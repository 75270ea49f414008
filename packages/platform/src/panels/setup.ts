import type { Actor } from '../accounts/accounts.policy.ts';
import { isIsoDate } from '../shared/dates.ts';
import { checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import { composition, stageOf, type PanelsContext, type PanelStage } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { readCensusCsv, readQuotasCsv, suggestQuotas } from './panels.csv.ts';
import { sessionModes, type PanelCategory, type SessionMode } from './panels.tables.ts';

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

/** Setting a panel up: creating it on a process, its size and rules, categories and quotas, census figures, sessions. */
export function setupUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, standing } = ctx;
  return {
    /** The panel of a process, if it has one. */
    async panelOfProcess(processId: string): Promise<{ id: string; title: string; stage: PanelStage } | null> {
      const panel = await repo.findPanelOfProcess(processId);
      return panel ? { id: panel.id, title: panel.title, stage: stageOf(panel) } : null;
    },

    /**
     * The category answers of a panel's members (selected or confirmed), without who gave them: what the census
     * module compares with the population. Empty before the selection.
     */
    async memberAnswersOf(panelId: string): Promise<Record<string, string>[]> {
      return (await repo.respondents(panelId)).filter((r) => r.status === 'selected' || r.status === 'confirmed').map((r) => ({ ...r.answers }));
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
      else if (found.value.hash_published_at && size !== found.value.size) errors.push({ field: 'size', message: 'panels.announce.locked' });
      const householdRule = input.householdRule === true || input.householdRule === 'on';
      if (found.value.hash_published_at && householdRule !== found.value.household_rule) errors.push({ field: 'householdRule', message: 'panels.announce.locked' });
      if (errors.length > 0 || 'error' in title || 'error' in consent) return fail('ValidationFailed', errors);
      await repo.updatePanel(panelId, {
        title: title.value,
        size,
        household_rule: householdRule,
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
      if (found.value.hash_published_at) return invalid('quotas', 'panels.announce.locked');
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
      if (found.value.hash_published_at && !found.value.drawn_at) return invalid('census', 'panels.announce.locked');
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
      if (found.value.hash_published_at) return invalid('quotas', 'panels.announce.locked');
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
      if (!(sessionModes as readonly unknown[]).includes(input.mode)) errors.push({ field: 'mode', message: 'field.oneOf', params: { choices: sessionModes.join(', ') } });
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

    /** Removes a session from the timetable. */
    async removeSession(actor: Actor | null, panelId: string, sessionId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      if (!(await repo.deleteSession(panelId, sessionId))) return fail('NotFound');
      return ok(null);
    },

  };
}
