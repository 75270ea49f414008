import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isIsoDate, localDate } from '../shared/dates.ts';
import type { Clock } from '../shared/clock.ts';
import { processesRepository } from './processes.repository.ts';
import { processesPolicy } from './processes.policy.ts';
import { charterFields, phaseMethods, processStatuses, type CharterField, type PhaseMethod, type PhaseSettings, type ProcessStatus } from './processes.tables.ts';

/** A process as lists show it. */
export interface ProcessSummary {
  readonly id: string;
  readonly slug: string;
  readonly status: ProcessStatus;
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
}

/** Where a phase stands on a given day. */
export type PhaseState = 'upcoming' | 'open' | 'closed';

/** One phase of a process's timeline. */
export interface Phase {
  readonly id: string;
  readonly method: PhaseMethod;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly settings: PhaseSettings;
  readonly state: PhaseState;
}

/** A process with its charter and timeline, as its public page shows it. */
export interface ProcessDetail extends ProcessSummary {
  readonly charter: Record<CharterField, LocalizedText>;
  readonly respondBy: string | null;
  readonly phases: Phase[];
  readonly currentPhaseId: string | null;
  readonly publishedAt: Date | null;
}

/** Charter fields that must have text (in some language) before a process can be published. */
export const requiredForPublishing: readonly (CharterField | 'title' | 'summary')[] = [
  'title',
  'summary',
  'question',
  'why_involved',
  'scope_can_change',
  'scope_cannot_change',
  'decision_maker',
  'response_commitment',
  'target_groups',
  'method_rationale',
];

const limits: Record<CharterField | 'title' | 'summary', number> = {
  title: 200,
  summary: 1000,
  question: 500,
  why_involved: 5000,
  scope_can_change: 5000,
  scope_cannot_change: 5000,
  decision_maker: 1000,
  response_commitment: 2000,
  target_groups: 2000,
  outreach: 2000,
  method_rationale: 2000,
  funding: 2000,
};

function hasText(value: LocalizedText): boolean {
  return Object.values(value).some((text) => typeof text === 'string' && text.trim() !== '');
}

/** Turns a title into an address: lower case, Nordic letters spelled out, dashes. */
export function slugify(title: string): string {
  const spelled = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return spelled.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'prosess';
}

function phaseState(startsOn: string, endsOn: string, today: string): PhaseState {
  if (today < startsOn) return 'upcoming';
  if (today > endsOn) return 'closed';
  return 'open';
}

/** Processes: the questions a municipality involves residents in, with their charter and timeline. */
export function processesService(deps: { db: Db; audit: AuditService; clock: Clock; timeZone: string }) {
  const repo = processesRepository(deps.db);
  const today = () => localDate(deps.clock(), deps.timeZone);
  // The public list is read on every front-page view; a two-second cache takes it off the database.
  // Changes made on this server clear it at once; other servers see them within two seconds.
  // Entries hold the promise, so the requests that arrive while a read is under way share it.
  const listCache = new Map<string, { at: number; rows: Promise<ProcessSummary[]> }>();
  const listCacheMs = 2000;
  // Every idea, comment and support checks its process and phase; the same short cache serves them.
  const detailCache = new Map<string, { at: number; detail: Promise<ProcessDetail | null> }>();
  const invalidate = () => {
    listCache.clear();
    detailCache.clear();
  };
  const phaseProcess = new Map<string, string>();

  async function cachedDetail(key: string, load: () => Promise<ProcessDetail | null>): Promise<ProcessDetail | null> {
    const cacheKey = `${key}|${today()}`;
    const hit = detailCache.get(cacheKey);
    if (hit && Date.now() - hit.at < listCacheMs) return hit.detail;
    const detail = load();
    if (detailCache.size > 500) detailCache.clear();
    detailCache.set(cacheKey, { at: Date.now(), detail });
    // A failed read is not kept.
    detail.catch(() => detailCache.delete(cacheKey));
    return detail;
  }

  function present(row: Awaited<ReturnType<typeof repo.list>>[number]): ProcessSummary {
    return { id: row.id, slug: row.slug, status: row.status, title: row.title, summary: row.summary, startsOn: row.starts_on, endsOn: row.ends_on };
  }

  async function loadDetail(row: NonNullable<Awaited<ReturnType<typeof repo.findFullBySlug>>>): Promise<ProcessDetail> {
    const day = today();
    const phases = (await repo.phasesOf(row.id)).map(
      (p): Phase => ({
        id: p.id,
        method: p.method,
        title: p.title,
        description: p.description,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        settings: p.settings,
        state: phaseState(p.starts_on, p.ends_on, day),
      }),
    );
    const charter = Object.fromEntries(charterFields.map((f) => [f, row[f]])) as Record<CharterField, LocalizedText>;
    return {
      ...present(row),
      charter,
      respondBy: row.respond_by,
      phases,
      currentPhaseId: phases.find((p) => p.state === 'open')?.id ?? null,
      publishedAt: row.published_at,
    };
  }

  async function managed(actor: Actor | null, processId: string) {
    if (!processesPolicy.manage(actor)) return fail('Forbidden');
    const row = await repo.findFullById(processId);
    if (!row) return fail('NotFound');
    return ok(row);
  }

  /** Keeps the process's overall dates equal to its timeline's first start and last end. */
  async function syncDates(processId: string) {
    await sql`UPDATE processes SET starts_on = (SELECT min(starts_on) FROM phases WHERE process_id = ${processId}),
      ends_on = (SELECT max(ends_on) FROM phases WHERE process_id = ${processId}), updated_at = now() WHERE id = ${processId}`.execute(deps.db);
  }

  function checkPhaseInput(input: { method: unknown; title: unknown; startsOn: unknown; endsOn: unknown }, locale: Locale) {
    const errors: FieldError[] = [];
    if (!(phaseMethods as readonly unknown[]).includes(input.method)) errors.push({ field: 'method', message: 'field.invalid' });
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (title === '') errors.push({ field: 'title', message: 'field.required' });
    else if (title.length > 200) errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
    if (!isIsoDate(input.startsOn)) errors.push({ field: 'startsOn', message: 'field.dateInvalid' });
    if (!isIsoDate(input.endsOn)) errors.push({ field: 'endsOn', message: 'field.dateInvalid' });
    if (isIsoDate(input.startsOn) && isIsoDate(input.endsOn) && input.endsOn < input.startsOn) {
      errors.push({ field: 'endsOn', message: 'field.endBeforeStart' });
    }
    return { errors, title: { [locale]: title } as LocalizedText };
  }

  return {
    /** Today's date where the municipality is. */
    today,

    /** Lists the processes the actor may see, optionally of one status, newest first. */
    async listProcesses(actor: Actor | null, query: { status?: unknown; page?: number; pageSize?: number }): Promise<Result<ProcessSummary[]>> {
      const visible = processesPolicy.visibleStatuses(actor);
      let statuses = visible;
      if (query.status !== undefined && query.status !== '' && query.status !== 'all') {
        if (!(processStatuses as readonly unknown[]).includes(query.status)) {
          return fail('ValidationFailed', [{ field: 'status', message: 'field.invalid' }]);
        }
        statuses = visible.filter((s) => s === query.status);
      }
      if (statuses.length === 0) return ok([]);
      const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 20)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const key = `${statuses.join(',')}|${page}|${pageSize}`;
      const cached = listCache.get(key);
      if (cached && Date.now() - cached.at < listCacheMs) return ok(await cached.rows);
      const rows = repo.list({ statuses, limit: pageSize, offset: (page - 1) * pageSize }).then((list) => list.map(present));
      if (listCache.size > 100) listCache.clear();
      listCache.set(key, { at: Date.now(), rows });
      rows.catch(() => listCache.delete(key));
      return ok(await rows);
    },

    /** One process by its address, if the actor may see it. */
    async getProcess(actor: Actor | null, slug: string): Promise<Result<ProcessDetail>> {
      const detail = await cachedDetail(`slug:${slug}`, async () => {
        const row = await repo.findFullBySlug(slug);
        return row ? loadDetail(row) : null;
      });
      if (!detail || !processesPolicy.visibleStatuses(actor).includes(detail.status)) return fail('NotFound');
      return ok(detail);
    },

    /** One process by id (for other modules, which check their own permissions). */
    async getProcessById(processId: string): Promise<ProcessDetail | null> {
      return cachedDetail(`id:${processId}`, async () => {
        const row = await repo.findFullById(processId);
        return row ? loadDetail(row) : null;
      });
    },

    /** Whether a phase exists (read fresh, not from the cache), for modules that attach things to phases. */
    async phaseExists(phaseId: string): Promise<boolean> {
      return (await repo.processOfPhase(phaseId)) !== null;
    },

    /** The phase and its process, with the phase's state today. */
    async getPhase(phaseId: string): Promise<{ phase: Phase; process: ProcessDetail } | null> {
      // A phase never moves to another process, so the mapping is remembered (bounded; removed phases
      // simply find no phase in the process's detail).
      let processId = phaseProcess.get(phaseId);
      if (!processId) {
        processId = (await repo.processOfPhase(phaseId)) ?? undefined;
        if (!processId) return null;
        if (phaseProcess.size >= 10_000) phaseProcess.clear();
        phaseProcess.set(phaseId, processId);
      }
      const process = await this.getProcessById(processId);
      const phase = process?.phases.find((p) => p.id === phaseId);
      return process && phase ? { phase, process } : null;
    },

    /** Starts a draft process with a title in one language. */
    async createProcess(actor: Actor | null, input: { title: unknown; locale: unknown }): Promise<Result<{ id: string; slug: string }>> {
      if (!processesPolicy.manage(actor)) return fail('Forbidden');
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') return fail('ValidationFailed', [{ field: 'title', message: 'field.required' }]);
      if (title.length > limits.title) return fail('ValidationFailed', [{ field: 'title', message: 'field.tooLong', params: { max: limits.title } }]);
      const locale: Locale = isLocale(input.locale) ? input.locale : 'nb';
      const base = slugify(title);
      const taken = new Set(await repo.slugsLike(base));
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      const id = await repo.insertProcess({ slug, title: { [locale]: title }, createdBy: actor?.id ?? null });
      invalidate();
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.created', subjectType: 'process', subjectId: id });
      return ok({ id, slug });
    },

    /**
     * Writes the charter's texts in one language (others are kept). Every field is checked before
     * anything is saved.
     */
    async updateCharter(
      actor: Actor | null,
      processId: string,
      input: { locale: unknown; texts: Partial<Record<CharterField | 'title' | 'summary', unknown>>; respondBy?: unknown },
    ): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (!isLocale(input.locale)) return fail('ValidationFailed', [{ field: 'locale', message: 'field.localeUnknown' }]);
      const locale = input.locale;
      const errors: FieldError[] = [];
      const changes: Partial<Record<CharterField | 'title' | 'summary', LocalizedText>> = {};
      for (const [field, max] of Object.entries(limits) as [CharterField | 'title' | 'summary', number][]) {
        const value = input.texts[field];
        if (value === undefined) continue;
        const text = typeof value === 'string' ? value.trim() : '';
        if (text.length > max) {
          errors.push({ field, message: 'field.tooLong', params: { max } });
          continue;
        }
        if (field === 'title' && text === '') {
          errors.push({ field, message: 'field.required' });
          continue;
        }
        const next: LocalizedText = { ...found.value[field] };
        if (text === '') delete next[locale];
        else next[locale] = text;
        changes[field] = next;
      }
      let respondBy: string | null | undefined;
      if (input.respondBy !== undefined) {
        if (input.respondBy === '' || input.respondBy === null) respondBy = null;
        else if (isIsoDate(input.respondBy)) respondBy = input.respondBy;
        else errors.push({ field: 'respondBy', message: 'field.dateInvalid' });
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      invalidate();
      await repo.updateProcess(processId, changes, respondBy);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.charter_updated', subjectType: 'process', subjectId: processId, details: { locale } });
      return ok(null);
    },

    /** Adds a phase; its dates may not overlap another phase's (checked under a lock on the process). */
    async addPhase(
      actor: Actor | null,
      processId: string,
      input: { method: unknown; title: unknown; startsOn: unknown; endsOn: unknown; locale: unknown; preScreening?: unknown; publicResults?: unknown; categories?: unknown },
    ): Promise<Result<{ id: string }>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const locale: Locale = isLocale(input.locale) ? input.locale : 'nb';
      const { errors, title } = checkPhaseInput(input, locale);
      const categories = parseCategories(input.categories);
      if ('error' in categories) errors.push(categories.error);
      if (errors.length > 0 || 'error' in categories) return fail('ValidationFailed', errors);
      const startsOn = input.startsOn as string;
      const endsOn = input.endsOn as string;
      const settings: PhaseSettings = {
        preScreening: input.preScreening === true || input.preScreening === 'on',
        publicResults: input.publicResults === true || input.publicResults === 'on',
        ...(categories.length > 0 && input.method === 'ideas' ? { categories } : {}),
      };
      const result = await deps.db.transaction().execute(async (trx) => {
        await trx.selectFrom('processes').select('id').where('id', '=', processId).forUpdate().execute();
        const clash = await trx
          .selectFrom('phases')
          .select('id')
          .where('process_id', '=', processId)
          .where('starts_on', '<=', endsOn)
          .where('ends_on', '>=', startsOn)
          .executeTakeFirst();
        if (clash) return null;
        const row = await trx
          .insertInto('phases')
          .values({ process_id: processId, method: input.method as PhaseMethod, title: JSON.stringify(title), starts_on: startsOn, ends_on: endsOn, settings: JSON.stringify(settings) })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      if (!result) return fail('ValidationFailed', [{ field: 'startsOn', message: 'field.phaseOverlap' }]);
      invalidate();
      await syncDates(processId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.phase_added', subjectType: 'process', subjectId: processId, details: { phaseId: result } });
      return ok({ id: result });
    },

    /** Writes a phase's text (the information residents read; Markdown subset) in one language. */
    async setPhaseDescription(actor: Actor | null, processId: string, phaseId: string, input: { locale: unknown; text: unknown }): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (!isLocale(input.locale)) return fail('ValidationFailed', [{ field: 'locale', message: 'field.localeUnknown' }]);
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (text.length > 20000) return fail('ValidationFailed', [{ field: 'description', message: 'field.tooLong', params: { max: 20000 } }]);
      const phase = (await repo.phasesOf(processId)).find((p) => p.id === phaseId);
      if (!phase) return fail('NotFound');
      const next: LocalizedText = { ...phase.description };
      if (text === '') delete next[input.locale];
      else next[input.locale] = text;
      await deps.db.updateTable('phases').set({ description: JSON.stringify(next) }).where('id', '=', phaseId).execute();
      invalidate();
      return ok(null);
    },

    /** Removes a phase that has not started. */
    async removePhase(actor: Actor | null, processId: string, phaseId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const removed = await deps.db.deleteFrom('phases').where('id', '=', phaseId).where('process_id', '=', processId).where('starts_on', '>', today()).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return fail('Conflict');
      invalidate();
      await syncDates(processId);
      return ok(null);
    },

    /** Publishes a draft once its charter is complete and it has a timeline. */
    async publishProcess(actor: Actor | null, processId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const row = found.value;
      if (row.status !== 'draft') return fail('Conflict');
      const missing: FieldError[] = requiredForPublishing.filter((f) => !hasText(row[f])).map((field) => ({ field, message: 'field.requiredToPublish' }));
      if (!row.respond_by) missing.push({ field: 'respondBy', message: 'field.requiredToPublish' });
      if ((await repo.phasesOf(processId)).length === 0) missing.push({ field: 'phases', message: 'field.phasesRequired' });
      if (missing.length > 0) return fail('ValidationFailed', missing);
      invalidate();
      await repo.setStatus(processId, 'published');
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.published', subjectType: 'process', subjectId: processId });
      return ok(null);
    },

    /** Closes a published process. */
    async closeProcess(actor: Actor | null, processId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (found.value.status !== 'published') return fail('Conflict');
      invalidate();
      await repo.setStatus(processId, 'closed');
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.closed', subjectType: 'process', subjectId: processId });
      return ok(null);
    },

    /** Creates a process or leaves an existing one with that slug unchanged (seeding). */
    async ensureProcess(input: {
      slug: string;
      status: ProcessStatus;
      title: LocalizedText;
      summary: LocalizedText;
      startsOn: string | null;
      endsOn: string | null;
      createdBy: string | null;
      charter?: Partial<Record<CharterField, LocalizedText>>;
      respondBy?: string | null;
      phases?: { method: PhaseMethod; title: LocalizedText; description?: LocalizedText; startsOn: string; endsOn: string; settings?: PhaseSettings }[];
    }): Promise<{ id: string; created: boolean; phaseIds: string[] }> {
      const existing = await repo.findFullBySlug(input.slug);
      if (existing) return { id: existing.id, created: false, phaseIds: (await repo.phasesOf(existing.id)).map((p) => p.id) };
      const id = await repo.insertProcess({ slug: input.slug, title: input.title, createdBy: input.createdBy });
      await repo.updateProcess(id, { summary: input.summary, ...(input.charter ?? {}) }, input.respondBy ?? null);
      const phaseIds: string[] = [];
      for (const phase of input.phases ?? []) {
        const row = await deps.db
          .insertInto('phases')
          .values({ process_id: id, method: phase.method, title: JSON.stringify(phase.title), description: JSON.stringify(phase.description ?? {}), starts_on: phase.startsOn, ends_on: phase.endsOn, settings: JSON.stringify(phase.settings ?? {}) })
          .returning('id')
          .executeTakeFirstOrThrow();
        phaseIds.push(row.id);
      }
      if (input.phases?.length) await syncDates(id);
      else await deps.db.updateTable('processes').set({ starts_on: input.startsOn, ends_on: input.endsOn }).where('id', '=', id).execute();
      if (input.status !== 'draft') await repo.setStatus(id, input.status);
      invalidate();
      return { id, created: true, phaseIds };
    },
  };
}

export type ProcessesService = ReturnType<typeof processesService>;

/** Idea categories as a manager types them, one per line: at most 30, each at most 60 characters, each once. */
function parseCategories(input: unknown): string[] | { error: FieldError } {
  const lines = (typeof input === 'string' ? input : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 30) return { error: { field: 'categories', message: 'field.tooMany', params: { max: 30 } } };
  if (lines.some((line) => line.length > 60)) return { error: { field: 'categories', message: 'field.tooLong', params: { max: 60 } } };
  if (new Set(lines.map((line) => line.toLowerCase())).size !== lines.length) return { error: { field: 'categories', message: 'field.duplicateCategory' } };
  return lines;
}
