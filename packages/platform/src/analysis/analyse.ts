import { findDuplicates, findTopics, summarize, type TextInput } from '@tingsted/text';
import { runInWorker, serveWorker, type WorkerEntry } from '../jobs/worker.ts';
import { buildSummaries, type SourcedSummary } from './sourced-summaries.ts';

/** Fewer inputs than this are too few for topics or a summary to mean anything. */
export const minimumInputs = 10;

/** At most this many duplicate groups, members per group and sources per sentence are kept. */
const limits = { duplicateGroups: 50, groupMembers: 20, sources: 20, representatives: 5, otherExamples: 5, excerpt: 140 };

/** An idea or a comment, by its id, as the analysis reads it. */
export interface SourceText {
  readonly kind: 'idea' | 'comment';
  readonly id: string;
  /** The idea itself, or the idea the comment is on. */
  readonly ideaId: string;
  /** The idea's title, or '' for a comment. */
  readonly title: string;
  readonly body: string;
  /** When it was written (for the topics' trend per week). */
  readonly createdAt?: Date;
}

/** An input the result refers to: enough to link to it and name it, no author. */
export interface InputRef {
  readonly kind: 'idea' | 'comment';
  readonly id: string;
  readonly ideaId: string;
  /** The idea's title, or the start of the comment. */
  readonly excerpt: string;
}

/** What a run stores. Inputs are named by key (`i:<idea id>`, `c:<comment id>`), described once in `refs`. */
export interface AnalysisResult {
  /** Which path produced the result: 'builtin' for @tingsted/text's own methods. */
  readonly provider: string;
  readonly inputs: number;
  /** False when there were fewer than `minimumInputs`: nothing else was computed. */
  readonly enough: boolean;
  readonly minimumInputs: number;
  readonly k: number;
  readonly topics: readonly { label: string; keywords: string[]; size: number; representatives: string[]; phrases?: string[]; members?: string[] }[];
  /** The week (its Monday, yyyy-mm-dd, UTC) each input was written in, by key: the topics' trends are counted from it. */
  readonly weeks?: Readonly<Record<string, string>>;
  /** Inputs placed in no topic: too far from every topic, without words, or in a topic too small to keep. */
  readonly other: { size: number; examples: string[] };
  /** Groups of near-duplicates, most similar first, with the lowest and highest similarity of their pairs. */
  readonly duplicates: readonly { size: number; members: string[]; minSimilarity: number; maxSimilarity: number }[];
  /** Number of duplicate groups found (only the first `limits.duplicateGroups` are kept). */
  readonly duplicateGroups: number;
  readonly summary: readonly { text: string; sourceCount: number; sources: string[] }[];
  /** Summaries of the process and of each topic whose every sentence names the inputs it rests on. */
  readonly summaries: readonly SourcedSummary[];
  readonly refs: Readonly<Record<string, InputRef>>;
  readonly warnings: readonly string[];
}

const keyOf = (source: SourceText) => `${source.kind === 'idea' ? 'i' : 'c'}:${source.id}`;

/** A source as the text package reads it: keyed `i:<idea id>` or `c:<comment id>`; an idea's title on a line of its own. */
export function textInputOf(s: SourceText): TextInput {
  return { id: keyOf(s), text: s.kind === 'idea' ? `${s.title}\n${s.body}` : s.body };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limits.excerpt) return flat;
  const cut = flat.slice(0, limits.excerpt);
  const space = cut.lastIndexOf(' ');
  return `${(space > limits.excerpt / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Topics, near-duplicate groups and an extractive summary of a process's ideas (title and text) and comments,
 * with @tingsted/text's built-in methods. Deterministic for a seed. Ideas are read as their title and text on
 * separate lines, so a title is a sentence of its own.
 */
export function analyseInputs(sources: readonly SourceText[], seed: string, embedded?: Embedded): AnalysisResult {
  const inputs: TextInput[] = sources.map(textInputOf);
  const bySource = new Map(sources.map((s) => [keyOf(s), s]));
  const refs: Record<string, InputRef> = {};
  const ref = (key: string): string => {
    const source = bySource.get(key);
    if (!source) throw new Error(`the analysis named an unknown input ${key}`);
    refs[key] ??= { kind: source.kind, id: source.id, ideaId: source.ideaId, excerpt: excerpt(source.kind === 'idea' ? source.title : source.body) };
    return key;
  };
  if (inputs.length < minimumInputs) {
    return { provider: 'builtin', inputs: inputs.length, enough: false, minimumInputs, k: 0, topics: [], other: { size: 0, examples: [] }, duplicates: [], duplicateGroups: 0, summary: [], summaries: [], refs, warnings: [] };
  }

  const topics = findTopics(inputs, { seed, representatives: limits.representatives, ...(embedded ? { vectors: embedded.vectors, provider: embedded.provider } : {}) });
  const duplicates = findDuplicates(inputs);
  const summary = summarize(inputs);

  const similarities = new Map<string, { min: number; max: number }>();
  const groupOf = new Map<string, number>();
  duplicates.groups.forEach((group, g) => {
    for (const id of group) groupOf.set(id, g);
  });
  for (const pair of duplicates.pairs) {
    const g = groupOf.get(pair.a);
    if (g === undefined) continue;
    const key = String(g);
    const seen = similarities.get(key);
    similarities.set(key, seen ? { min: Math.min(seen.min, pair.similarity), max: Math.max(seen.max, pair.similarity) } : { min: pair.similarity, max: pair.similarity });
  }
  const groups = duplicates.groups
    .map((members, g) => ({ members, ...(similarities.get(String(g)) ?? { min: 0, max: 0 }) }))
    // Most alike first; then larger groups; then the group's first input in input order (the package's order).
    .map((group, order) => ({ ...group, order }))
    .sort((a, b) => b.max - a.max || b.members.length - a.members.length || a.order - b.order)
    .slice(0, limits.duplicateGroups);

  return {
    provider: topics.provider === summary.provider && summary.provider === duplicates.provider ? topics.provider : `${topics.provider}/${duplicates.provider}/${summary.provider}`,
    inputs: inputs.length,
    enough: true,
    minimumInputs,
    k: topics.k,
    topics: topics.topics.map((t) => ({ label: t.label, keywords: t.keywords, size: t.size, representatives: t.representatives.slice(0, limits.representatives).map(ref), phrases: t.phrases, members: t.members })),
    weeks: weeksOf(sources),
    other: { size: topics.other.length, examples: topics.other.slice(0, limits.otherExamples).map(ref) },
    duplicates: groups.map((g) => ({ size: g.members.length, members: g.members.slice(0, limits.groupMembers).map(ref), minSimilarity: g.min, maxSimilarity: g.max })),
    duplicateGroups: duplicates.groups.length,
    summary: summary.sentences.map((s) => {
      // The input the sentence was taken from comes first, then the others that say the same.
      const sources = [s.from, ...s.sources.filter((id) => id !== s.from)];
      return { text: s.text, sourceCount: sources.length, sources: sources.slice(0, limits.sources).map(ref) };
    }),
    summaries: buildSummaries(inputs, topics, summary, ref),
    refs,
    warnings: [...topics.warnings, ...duplicates.warnings, ...summary.warnings],
  };
}

/** Vectors for the inputs (in their order) from the administrator's embedding model, and its name. */
export interface Embedded {
  readonly vectors: readonly (readonly number[])[];
  readonly provider: string;
}

/** The Monday (UTC, yyyy-mm-dd) of the week each dated source was written in, by key. */
export function weeksOf(sources: readonly SourceText[]): Record<string, string> {
  const weeks: Record<string, string> = {};
  for (const s of sources) if (s.createdAt) weeks[keyOf(s)] = weekOf(s.createdAt);
  return weeks;
}

/** The Monday (UTC) of a date's week, as yyyy-mm-dd. */
export function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

const entry: WorkerEntry = { name: 'analysis', url: new URL(import.meta.url) };

/**
 * Runs `analyseInputs` in a worker thread, so a process with thousands of inputs (seconds of CPU) does not
 * stop the server answering. Through the platform's one worker bootstrap (`jobs/worker.ts`): the thread's
 * entry is this module itself (from source its .ts file, in the bundled server the bundle).
 */
export function analyseInWorker(sources: readonly SourceText[], seed: string, embedded?: Embedded): Promise<AnalysisResult> {
  return runInWorker<WorkerInput, AnalysisResult>(entry, embedded ? { sources, seed, embedded } : { sources, seed });
}

type WorkerInput = { sources: readonly SourceText[]; seed: string; embedded?: Embedded };
serveWorker<WorkerInput, AnalysisResult>(entry.name, (input) => analyseInputs(input.sources, input.seed, input.embedded));
