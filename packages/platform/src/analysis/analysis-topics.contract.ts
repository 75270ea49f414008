// The contracts of the topic use cases: reading a process's topics with staff's choices applied, and
// renaming, pinning, merging and splitting topics. Shared by the /api/v1 routes (apps/server/src/api/analysis.ts)
// and the analysis page's form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id } from '../edge/schemas.ts';

const TopicRef = Type.String({ minLength: 1, maxLength: 64, description: "A topic's id as topicsOf gives it: a kept topic's id, or run-<n> for the run's n-th topic" });

/** A topic as staff see it. */
export const TopicViewSchema = Type.Object({
  id: Type.String(),
  label: Type.String({ description: "Staff's name, else the phrases found for it" }),
  name: Type.Union([Type.String(), Type.Null()]),
  phrases: Type.Array(Type.String()),
  size: Type.Integer(),
  examples: Type.Array(Type.Object({ kind: Type.String(), id: Type.String(), ideaId: Type.String(), excerpt: Type.String() })),
  trend: Type.Array(Type.Object({ week: Type.String({ description: 'The Monday of the week, yyyy-mm-dd' }), count: Type.Integer() })),
  pinned: Type.Boolean(),
  kept: Type.Boolean({ description: 'True for a topic staff renamed, merged, split or pinned: later runs keep it' }),
});

/** Topic contracts by use case. */
export const analysisTopicContracts = {
  topicsOf: contract({
    name: 'topicsOf',
    summary: "A process's topics from its last finished analysis with staff's choices applied: size, examples and inputs per week (process managers and decision-makers)",
    input: Type.Object({ id: Id }),
    output: Type.Object({ runId: Type.Union([Type.String(), Type.Null()]), topics: Type.Array(TopicViewSchema) }),
  }),
  renameTopic: contract({
    name: 'renameTopic',
    summary: 'Give a topic a name of your own; later runs keep it (process managers and decision-makers)',
    input: Type.Object({ id: Id, topic: TopicRef, name: Type.String({ minLength: 1, maxLength: 120 }) }),
    output: Type.Object({ topic: Type.String({ description: "The kept topic's id" }) }),
  }),
  pinTopic: contract({
    name: 'pinTopic',
    summary: 'Pin a topic (kept exactly as it is by later runs and shown first) or unpin it (process managers and decision-makers)',
    input: Type.Object({ id: Id, topic: TopicRef, pinned: Type.Boolean() }),
    output: Type.Object({ topic: Type.String() }),
  }),
  mergeTopics: contract({
    name: 'mergeTopics',
    summary: 'Merge a topic into another; later runs keep them together (process managers and decision-makers)',
    input: Type.Object({ id: Id, topic: TopicRef, into: TopicRef }),
    output: Type.Object({ topic: Type.String() }),
  }),
  splitTopic: contract({
    name: 'splitTopic',
    summary: "Split a topic in two by clustering its inputs again; later runs keep both (process managers and decision-makers)",
    input: Type.Object({ id: Id, topic: TopicRef }),
    output: Type.Object({ topics: Type.Array(Type.String()) }),
  }),
};

