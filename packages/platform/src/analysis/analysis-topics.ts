// The topic use cases: a process's topics from its last finished run with staff's choices applied
// (topic-choices.ts), and renaming, pinning, merging and splitting them. Every change is stored as kept topics
// (analysis_topic_choices), which every later run keeps, and audited.
import { findTopics, labelGroups } from '@tingsted/text';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { textInputOf, type AnalysisResult, type InputRef, type SourceText } from './analyse.ts';
import type { analysisRepository } from './analysis.repository.ts';
import { applyChoices, type TopicView } from './topic-choices.ts';

/** What the topics page and `topicsOf` show: the run the topics come from, the topics, and the inputs they name. */
export interface TopicsView {
  readonly runId: string | null;
  readonly topics: readonly TopicView[];
  readonly refs: Readonly<Record<string, InputRef>>;
}

type Deps = { audit: AuditService; ideas: IdeasService; clock: Clock };
type Repo = ReturnType<typeof analysisRepository>;
type Allowed = (actor: Actor | null, processId: string) => Promise<Result<null>>;

/** Splitting needs this many inputs: two topics of at least two. */
const smallestSplit = 4;

/** The topic use cases, on the analysis service's repository and access check. */
export function analysisTopics(deps: Deps, repo: Repo, allowed: Allowed) {
  /** The process's topics now, with the run they come from (null when no run has finished). */
  async function current(processId: string): Promise<{ runId: string | null; seed: string; result: AnalysisResult | null; topics: TopicView[] }> {
    const ended = await repo.lastEndedRun(processId);
    if (!ended || ended.state !== 'done') return { runId: null, seed: '', result: null, topics: [] };
    const result = ended.result as AnalysisResult;
    return { runId: ended.id, seed: ended.seed, result, topics: applyChoices(result, await repo.topicChoices(processId)) };
  }

  /** The topic named `topic` now, or the field error that says it is gone. */
  async function topicOf(processId: string, topic: string, field = 'topic') {
    const now = await current(processId);
    const found = now.topics.find((t) => t.id === topic);
    if (!found) return { now, error: fail('ValidationFailed', [{ field, message: 'field.topicUnknown' }]) } as const;
    return { now, found, error: null } as const;
  }

  async function sourcesOf(processId: string): Promise<SourceText[]> {
    const { ideas, comments } = await deps.ideas.visibleInputsOf(processId);
    return [
      ...ideas.map((i) => ({ kind: 'idea' as const, id: i.id, ideaId: i.id, title: i.title, body: i.body })),
      ...comments.map((c) => ({ kind: 'comment' as const, id: c.id, ideaId: c.idea_id, title: '', body: c.body })),
    ];
  }

  async function audit(actor: Actor, action: string, processId: string, details: Record<string, unknown>) {
    await deps.audit.record({ actorId: actor.id, action, subjectType: 'process', subjectId: processId, details });
  }

  return {
    /** The process's topics from its last finished run with staff's choices applied. */
    async topicsOf(actor: Actor | null, processId: string): Promise<Result<TopicsView>> {
      const check = await allowed(actor, processId);
      if (!check.ok) return check;
      const now = await current(processId);
      return ok({ runId: now.runId, topics: now.topics, refs: now.result?.refs ?? {} });
    },

    /** Gives a topic a name of its own. */
    async renameTopic(actor: Actor | null, input: { id: string; topic: string; name: string }): Promise<Result<{ topic: string }>> {
      const check = await allowed(actor, input.id);
      if (!check.ok || !actor) return check.ok ? fail('NotSignedIn') : check;
      const name = input.name.trim();
      if (name === '') return fail('ValidationFailed', [{ field: 'name', message: 'field.required' }]);
      const { found, error } = await topicOf(input.id, input.topic);
      if (error) return error;
      const [id] = await repo.saveTopicChoices(input.id, {
        remove: [],
        add: [{ ...(found.kept ? { id: found.id } : {}), label: found.phrases.join(', ') || found.label, name, members: found.members, pinned: found.pinned }],
        by: actor.id,
        at: deps.clock(),
      });
      await audit(actor, 'analysis.topicRenamed', input.id, { topic: id, name });
      return ok({ topic: id as string });
    },

    /** Pins a topic (kept exactly as it is, shown first) or unpins it. */
    async pinTopic(actor: Actor | null, input: { id: string; topic: string; pinned: boolean }): Promise<Result<{ topic: string }>> {
      const check = await allowed(actor, input.id);
      if (!check.ok || !actor) return check.ok ? fail('NotSignedIn') : check;
      const { found, error } = await topicOf(input.id, input.topic);
      if (error) return error;
      const [id] = await repo.saveTopicChoices(input.id, {
        remove: [],
        add: [{ ...(found.kept ? { id: found.id } : {}), label: found.phrases.join(', ') || found.label, name: found.name, members: found.members, pinned: input.pinned }],
        by: actor.id,
        at: deps.clock(),
      });
      await audit(actor, input.pinned ? 'analysis.topicPinned' : 'analysis.topicUnpinned', input.id, { topic: id });
      return ok({ topic: id as string });
    },

    /** Merges `topic` into `into`: one topic with the inputs of both, `into`'s name, labelled anew. */
    async mergeTopics(actor: Actor | null, input: { id: string; topic: string; into: string }): Promise<Result<{ topic: string }>> {
      const check = await allowed(actor, input.id);
      if (!check.ok || !actor) return check.ok ? fail('NotSignedIn') : check;
      if (input.topic === input.into) return fail('ValidationFailed', [{ field: 'into', message: 'field.topicSame' }]);
      const from = await topicOf(input.id, input.topic);
      if (from.error) return from.error;
      const into = from.now.topics.find((t) => t.id === input.into);
      if (!into) return fail('ValidationFailed', [{ field: 'into', message: 'field.topicUnknown' }]);
      const members = [...into.members, ...from.found.members];
      const [phrases] = labelGroups((await sourcesOf(input.id)).map(textInputOf), [members]);
      const [id] = await repo.saveTopicChoices(input.id, {
        remove: [from.found, into].filter((t) => t.kept).map((t) => t.id),
        add: [{ label: (phrases ?? []).join(', ') || into.label, name: into.name ?? from.found.name, members, pinned: into.pinned || from.found.pinned }],
        by: actor.id,
        at: deps.clock(),
      });
      await audit(actor, 'analysis.topicsMerged', input.id, { topic: id, from: [input.topic, input.into] });
      return ok({ topic: id as string });
    },

    /** Splits a topic in two by clustering its inputs again (two topics, each labelled from its inputs). */
    async splitTopic(actor: Actor | null, input: { id: string; topic: string }): Promise<Result<{ topics: string[] }>> {
      const check = await allowed(actor, input.id);
      if (!check.ok || !actor) return check.ok ? fail('NotSignedIn') : check;
      const { now, found, error } = await topicOf(input.id, input.topic);
      if (error) return error;
      if (found.members.length < smallestSplit) return fail('ValidationFailed', [{ field: 'topic', message: 'field.topicTooSmall' }]);
      const all = (await sourcesOf(input.id)).map(textInputOf);
      const mine = new Set(found.members);
      const inputs = all.filter((x) => mine.has(x.id));
      if (inputs.length < smallestSplit) return fail('ValidationFailed', [{ field: 'topic', message: 'field.topicTooSmall' }]);
      const split = findTopics(inputs, { k: 2, seed: now.seed, minTopicSize: 1, minSimilarity: 0 });
      const halves = split.topics.map((t) => [...t.members]);
      // Inputs without words (or a topic that came out empty) go with the first half.
      if (halves.length === 0) return fail('ValidationFailed', [{ field: 'topic', message: 'field.topicTooSmall' }]);
      (halves[0] as string[]).push(...split.other);
      if (halves.length < 2) return fail('ValidationFailed', [{ field: 'topic', message: 'field.topicTooSmall' }]);
      const labels = labelGroups(all, halves);
      const ids = await repo.saveTopicChoices(input.id, {
        remove: found.kept ? [found.id] : [],
        add: halves.map((members, i) => ({ label: (labels[i] ?? []).join(', ') || found.label, name: null, members, pinned: false })),
        by: actor.id,
        at: deps.clock(),
      });
      await audit(actor, 'analysis.topicSplit', input.id, { topic: input.topic, into: ids });
      return ok({ topics: ids });
    },
  };
}
