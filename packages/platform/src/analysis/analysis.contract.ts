// The contracts of the analysis module's use cases: asking for a run and reading the runs of a process. Shared
// by the /api/v1 routes (apps/server/src/api/analysis.ts) and the analysis page's form action.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id, oneOf } from '../edge/schemas.ts';

/** An input a result names: enough to link to it, no author. */
const InputRefSchema = Type.Object({ kind: oneOf(['idea', 'comment'] as const), id: Type.String(), ideaId: Type.String(), excerpt: Type.String() });

/** A summary of the process or a topic as a run generated it (sources are keys into refs). */
const SourcedSummarySchema = Type.Object({
  scope: Type.String({ description: "'process' or 'topic-<n>'" }),
  title: Type.String({ description: "The topic's label; '' for the process" }),
  inputs: Type.Integer(),
  sentences: Type.Array(
    Type.Object({
      kind: oneOf(['topic', 'mention', 'quote', 'model'] as const),
      text: Type.String({ description: "The sentence for quote and model; '' for the counts, written from phrase" }),
      phrase: Type.String(),
      sources: Type.Array(Type.String()),
    }),
  ),
  writtenBy: Type.String({ description: "'builtin', or the model provider that wrote the model sentences" }),
  fallback: Type.Union([Type.String(), Type.Null()], { description: "Why the model's sentences are missing, if they are" }),
});

/** What a finished run found. Inputs are named by key (`i:<idea id>`, `c:<comment id>`), each described once in `refs`. */
export const AnalysisResultSchema = Type.Object({
  provider: Type.String({ description: "'builtin' for @tingsted/text's own methods" }),
  inputs: Type.Integer(),
  enough: Type.Boolean({ description: 'False when there were fewer than minimumInputs inputs: nothing else was computed' }),
  minimumInputs: Type.Integer(),
  k: Type.Integer({ description: 'The number of topics looked for' }),
  topics: Type.Array(
    Type.Object({
      label: Type.String(),
      keywords: Type.Array(Type.String()),
      size: Type.Integer(),
      representatives: Type.Array(Type.String()),
      phrases: Type.Optional(Type.Array(Type.String(), { description: 'Phrases from the inputs that name the topic' })),
      members: Type.Optional(Type.Array(Type.String(), { description: 'Every input in the topic, by key' })),
    }),
  ),
  weeks: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'The Monday of the week each input was written in (yyyy-mm-dd), by key' })),
  other: Type.Object({ size: Type.Integer(), examples: Type.Array(Type.String()) }, { description: 'Inputs placed in no topic' }),
  duplicates: Type.Array(Type.Object({ size: Type.Integer(), members: Type.Array(Type.String()), minSimilarity: Type.Number(), maxSimilarity: Type.Number() })),
  duplicateGroups: Type.Integer({ description: 'Duplicate groups found (the first 50 are kept)' }),
  summary: Type.Array(Type.Object({ text: Type.String(), sourceCount: Type.Integer(), sources: Type.Array(Type.String()) })),
  summaries: Type.Array(SourcedSummarySchema, { description: 'Summaries of the process and of each topic; every sentence names all the inputs it rests on (its count is their number)' }),
  refs: Type.Record(Type.String(), InputRefSchema),
  warnings: Type.Array(Type.String()),
});

const DateTime = Type.String({ format: 'date-time' });

/** A run that has not ended. */
export const ActiveRunSchema = Type.Object({ id: Type.String(), state: oneOf(['queued', 'running'] as const), requestedAt: DateTime });

/** The last run that ended: what it found, or that it failed. */
export const EndedRunSchema = Type.Union([
  Type.Object({
    id: Type.String(),
    state: Type.Literal('done'),
    seed: Type.String({ description: 'The seed of the topic search, to repeat the run' }),
    startedAt: Type.Union([DateTime, Type.Null()]),
    finishedAt: DateTime,
    ideas: Type.Integer(),
    comments: Type.Integer(),
    result: AnalysisResultSchema,
  }),
  Type.Object({ id: Type.String(), state: Type.Literal('failed'), finishedAt: Type.Union([DateTime, Type.Null()]) }),
]);

/** Analysis contracts by use case. */
export const analysisContracts = {
  requestAnalysis: contract({
    name: 'requestAnalysis',
    summary: "Queue an analysis of a process's visible ideas and comments; a run already waiting or running is kept (alreadyActive) (process managers and decision-makers)",
    input: Type.Object({ id: Id }),
    output: Type.Object({ runId: Type.String(), alreadyActive: Type.Boolean() }),
  }),
  analysisOf: contract({
    name: 'analysisOf',
    summary: "A process's analysis: the run under way, if any, and the last run that ended with its topics, duplicates and summary (process managers and decision-makers)",
    input: Type.Object({ id: Id }),
    output: Type.Object({ active: Type.Union([ActiveRunSchema, Type.Null()]), last: Type.Union([EndedRunSchema, Type.Null()]) }),
  }),
};
