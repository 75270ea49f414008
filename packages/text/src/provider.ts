// Optional external models: an embedding or chat-completion provider that a municipality hosts itself
// behind an OpenAI-compatible HTTP API. Never required: the built-in path needs none, and every result
// says which path produced it. The HTTP client takes an injected `fetch`-like function, so this module
// does no I/O of its own and tests can point it at a local server.

import { findTopics, type TextInput, type TopicOptions, type TopicResult } from './topics.ts';
import { summarize, type Summary, type SummaryOptions } from './summarize.ts';

/** The subset of the WHATWG `fetch` this package needs. Pass `globalThis.fetch` in production. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** A chat message for {@link TextProvider.complete}. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** An external model provider. Either capability may be absent. */
export interface TextProvider {
  /** Name recorded in results (`provider`), e.g. "openai-compatible:nb-bert". */
  name: string;
  embed?(texts: readonly string[]): Promise<number[][]>;
  complete?(messages: readonly ChatMessage[]): Promise<string>;
}

/** Settings for {@link createOpenAiCompatibleProvider}. */
export interface OpenAiCompatibleSettings {
  /** Base URL up to and including `/v1`, e.g. `http://llm.kommune.local:8000/v1`. */
  baseUrl: string;
  fetch: FetchLike;
  apiKey?: string;
  embeddingModel?: string;
  chatModel?: string;
  /** Texts per embedding request. Default 64. */
  batchSize?: number;
}

async function postJson(settings: OpenAiCompatibleSettings, path: string, body: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const url = `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
  const res = await settings.fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${url} answered with something that is not JSON: ${text.slice(0, 200)}`);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Creates a provider for an OpenAI-compatible endpoint (`POST /embeddings`, `POST /chat/completions`),
 * as served by vLLM, llama.cpp's server, Ollama, LocalAI and others. Responses are validated; a
 * malformed one is an error naming the field.
 */
export function createOpenAiCompatibleProvider(settings: OpenAiCompatibleSettings): TextProvider {
  const provider: TextProvider = { name: `openai-compatible:${settings.embeddingModel ?? settings.chatModel ?? 'default'}` };
  if (settings.embeddingModel) {
    const model = settings.embeddingModel;
    provider.embed = async (texts) => {
      const out: number[][] = [];
      const size = settings.batchSize ?? 64;
      for (let start = 0; start < texts.length; start += size) {
        const batch = texts.slice(start, start + size);
        const json = await postJson(settings, '/embeddings', { model, input: batch });
        const data = isRecord(json) ? json.data : undefined;
        if (!Array.isArray(data) || data.length !== batch.length) throw new Error(`embeddings response: "data" must be an array of ${batch.length} items`);
        const rows: { index: number; embedding: number[] }[] = data.map((d, k) => {
          if (!isRecord(d) || !Array.isArray(d.embedding) || !d.embedding.every((v) => typeof v === 'number')) throw new Error(`embeddings response: data[${k}].embedding must be an array of numbers`);
          return { index: typeof d.index === 'number' ? d.index : k, embedding: d.embedding as number[] };
        });
        rows.sort((a, b) => a.index - b.index);
        for (const r of rows) out.push(r.embedding);
      }
      return out;
    };
  }
  if (settings.chatModel) {
    const model = settings.chatModel;
    provider.complete = async (messages) => {
      const json = await postJson(settings, '/chat/completions', { model, messages, temperature: 0 });
      const choices = isRecord(json) ? json.choices : undefined;
      const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
      const message = isRecord(first) ? first.message : undefined;
      const content = isRecord(message) ? message.content : undefined;
      if (typeof content !== 'string') throw new Error('chat response: choices[0].message.content must be a string');
      return content;
    };
  }
  return provider;
}

/**
 * Topics using the provider's embeddings instead of the built-in similarity graph. If the provider
 * has no `embed` or fails, falls back to the built-in path and says so in `warnings`; `provider` in
 * the result names the path actually used.
 */
export async function findTopicsWithProvider(inputs: readonly TextInput[], provider: TextProvider | undefined, options: TopicOptions = {}): Promise<TopicResult> {
  if (!provider?.embed) return findTopics(inputs, options);
  try {
    const vectors = await provider.embed(inputs.map((i) => i.text));
    return findTopics(inputs, { ...options, vectors, provider: provider.name });
  } catch (err) {
    const r = findTopics(inputs, options);
    r.warnings.push(`provider ${provider.name} failed (${err instanceof Error ? err.message : String(err)}); used the built-in path`);
    return r;
  }
}

/**
 * A summary written by the provider's language model from the built-in extractive candidates: the
 * model must cite candidate numbers like [2] in every sentence, and each output sentence's sources are
 * the union of the cited candidates' sources. A sentence without a valid citation is dropped and
 * named in `warnings`; if nothing valid comes back (or the call fails) the built-in summary is
 * returned.
 */
export async function summarizeWithProvider(inputs: readonly TextInput[], provider: TextProvider | undefined, options: SummaryOptions = {}): Promise<Summary> {
  const want = options.sentences ?? 5;
  const base = summarize(inputs, { ...options, sentences: Math.max(want * 3, 10) });
  if (!provider?.complete || base.sentences.length === 0) return summarize(inputs, options);
  const numbered = base.sentences.map((s, i) => `[${i + 1}] ${s.text}`).join('\n');
  try {
    const answer = await provider.complete([
      { role: 'system', content: 'You summarise citizen input for municipal staff. Write short, neutral sentences in the language of the input. End every sentence with the numbers of the statements it rests on, like [1][3]. Use only the given statements.' },
      { role: 'user', content: `Write at most ${want} sentences summarising these statements:\n${numbered}` },
    ]);
    const warnings = base.warnings.slice();
    const sentences = answer
      .split(/\n+|(?<=\])\s+(?=\p{Lu})/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .flatMap((s) => {
        const cites = [...s.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) - 1).filter((k) => k >= 0 && k < base.sentences.length);
        if (cites.length === 0) {
          warnings.push(`provider sentence without a valid citation dropped: "${s.slice(0, 80)}"`);
          return [];
        }
        const sources = new Set<string>();
        for (const k of cites) for (const id of base.sentences[k]?.sources ?? []) sources.add(id);
        const from = base.sentences[cites[0] as number]?.from ?? '';
        return [{ text: s.replace(/\s*\[\d+\]/g, '').trim(), from, sources: [...sources].sort((a, b) => inputs.findIndex((x) => x.id === a) - inputs.findIndex((x) => x.id === b)), score: 1 }];
      })
      .slice(0, want);
    if (sentences.length === 0) {
      const r = summarize(inputs, options);
      r.warnings.push(...warnings, `provider ${provider.name} returned no usable sentence; used the built-in path`);
      return r;
    }
    return { sentences, inputs: inputs.length, provider: provider.name, warnings };
  } catch (err) {
    const r = summarize(inputs, options);
    r.warnings.push(`provider ${provider.name} failed (${err instanceof Error ? err.message : String(err)}); used the built-in path`);
    return r;
  }
}
