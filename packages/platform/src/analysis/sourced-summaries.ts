import { inputsSharing, summarize, writeWithModel, type TextInput, type TextProvider, type TopicResult } from '@tingsted/text';

/**
 * How a summary sentence was made: `topic` counts the inputs in a topic, `mention` the inputs in a topic that
 * use a phrase (both written from a template in the reader's language), `quote` is a participant's own
 * sentence, `model` a sentence the administrator's language model wrote from cited quotes.
 */
export type SentenceKind = 'topic' | 'mention' | 'quote' | 'model';

/** One sentence and every input it rests on (keys into the run's `refs`); its count is the number of sources. */
export interface SourcedSentence {
  readonly kind: SentenceKind;
  /** The sentence, for `quote` and `model`; '' for the templates. */
  readonly text: string;
  /** The topic's label (`topic`) or the shared phrase (`mention`); '' otherwise. */
  readonly phrase: string;
  readonly sources: readonly string[];
}

/** A summary of the whole process (`scope` 'process') or of one topic ('topic-<n>', n its place in the run). */
export interface SourcedSummary {
  readonly scope: string;
  /** The topic's label, or '' for the process. */
  readonly title: string;
  /** Inputs the summary covers. */
  readonly inputs: number;
  readonly sentences: readonly SourcedSentence[];
  /** 'builtin', or the provider whose model wrote the `model` sentences. */
  readonly writtenBy: string;
  /** Why the model's sentences are missing (it failed or timed out, or cited nothing valid): the built-in ones stand. */
  readonly fallback: string | null;
}

const limits = { processTopics: 8, phrases: 2, topicQuotes: 2, processQuotes: 3, keywords: 6 };

/**
 * The sourced summaries of one run: for the process, how many inputs each topic has and the most central
 * sentences overall; for each topic, how many of its inputs use its leading phrases and its most central
 * sentences. Every sentence names all the inputs it counts or comes from (`ref` records each one).
 */
export function buildSummaries(
  inputs: readonly TextInput[],
  topics: TopicResult,
  processQuotes: ReturnType<typeof summarize>,
  ref: (key: string) => string,
): SourcedSummary[] {
  const order = new Map(inputs.map((input, i) => [input.id, i]));
  const membersOf = (ids: readonly string[]): TextInput[] =>
    ids
      .map((id) => order.get(id))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b)
      .map((i) => inputs[i] as TextInput);
  const quotes = (summary: ReturnType<typeof summarize>, count: number): SourcedSentence[] =>
    summary.sentences.slice(0, count).map((s) => ({
      kind: 'quote',
      text: s.text,
      phrase: '',
      // The input the sentence was taken from first, then the others that say nearly the same.
      sources: [s.from, ...s.sources.filter((id) => id !== s.from)].map(ref),
    }));
  const process: SourcedSummary = {
    scope: 'process',
    title: '',
    inputs: inputs.length,
    sentences: [
      ...topics.topics.slice(0, limits.processTopics).map((t): SourcedSentence => ({ kind: 'topic', text: '', phrase: t.label, sources: membersOf(t.members).map((m) => ref(m.id)) })),
      ...quotes(processQuotes, limits.processQuotes),
    ],
    writtenBy: 'builtin',
    fallback: null,
  };
  const perTopic = topics.topics.map((t, n): SourcedSummary => {
    const members = membersOf(t.members);
    const mentions = inputsSharing(members, t.keywords.slice(0, limits.keywords))
      .slice(0, limits.phrases)
      .map((p): SourcedSentence => ({ kind: 'mention', text: '', phrase: p.phrase, sources: p.sources.map(ref) }));
    return {
      scope: `topic-${n}`,
      title: t.label,
      inputs: members.length,
      sentences: [...mentions, ...quotes(summarize(members, { sentences: limits.topicQuotes }), limits.topicQuotes)],
      writtenBy: 'builtin',
      fallback: null,
    };
  });
  return [process, ...perTopic];
}

/**
 * Has the provider's language model rewrite each summary's quotes into sentences of its own, each citing the
 * quotes it rests on (its sources are theirs). A quote no kept sentence cites stays as it was, so a sentence the
 * model wrote without a valid citation falls back to the built-in one; if the model fails, times out or cites
 * nothing, the summary keeps its built-in sentences and `fallback` says why.
 */
export async function writeSummariesWithModel(
  summaries: readonly SourcedSummary[],
  provider: TextProvider,
  reasonOf: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error)),
): Promise<SourcedSummary[]> {
  const written: SourcedSummary[] = [];
  // After one failure (a timeout, most often) the rest are not tried: each would wait as long again.
  let failed: string | null = null;
  for (const summary of summaries) {
    const quotes = summary.sentences.filter((s) => s.kind === 'quote');
    if (quotes.length === 0 || failed !== null) {
      written.push(quotes.length === 0 ? summary : { ...summary, fallback: failed });
      continue;
    }
    try {
      const writing = await writeWithModel(provider, quotes, quotes.length);
      if (writing.sentences.length === 0) {
        written.push({ ...summary, fallback: `${provider.name} wrote no sentence that cites its sources` });
        continue;
      }
      const cited = new Set(writing.sentences.flatMap((s) => s.cited));
      written.push({
        ...summary,
        sentences: [
          ...summary.sentences.filter((s) => s.kind !== 'quote'),
          ...writing.sentences.map((s): SourcedSentence => ({ kind: 'model', text: s.text, phrase: '', sources: s.sources })),
          ...quotes.filter((_, i) => !cited.has(i)),
        ],
        writtenBy: provider.name,
        fallback: writing.rejected.length > 0 ? `${provider.name}: ${writing.rejected.length} sentence(s) without a valid citation replaced by the built-in ones` : null,
      });
    } catch (error) {
      failed = `${provider.name} failed: ${reasonOf(error)}`;
      written.push({ ...summary, fallback: failed });
    }
  }
  return written;
}
