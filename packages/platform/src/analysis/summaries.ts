import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isUuid } from '../shared/validate.ts';
import type { AnalysisResult, InputRef } from './analyse.ts';
import { analysisPolicy } from './analysis.policy.ts';
import type { SentenceKind, SourcedSummary } from './sourced-summaries.ts';
import type { SummaryRow, summariesRepository } from './summaries.repository.ts';

/** A sentence as saved: its text, the text it was generated with (to tell an edit), and its sources. */
interface StoredSentence {
  readonly kind: SentenceKind;
  readonly text: string;
  readonly generated: string;
  readonly sources: readonly InputRef[];
}

/** One sentence as a page or the API shows it: the count is the number of inputs it names. */
export interface SummarySentenceView {
  readonly kind: SentenceKind;
  readonly text: string;
  readonly count: number;
  readonly sources: readonly InputRef[];
  /** Staff changed the generated sentence. */
  readonly edited: boolean;
}

/** A summary of the process or of one topic: what the last run generated, or what staff saved of it. */
export interface SummaryView {
  readonly scope: string;
  readonly title: string;
  readonly sentences: readonly SummarySentenceView[];
  /** 'builtin', or the model provider that wrote some of its sentences. */
  readonly writtenBy: string;
  readonly modelWrote: boolean;
  /** Why the model's sentences are missing: the built-in ones stand (staff only; null on the public page). */
  readonly fallback: string | null;
  /** Staff saved this summary (with or without changes). */
  readonly saved: boolean;
  /** Staff changed or removed a generated sentence. */
  readonly edited: boolean;
  readonly published: boolean;
  readonly savedAt: Date | null;
  readonly savedBy: string | null;
  readonly publishedAt: Date | null;
}

const maxSentence = 1000;
const scopePattern = /^(process|topic-\d{1,3})$/;
const badScope: FieldError[] = [{ field: 'scope', message: 'field.idInvalid' }];

/** The text of a generated sentence in a language: the templates are written out, quotes stay as they are. */
function textOf(locale: Locale, sentence: SourcedSummary['sentences'][number]): string {
  if (sentence.kind === 'topic') return translate(locale, 'summary.topicCount', { count: sentence.sources.length, phrase: sentence.phrase });
  if (sentence.kind === 'mention') return translate(locale, 'summary.mentionCount', { count: sentence.sources.length, phrase: sentence.phrase });
  return sentence.text;
}

/**
 * Summaries with sources: staff read the last run's summaries (process and topics), edit their sentences, and
 * publish them on the process's "you said, we did" page or take them off it. Every sentence keeps the inputs it
 * rests on; an edited one is marked, and the page says who saved it and when.
 */
export function summaryUseCases(deps: {
  repo: ReturnType<typeof summariesRepository>;
  lastDoneRun: (processId: string) => Promise<{ id: string; result: AnalysisResult } | null>;
  processExists: (processId: string) => Promise<boolean>;
  accounts: Pick<AccountsService, 'displayNamesOf'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}) {
  const { repo } = deps;

  async function allowed(actor: Actor | null, processId: string): Promise<Result<null>> {
    if (!actor) return fail('NotSignedIn');
    if (!analysisPolicy.analyse(actor)) return fail('Forbidden');
    if (!isUuid(processId)) return fail('ValidationFailed', [{ field: 'processId', message: 'field.idInvalid' }]);
    if (!(await deps.processExists(processId))) return fail('NotFound');
    return ok(null);
  }

  /** The generated summaries of a run as sentences to save, written in `locale`. */
  function generated(result: AnalysisResult, locale: Locale): { summary: SourcedSummary; sentences: StoredSentence[]; position: number }[] {
    return (result.summaries ?? []).map((summary, position) => ({
      summary,
      position,
      sentences: summary.sentences.map((s) => {
        const text = textOf(locale, s);
        return { kind: s.kind, text, generated: text, sources: s.sources.map((key) => result.refs[key]).filter((r): r is InputRef => r !== undefined) };
      }),
    }));
  }

  function view(row: SummaryRow, names: Map<string, string>, extra: { fallback: string | null; published?: boolean }): SummaryView {
    const sentences = row.sentences as StoredSentence[];
    return {
      scope: row.scope,
      title: row.title,
      sentences: sentences.map((s) => ({ kind: s.kind, text: s.text, count: s.sources.length, sources: s.sources, edited: s.text !== s.generated })),
      writtenBy: row.written_by,
      modelWrote: row.written_by !== 'builtin',
      fallback: extra.fallback,
      saved: true,
      edited: row.edited,
      published: row.published_at !== null,
      savedAt: row.saved_at,
      savedBy: row.saved_by ? (names.get(row.saved_by) ?? null) : null,
      publishedAt: row.published_at,
    };
  }

  async function namesOf(rows: readonly SummaryRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.saved_by).filter((id): id is string => id !== null))];
    return ids.length > 0 ? deps.accounts.displayNamesOf(ids) : new Map<string, string>();
  }

  /** What staff edit from: the saved summary of the last run, else the generated one. */
  async function baseOf(processId: string, scope: string, locale: Locale) {
    const run = await deps.lastDoneRun(processId);
    const saved = await repo.findSaved(processId, scope);
    const fresh = run ? generated(run.result, locale).find((g) => g.summary.scope === scope) : undefined;
    if (saved && (saved.run_id === run?.id || !fresh)) return { runId: saved.run_id, title: saved.title, position: saved.position, writtenBy: saved.written_by, sentences: saved.sentences as StoredSentence[], wasEdited: saved.edited };
    if (!fresh || !run) return null;
    return { runId: run.id, title: fresh.summary.title, position: fresh.position, writtenBy: fresh.summary.writtenBy, sentences: fresh.sentences, wasEdited: false };
  }

  return {
    /**
     * The summaries staff work on: each summary of the last run (saved text where staff saved it for that run),
     * then saved ones of earlier runs that are still published.
     */
    async summariesOf(actor: Actor | null, processId: string, locale: Locale): Promise<Result<{ runId: string | null; summaries: SummaryView[] }>> {
      const check = await allowed(actor, processId);
      if (!check.ok) return check;
      const run = await deps.lastDoneRun(processId);
      const saved = await repo.savedOf(processId);
      const names = await namesOf(saved);
      const byScope = new Map(saved.map((row) => [row.scope, row]));
      const summaries: SummaryView[] = [];
      const fresh = run ? generated(run.result, locale) : [];
      for (const g of fresh) {
        const row = byScope.get(g.summary.scope);
        if (row && row.run_id === run?.id) {
          summaries.push(view(row, names, { fallback: g.summary.fallback }));
          continue;
        }
        summaries.push({
          scope: g.summary.scope,
          title: g.summary.title,
          sentences: g.sentences.map((s) => ({ kind: s.kind, text: s.text, count: s.sources.length, sources: s.sources, edited: false })),
          writtenBy: g.summary.writtenBy,
          modelWrote: g.summary.writtenBy !== 'builtin',
          fallback: g.summary.fallback,
          saved: false,
          edited: false,
          // A summary of this scope saved from an earlier run may still be on the public page.
          published: row !== undefined && row.published_at !== null,
          savedAt: null,
          savedBy: null,
          publishedAt: row?.published_at ?? null,
        });
      }
      for (const row of saved) if (!fresh.some((g) => g.summary.scope === row.scope) && row.published_at !== null) summaries.push(view(row, names, { fallback: null }));
      return ok({ runId: run?.id ?? null, summaries });
    },

    /**
     * Saves a summary's sentences as staff wrote them (one text per sentence shown, in order; an empty one drops
     * the sentence) and publishes it or keeps it as a draft. Each sentence keeps its sources.
     */
    async saveSummary(actor: Actor | null, input: { id: string; scope: string; sentences: readonly string[]; publish: boolean }, locale: Locale): Promise<Result<SummaryView>> {
      const check = await allowed(actor, input.id);
      if (!check.ok) return check;
      if (!actor) return fail('NotSignedIn');
      if (!scopePattern.test(input.scope)) return fail('ValidationFailed', badScope);
      const base = await baseOf(input.id, input.scope, locale);
      if (!base) return fail('NotFound');
      const errors: FieldError[] = [];
      if (input.sentences.length !== base.sentences.length) errors.push({ field: 'sentences', message: 'field.sentenceCount', params: { count: base.sentences.length } });
      input.sentences.forEach((text, i) => {
        if (text.trim().length > maxSentence) errors.push({ field: `sentences.${i}`, message: 'field.tooLong', params: { max: maxSentence } });
      });
      const sentences = base.sentences.flatMap((s, i) => {
        const text = (input.sentences[i] ?? '').replace(/\s+/g, ' ').trim();
        return text === '' ? [] : [{ ...s, text }];
      });
      if (sentences.length === 0 && errors.length === 0) errors.push({ field: 'sentences', message: 'field.sentenceRequired' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const edited = base.wasEdited || sentences.length < base.sentences.length || sentences.some((s) => s.text !== s.generated);
      const at = deps.clock();
      await repo.save({ processId: input.id, runId: base.runId, scope: input.scope, title: base.title, position: base.position, sentences, writtenBy: base.writtenBy, edited, savedBy: actor.id, at, publish: input.publish });
      await deps.audit.record({ actorId: actor.id, action: input.publish ? 'analysis.summary_published' : 'analysis.summary_saved', subjectType: 'process', subjectId: input.id, details: { scope: input.scope, sentences: sentences.length, edited } });
      const row = await repo.findSaved(input.id, input.scope);
      if (!row) throw new Error('the summary just saved cannot be read');
      return ok(view(row, await namesOf([row]), { fallback: null }));
    },

    /** Takes a published summary off the public page (it stays saved). */
    async unpublishSummary(actor: Actor | null, input: { id: string; scope: string }): Promise<Result<null>> {
      const check = await allowed(actor, input.id);
      if (!check.ok) return check;
      if (!actor) return fail('NotSignedIn');
      if (!scopePattern.test(input.scope)) return fail('ValidationFailed', badScope);
      if (!(await repo.unpublish(input.id, input.scope))) return fail('NotFound');
      await deps.audit.record({ actorId: actor.id, action: 'analysis.summary_unpublished', subjectType: 'process', subjectId: input.id, details: { scope: input.scope } });
      return ok(null);
    },

    /** The published summaries of a process, for its "you said, we did" page (anyone who may see the process). */
    async publishedSummaries(processId: string): Promise<SummaryView[]> {
      const rows = await repo.savedOf(processId, true);
      const names = await namesOf(rows);
      return rows.map((row) => view(row, names, { fallback: null }));
    },
  };
}
