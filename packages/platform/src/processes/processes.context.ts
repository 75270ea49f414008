import { changeClockOf, type Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Locale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError } from '../shared/result.ts';
import { isIsoDate, localDate } from '../shared/dates.ts';
import type { Clock } from '../shared/clock.ts';
import { processesRepository } from './processes.repository.ts';
import { processesPolicy } from './processes.policy.ts';
import { processState, type ProcessState } from './state.ts';
import { charterFields, phaseMethods, type CharterField, type PhaseMethod, type PhaseSettings, type ProcessStatus } from './processes.tables.ts';


/** A process as lists show it. */
export interface ProcessSummary {
  readonly id: string;
  readonly slug: string;
  /** The stored status, which staff change. */
  readonly status: ProcessStatus;
  /** Where it stands today (its status and dates by the municipality's calendar): what people are shown. */
  readonly state: ProcessState;
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

export const limits: Record<CharterField | 'title' | 'summary', number> = {
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

export function hasText(value: LocalizedText): boolean {
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

/** What the processes module needs from the platform. */
export interface ProcessesDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly timeZone: string;
  /**
   * How many inputs residents have made in a phase (ideas, survey responses, proposals, conversation
   * statements and votes, ballots), from the modules above this one: a phase with inputs is not removed.
   */
  readonly inputsOfPhase?: (phaseId: string) => Promise<number>;
}

/**
 * What the use-case files share: the dependencies, the repository, the short caches of the public list and
 * details, and the helpers for loading a managed process, keeping its dates and checking phase input.
 * Built once per platform by `processesService`.
 */
export function processesContext(deps: ProcessesDeps) {
  const repo = processesRepository(deps.db);
  const today = () => localDate(deps.clock(), deps.timeZone);
  // The public list is read on every front-page view; a two-second cache takes it off the database.
  // An entry is stale as soon as the data version moves (any committed write, on this server or another:
  // db/changes.ts), so a change shows at once; the two seconds only bound what no write announces.
  // Entries hold the promise, so the requests that arrive while a read is under way share it.
  const changes = changeClockOf(deps.db);
  const listCache = new Map<string, { at: number; version: number; rows: Promise<ProcessSummary[]> }>();
  const listCacheMs = 2000;
  /** Whether a cache entry made at `at` under data version `version` may still be used. */
  const fresh = (entry: { at: number; version: number }) => entry.version === changes.version && Date.now() - entry.at < listCacheMs;
  // Every idea, comment and support checks its process and phase; the same short cache serves them.
  const detailCache = new Map<string, { at: number; version: number; detail: Promise<ProcessDetail | null> }>();
  const invalidate = () => {
    listCache.clear();
    detailCache.clear();
  };
  const phaseProcess = new Map<string, string>();

  async function cachedDetail(key: string, load: () => Promise<ProcessDetail | null>): Promise<ProcessDetail | null> {
    const cacheKey = `${key}|${today()}`;
    const hit = detailCache.get(cacheKey);
    if (hit && fresh(hit)) return hit.detail;
    const version = changes.version;
    const detail = load();
    if (detailCache.size > 500) detailCache.clear();
    detailCache.set(cacheKey, { at: Date.now(), version, detail });
    // A failed read is not kept.
    detail.catch(() => detailCache.delete(cacheKey));
    return detail;
  }

  function present(row: Awaited<ReturnType<typeof repo.list>>[number]): ProcessSummary {
    const dates = { status: row.status, startsOn: row.starts_on, endsOn: row.ends_on };
    return { id: row.id, slug: row.slug, status: row.status, state: processState(dates, today()), title: row.title, summary: row.summary, startsOn: row.starts_on, endsOn: row.ends_on };
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
    await repo.syncDates(processId);
  }

  function checkPhaseInput(input: { method: unknown; title: unknown; startsOn: unknown; endsOn: unknown }, locale: Locale) {
    const errors: FieldError[] = [];
    if (!(phaseMethods as readonly unknown[]).includes(input.method)) errors.push({ field: 'method', message: 'field.oneOf', params: { choices: phaseMethods.join(', ') } });
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

  return { deps, repo, today, listCache, fresh, changes, invalidate, phaseProcess, cachedDetail, present, loadDetail, managed, syncDates, checkPhaseInput };
}

export type ProcessesContext = ReturnType<typeof processesContext>;

/** Idea categories as a manager types them, one per line: at most 30, each at most 60 characters, each once. */
export function parseCategories(input: unknown): string[] | { error: FieldError } {
  const lines = (typeof input === 'string' ? input : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 30) return { error: { field: 'categories', message: 'field.tooMany', params: { max: 30 } } };
  if (lines.some((line) => line.length > 60)) return { error: { field: 'categories', message: 'field.tooLong', params: { max: 60 } } };
  if (new Set(lines.map((line) => line.toLowerCase())).size !== lines.length) return { error: { field: 'categories', message: 'field.duplicateCategory' } };
  return lines;
}
