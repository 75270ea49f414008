import { detectLanguage } from '@tingsted/text';
import type { Actor } from '../accounts/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import type { ConversationsReportRepository } from './conversations.report.repository.ts';
import type { ConversationSettings } from './conversation-settings.ts';

/** How long a page waits for the translation service before it shows the original alone. */
export const translationTimeoutMs = 2500;

/** A statement's text and, where it is in another language than the reader's, what translation is on offer. */
export interface StatementTranslation {
  readonly original: string;
  /** The statement's language as detected (nb, nn, no = Norwegian, sv, da, en, de; und = unknown). */
  readonly language: string;
  /** True when translation is on and the statement is in another language than the reader's. */
  readonly offered: boolean;
  /** The machine translation into the reader's language, when asked for and the service answered. */
  readonly translation: { text: string; machine: true; provider: string } | null;
}

/**
 * Whether a text detected as `language` reads as `locale` (Norwegian undetermined reads as bokmål and nynorsk;
 * a text too short to tell is taken to be in `assumed`, the municipality's language).
 */
function sameLanguage(language: string, locale: Locale, assumed: Locale): boolean {
  if (language === 'und') return sameLanguage(assumed, locale, assumed);
  if (language === 'no') return locale === 'nb' || locale === 'nn';
  return language === locale;
}

/**
 * Asks a LibreTranslate-compatible service (`POST {url}/translate`) for one text. Any failure — refused,
 * unreachable, malformed, slower than the timeout — is null: the caller shows the original.
 */
async function libreTranslate(url: string, text: string, target: Locale, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(`${url}/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ q: text, source: 'auto', target, format: 'text' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { translatedText?: unknown };
    return typeof body.translatedText === 'string' && body.translatedText.trim() !== '' ? body.translatedText.trim().slice(0, 1000) : null;
  } catch {
    return null;
  }
}

/** Machine translation of statements through the administrator's service, cached in the database. */
export function translationUseCases(ctx: ConversationsContext, reports: ConversationsReportRepository, settings: () => Promise<ConversationSettings>) {
  const { deps } = ctx;
  return {
    /**
     * A statement (by its stored number) for a reader of `locale`: the original, its detected language,
     * whether a translation is offered, and — when `translate` is true and the service answers in time — the
     * machine translation (cached: asked for once per statement and language). A statement too short for its
     * language to be told is taken to be in `options.assumed` (the municipality's language). Never fails because
     * of the service: when it is off, down or slow, `translation` is null.
     */
    async statementTranslation(actor: Actor | null, conversationId: string, number: number, locale: Locale, options: { translate: boolean; assumed: Locale }): Promise<Result<StatementTranslation>> {
      const { translate } = options;
      const row = await ctx.visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const statement = (await ctx.rows.statements(conversationId)).find((s) => s.number === number && ctx.votable(row, s));
      if (!statement) return fail('NotFound');
      const language = detectLanguage(statement.body).language;
      const { translationUrl } = await settings();
      const offered = translationUrl !== null && !sameLanguage(language, locale, options.assumed);
      const base = { original: statement.body, language, offered };
      if (!offered || !translate || translationUrl === null) return ok({ ...base, translation: null });
      const provider = new URL(translationUrl).host;
      const cached = (await reports.translations([statement.id], locale)).get(statement.id);
      if (cached !== undefined) return ok({ ...base, translation: { text: cached, machine: true, provider } });
      const began = performance.now();
      const text = await libreTranslate(translationUrl, statement.body, locale, deps.translationTimeoutMs ?? translationTimeoutMs);
      if (text === null) {
        deps.logger.warn({ conversationId, provider, ms: Math.round(performance.now() - began) }, 'statement translation unavailable');
        return ok({ ...base, translation: null });
      }
      await reports.storeTranslation(statement.id, locale, text, provider);
      return ok({ ...base, translation: { text, machine: true, provider } });
    },
  };
}
