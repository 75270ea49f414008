import { createOpenAiCompatibleProvider, type FetchLike, type TextProvider } from '@tingsted/text';
import { accountsPolicy, type Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { summariesRepository } from './summaries.repository.ts';

/** A model provider given in the server's environment (TEXT_PROVIDER_URL …) instead of the admin page. */
export interface TextProviderConfig {
  readonly baseUrl: string;
  readonly embeddingModel?: string | undefined;
  readonly chatModel?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/** What the administrator sees of the provider: never the key itself. */
export interface TextProviderView {
  readonly enabled: boolean;
  /** 'environment' when the server's environment sets it (the page cannot change it then), else 'settings'. */
  readonly source: 'settings' | 'environment';
  readonly baseUrl: string;
  readonly embeddingModel: string;
  readonly chatModel: string;
  readonly hasApiKey: boolean;
  readonly timeoutMs: number;
  readonly updatedAt: Date | null;
}

/** One capability's answer to "test connection". */
export interface ProbeResult {
  readonly state: 'ok' | 'failed' | 'not-set';
  readonly ms: number;
  readonly message: string;
}

export const defaultTimeoutMs = 20_000;

interface Settings {
  readonly baseUrl: string;
  readonly embeddingModel: string | null;
  readonly chatModel: string | null;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
}

const urlPattern = /^https?:\/\/[^\s/]+(\/\S*)?$/;

/** An OpenAI-compatible client whose every request gives up after the timeout. */
export function providerOf(settings: Settings): TextProvider {
  const timed: FetchLike = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(settings.timeoutMs) });
  return createOpenAiCompatibleProvider({
    baseUrl: settings.baseUrl,
    fetch: timed,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.embeddingModel ? { embeddingModel: settings.embeddingModel } : {}),
    ...(settings.chatModel ? { chatModel: settings.chatModel } : {}),
  });
}

/** Why a call failed, in a line, without the key: a timeout is named as one. */
export function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}

/**
 * The optional model provider: the administrator's own OpenAI-compatible endpoint for embeddings (topics) and
 * generation (summaries). Off unless configured and switched on; nothing is sent anywhere otherwise.
 */
export function textProviderUseCases(deps: { repo: ReturnType<typeof summariesRepository>; audit: Pick<AuditService, 'record'>; clock: Clock; environment?: TextProviderConfig | undefined }) {
  const { repo } = deps;

  /** The settings in force, or null when the provider is off. */
  async function active(): Promise<Settings | null> {
    const env = deps.environment;
    if (env) return { baseUrl: env.baseUrl, embeddingModel: env.embeddingModel ?? null, chatModel: env.chatModel ?? null, apiKey: env.apiKey ?? null, timeoutMs: env.timeoutMs ?? defaultTimeoutMs };
    const row = await repo.provider();
    if (!row?.enabled) return null;
    return { baseUrl: row.base_url, embeddingModel: row.embedding_model, chatModel: row.chat_model, apiKey: row.api_key, timeoutMs: row.timeout_ms };
  }

  /** The provider's settings as the administrator sees them (administrators). */
  async function textProviderOf(actor: Actor | null): Promise<Result<TextProviderView>> {
    if (!actor) return fail('NotSignedIn');
    if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
    const env = deps.environment;
    if (env) return ok({ enabled: true, source: 'environment', baseUrl: env.baseUrl, embeddingModel: env.embeddingModel ?? '', chatModel: env.chatModel ?? '', hasApiKey: Boolean(env.apiKey), timeoutMs: env.timeoutMs ?? defaultTimeoutMs, updatedAt: null });
    const row = await repo.provider();
    return ok({
      enabled: row?.enabled ?? false,
      source: 'settings',
      baseUrl: row?.base_url ?? '',
      embeddingModel: row?.embedding_model ?? '',
      chatModel: row?.chat_model ?? '',
      hasApiKey: Boolean(row?.api_key),
      timeoutMs: row?.timeout_ms ?? defaultTimeoutMs,
      updatedAt: row?.updated_at ?? null,
    });
  }

  async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await run();
      return { state: 'ok', ms: Date.now() - started, message: '' };
    } catch (error) {
      return { state: 'failed', ms: Date.now() - started, message: reasonOf(error, timeoutMs) };
    }
  }

  return {
    /** The provider to use now (with its timeout), or null when none is configured and on. */
    async activeProvider(): Promise<{ provider: TextProvider; timeoutMs: number } | null> {
      const settings = await active();
      return settings ? { provider: providerOf(settings), timeoutMs: settings.timeoutMs } : null;
    },

    /** The provider's settings as the administrator sees them (administrators). */
    textProviderOf,

    /**
     * Sets the provider (administrators; audited without the key). An empty key keeps the one saved; `removeApiKey`
     * removes it. Switched on, it needs an address and at least one model. Refused while the environment sets it.
     */
    async setTextProvider(
      actor: Actor | null,
      input: { enabled: boolean; baseUrl: string; embeddingModel: string; chatModel: string; apiKey: string; removeApiKey: boolean; timeoutMs: number },
    ): Promise<Result<TextProviderView>> {
      if (!actor) return fail('NotSignedIn');
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      if (deps.environment) return fail('Conflict');
      const errors: FieldError[] = [];
      const baseUrl = input.baseUrl.trim();
      const embeddingModel = input.embeddingModel.trim();
      const chatModel = input.chatModel.trim();
      const apiKey = input.apiKey.trim();
      if (baseUrl !== '' && (baseUrl.length > 500 || !urlPattern.test(baseUrl))) errors.push({ field: 'baseUrl', message: 'field.providerUrl' });
      if (input.enabled && baseUrl === '') errors.push({ field: 'baseUrl', message: 'field.required' });
      for (const [field, value] of [['embeddingModel', embeddingModel], ['chatModel', chatModel]] as const) {
        if (value.length > 200) errors.push({ field, message: 'field.tooLong', params: { max: 200 } });
      }
      if (input.enabled && embeddingModel === '' && chatModel === '') errors.push({ field: 'chatModel', message: 'field.providerModel' });
      if (apiKey.length > 500) errors.push({ field: 'apiKey', message: 'field.tooLong', params: { max: 500 } });
      if (!Number.isInteger(input.timeoutMs) || input.timeoutMs < 500 || input.timeoutMs > 120_000) errors.push({ field: 'timeoutMs', message: 'field.between', params: { min: 500, max: 120000 } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.setProvider({
        enabled: input.enabled,
        baseUrl,
        embeddingModel: embeddingModel || null,
        chatModel: chatModel || null,
        apiKey: input.removeApiKey ? null : apiKey === '' ? undefined : apiKey,
        timeoutMs: input.timeoutMs,
        by: actor.id,
        at: deps.clock(),
      });
      await deps.audit.record({
        actorId: actor.id,
        action: 'analysis.provider_set',
        subjectType: 'municipality',
        subjectId: '1',
        details: { enabled: input.enabled, baseUrl, embeddingModel, chatModel, apiKey: input.removeApiKey ? 'removed' : apiKey === '' ? 'kept' : 'replaced', timeoutMs: input.timeoutMs },
      });
      const view = await textProviderOf(actor);
      if (!view.ok) throw new Error('the provider just saved cannot be read');
      return view;
    },

    /**
     * Tries the saved provider once (administrators): an embedding of one word and a one-line chat answer. Whether
     * each worked, how long it took, and why not; the provider need not be switched on.
     */
    async testTextProvider(actor: Actor | null): Promise<Result<{ embedding: ProbeResult; chat: ProbeResult }>> {
      if (!actor) return fail('NotSignedIn');
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      const row = deps.environment ? null : await repo.provider();
      const settings: Settings | null = deps.environment
        ? await active()
        : row && row.base_url !== ''
          ? { baseUrl: row.base_url, embeddingModel: row.embedding_model, chatModel: row.chat_model, apiKey: row.api_key, timeoutMs: row.timeout_ms }
          : null;
      if (!settings) return fail('ValidationFailed', [{ field: 'baseUrl', message: 'field.required' }]);
      const provider = providerOf(settings);
      const notSet: ProbeResult = { state: 'not-set', ms: 0, message: '' };
      const embed = provider.embed;
      const complete = provider.complete;
      const embedding = embed ? await probe(() => embed(['test']), settings.timeoutMs) : notSet;
      const chat = complete ? await probe(() => complete([{ role: 'user', content: 'Answer with the word OK.' }]), settings.timeoutMs) : notSet;
      await deps.audit.record({ actorId: actor.id, action: 'analysis.provider_tested', subjectType: 'municipality', subjectId: '1', details: { embedding: embedding.state, chat: chat.state } });
      return ok({ embedding, chat });
    },
  };
}
