import { accountsPolicy, type Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import type { ConversationsReportRepository } from './conversations.report.repository.ts';

/** The administrator's conversation settings. */
export interface ConversationSettings {
  /** A LibreTranslate-compatible service (its base URL); null: machine translation is off. */
  readonly translationUrl: string | null;
  /** Origins whose pages may embed a conversation (`https://example.org`). */
  readonly embedOrigins: readonly string[];
}

const originPattern = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/** The origin as browsers send it (lower case, no path or final slash), or null when it is not one. */
export function normalizeOrigin(text: string): string | null {
  const trimmed = text.trim().replace(/\/+$/, '').toLowerCase();
  return originPattern.test(trimmed) ? trimmed : null;
}

/** The settings read on every embed and statement: cached a few seconds per server. */
export function settingsUseCases(ctx: ConversationsContext, reports: ConversationsReportRepository) {
  let cached: { value: ConversationSettings; at: number } | null = null;

  async function current(): Promise<ConversationSettings> {
    if (cached && Date.now() - cached.at < 5000) return cached.value;
    const row = await reports.settings();
    const value = { translationUrl: row?.translation_url ?? null, embedOrigins: row?.embed_origins ?? [] };
    cached = { value, at: Date.now() };
    return value;
  }

  return {
    /** The current settings (anyone: the embed page and the voting page read them). */
    conversationSettings: current,

    /** The settings for the administrator's form. */
    async conversationSettingsFor(actor: Actor | null): Promise<Result<ConversationSettings>> {
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      cached = null;
      return ok(await current());
    },

    /**
     * Changes the settings (administrators; audited). The translation URL is http(s) or empty (off); the
     * origins are one per line (or a list), each scheme://host[:port], at most 50.
     */
    async setConversationSettings(actor: Actor | null, input: { translationUrl?: unknown; embedOrigins?: unknown }): Promise<Result<ConversationSettings>> {
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      const errors: FieldError[] = [];
      const url = typeof input.translationUrl === 'string' ? input.translationUrl.trim().replace(/\/+$/, '') : '';
      if (url !== '' && (!/^https?:\/\/\S+$/.test(url) || url.length > 500)) errors.push({ field: 'translationUrl', message: 'conversations.settings.translationUrlInvalid' });
      const lines = (Array.isArray(input.embedOrigins) ? input.embedOrigins.map(String) : typeof input.embedOrigins === 'string' ? input.embedOrigins.split('\n') : [])
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const origins: string[] = [];
      for (const line of lines) {
        const origin = normalizeOrigin(line);
        if (!origin) {
          errors.push({ field: 'embedOrigins', message: 'conversations.settings.originInvalid', params: { origin: line.slice(0, 100) } });
          break;
        }
        if (!origins.includes(origin)) origins.push(origin);
      }
      if (origins.length > 50) errors.push({ field: 'embedOrigins', message: 'field.tooMany', params: { max: 50 } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const value = { translationUrl: url === '' ? null : url, embedOrigins: origins };
      await reports.saveSettings(value);
      cached = null;
      await ctx.deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.settings_changed', subjectType: 'conversation_settings', subjectId: '1', details: { translation: value.translationUrl !== null, origins } });
      return ok(value);
    },

    /** Whether pages on `origin` may embed conversations. */
    async embedAllowed(origin: string | null): Promise<boolean> {
      if (origin === null) return false;
      const normalized = normalizeOrigin(origin);
      return normalized !== null && (await current()).embedOrigins.includes(normalized);
    },
  };
}
