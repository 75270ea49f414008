// The contracts of summaries with sources (staff edit and publish them; everyone reads the published ones) and
// of the optional model provider (administrators). Shared by /api/v1 (apps/server/src/api/summaries.ts) and the
// pages' form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Done, Id, oneOf } from '../edge/schemas.ts';

const DateTime = Type.String({ format: 'date-time' });
const Scope = Type.String({ pattern: '^(process|topic-[0-9]{1,3})$', description: "'process', or 'topic-<n>' for the run's n-th topic (from 0)" });

/** An input a sentence rests on: enough to link to it, no author. */
const InputLinkSchema = Type.Object({ kind: oneOf(['idea', 'comment'] as const), id: Type.String(), ideaId: Type.String(), excerpt: Type.String() });

/** A summary as staff and the public page see it. */
export const SummarySchema = Type.Object({
  scope: Scope,
  title: Type.String({ description: "The topic's label; '' for the whole process" }),
  sentences: Type.Array(
    Type.Object({
      kind: oneOf(['topic', 'mention', 'quote', 'model'] as const, { description: 'topic/mention: a count of inputs; quote: a participant’s sentence; model: written by the language model from cited quotes' }),
      text: Type.String(),
      count: Type.Integer({ description: 'The number of inputs in sources (all of them are named)' }),
      sources: Type.Array(InputLinkSchema),
      edited: Type.Boolean({ description: 'Staff changed the generated sentence' }),
    }),
  ),
  writtenBy: Type.String({ description: "'builtin', or the model provider that wrote some sentences" }),
  modelWrote: Type.Boolean(),
  fallback: Type.Union([Type.String(), Type.Null()], { description: "Why the model's sentences are missing (the built-in ones stand)" }),
  saved: Type.Boolean(),
  edited: Type.Boolean({ description: 'Staff changed or removed a generated sentence' }),
  published: Type.Boolean(),
  savedAt: Type.Union([DateTime, Type.Null()]),
  savedBy: Type.Union([Type.String(), Type.Null()], { description: 'The name of the staff member who saved it' }),
  publishedAt: Type.Union([DateTime, Type.Null()]),
});

/** One capability's answer to a connection test. */
const ProbeSchema = Type.Object({ state: oneOf(['ok', 'failed', 'not-set'] as const), ms: Type.Integer(), message: Type.String() });

/** The provider as the administrator sees it: never the key. */
export const TextProviderSchema = Type.Object({
  enabled: Type.Boolean(),
  source: oneOf(['settings', 'environment'] as const, { description: 'environment: set by TEXT_PROVIDER_URL and friends, not changeable here' }),
  baseUrl: Type.String(),
  embeddingModel: Type.String(),
  chatModel: Type.String(),
  hasApiKey: Type.Boolean(),
  timeoutMs: Type.Integer(),
  updatedAt: Type.Union([DateTime, Type.Null()]),
});

/** Summary and provider contracts by use case. */
export const summaryContracts = {
  summariesOf: contract({
    name: 'summariesOf',
    summary: "A process's summaries with sources from its last analysis, with what staff saved and published (process managers and decision-makers)",
    input: Type.Object({ id: Id }),
    output: Type.Object({ runId: Type.Union([Type.String(), Type.Null()]), summaries: Type.Array(SummarySchema) }),
  }),
  saveSummary: contract({
    name: 'saveSummary',
    summary:
      'Save a summary as staff edited it, one text per sentence in order (empty removes the sentence; each keeps its sources), and publish it on the "you said, we did" page or keep it as a draft (process managers and decision-makers)',
    input: Type.Object({
      id: Id,
      scope: Scope,
      sentences: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50 }),
      publish: Type.Boolean(),
    }),
    output: SummarySchema,
  }),
  unpublishSummary: contract({
    name: 'unpublishSummary',
    summary: 'Take a published summary off the "you said, we did" page; it stays saved (process managers and decision-makers)',
    input: Type.Object({ id: Id, scope: Scope }),
    output: Done,
  }),
  publishedSummaries: contract({
    name: 'publishedSummaries',
    summary: 'The summaries staff published for a process, with the inputs each sentence rests on (anyone who may see the process)',
    input: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
    output: Type.Object({ summaries: Type.Array(SummarySchema) }),
  }),
};

export const textProviderContracts = {
  textProviderOf: contract({
    name: 'textProviderOf',
    summary: 'The optional model provider for analyses (administrators); the API key is never shown',
    input: Type.Object({}),
    output: TextProviderSchema,
  }),
  setTextProvider: contract({
    name: 'setTextProvider',
    summary:
      "Set the optional model provider: an OpenAI-compatible endpoint on the municipality's own machine for embeddings and summaries; off by default (administrators). An empty apiKey keeps the saved one",
    input: Type.Object({
      enabled: Type.Boolean(),
      baseUrl: Type.String({ maxLength: 500, description: 'Up to and including /v1, e.g. http://llm.kommune.local:8000/v1' }),
      embeddingModel: Type.String({ maxLength: 200 }),
      chatModel: Type.String({ maxLength: 200 }),
      apiKey: Type.String({ maxLength: 500 }),
      removeApiKey: Type.Boolean(),
      timeoutMs: Type.Integer({ minimum: 500, maximum: 120000 }),
    }),
    output: TextProviderSchema,
  }),
  testTextProvider: contract({
    name: 'testTextProvider',
    summary: 'Try the saved provider once: an embedding and a short chat answer, each ok, failed (and why) or not set (administrators)',
    input: Type.Object({}),
    output: Type.Object({ embedding: ProbeSchema, chat: ProbeSchema }),
  }),
};
