import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { postedText, type Contract, type InputOf } from '@tingsted/platform/edge';
import { requireUser } from '$lib/server/session';
import { resolveText, type Result } from '@tingsted/platform/shared';
import { analysisContracts, analysisTopicContracts as topicContracts } from '@tingsted/platform/analysis';
import { formatsOf } from '$lib/format';
import { processesPolicy } from '@tingsted/platform/processes';

export const load: PageServerLoad = async ({ locals, params }) => {
  // The analysis checks the actor and the id first: a malformed id is a 404, not a database error.
  const analysis = await locals.platform.analysis.analysisOf(locals.ctx.user, params.id);
  if (!analysis.ok) {
    if (analysis.code === 'NotFound' || analysis.code === 'ValidationFailed') error(404, { message: 'NotFound' });
    error(analysis.code === 'NotSignedIn' ? 401 : 403, { message: analysis.code });
  }
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const time = { format: formatsOf(locals).dateTime };
  const { active, last } = analysis.value;
  const topics = await locals.platform.analysis.topicsOf(locals.ctx.user, params.id);
  return {
    // Only what the page shows (a topic's member list can be long).
    topics: topics.ok ? topics.value.topics.map((t) => ({ id: t.id, label: t.label, name: t.name, phrases: [...t.phrases], size: t.size, examples: [...t.examples], trend: [...t.trend], pinned: t.pinned, kept: t.kept })) : [],
    topicRefs: topics.ok ? topics.value.refs : {},
    // Back to the management page for those who manage; decision-makers go back to the process's page.
    back: processesPolicy.manage(locals.ctx.user) ? `/manage/${process.id}` : `/processes/${process.slug}`,
    managed: {
      id: process.id,
      slug: process.slug,
      title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
    },
    active: active ? { state: active.state, requestedAt: time.format(active.requestedAt) } : null,
    last:
      last === null
        ? null
        : last.state === 'failed'
          ? { state: last.state, finishedAt: last.finishedAt ? time.format(last.finishedAt) : '', finishedIso: last.finishedAt?.toISOString() ?? '' }
          : { state: last.state, finishedAt: time.format(last.finishedAt), finishedIso: last.finishedAt.toISOString(), ideas: last.ideas, comments: last.comments, seed: last.seed, result: last.result },
  };
};

export const actions: Actions = {
  run: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(analysisContracts.requestAnalysis, await request.formData(), { id: params.id });
    const result = input.ok ? await locals.platform.analysis.requestAnalysis(user, input.value.id) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t(result.value.alreadyActive ? 'analysis.alreadyRunning' : 'analysis.queued') };
  },

  renameTopic: (event) => topicForm(event, topicContracts.renameTopic, (p, user, input) => p.analysis.renameTopic(user, input), () => 'analysisTopics.renamed'),
  pinTopic: (event) => topicForm(event, topicContracts.pinTopic, (p, user, input) => p.analysis.pinTopic(user, input), (input) => (input.pinned ? 'analysisTopics.pinned' : 'analysisTopics.unpinned')),
  mergeTopics: (event) => topicForm(event, topicContracts.mergeTopics, (p, user, input) => p.analysis.mergeTopics(user, input), () => 'analysisTopics.merged'),
  splitTopic: (event) => topicForm(event, topicContracts.splitTopic, (p, user, input) => p.analysis.splitTopic(user, input), () => 'analysisTopics.splitDone'),
};

/**
 * A topic form: read with the use case's contract (the process id from the address), the use case called as
 * the signed-in user, the form refilled with a translated error naming the field when it is refused.
 */
async function topicForm<C extends Contract, T>(
  { request, locals, params, url }: RequestEvent,
  contract: C,
  call: (platform: App.Locals['platform'], user: ReturnType<typeof requireUser>, input: InputOf<C>) => Promise<Result<T>>,
  saved: (input: InputOf<C>) => Parameters<App.Locals['t']>[0],
) {
  const user = requireUser(locals, url);
  const form = await request.formData();
  const input = readForm(contract, form, { id: params.id });
  if (!input.ok) return formFailure(locals, input, postedText(form));
  const result = await call(locals.platform, user, input.value);
  if (!result.ok) return formFailure(locals, result, postedText(form));
  return { saved: locals.t(saved(input.value)) };
}
