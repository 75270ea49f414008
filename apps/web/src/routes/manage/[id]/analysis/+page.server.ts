import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { postedText } from '@tingsted/platform/edge';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { analysisContracts, analysisTopicContracts as topicContracts } from '@tingsted/platform/analysis';
import { formatsOf } from '$lib/format';

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

  renameTopic: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(topicContracts.renameTopic, form, { id: params.id });
    const result = input.ok ? await locals.platform.analysis.renameTopic(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, postedText(form));
    return { saved: locals.t('analysisTopics.renamed') };
  },

  pinTopic: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(topicContracts.pinTopic, form, { id: params.id });
    const result = input.ok ? await locals.platform.analysis.pinTopic(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, postedText(form));
    return { saved: locals.t(input.ok && input.value.pinned ? 'analysisTopics.pinned' : 'analysisTopics.unpinned') };
  },

  mergeTopics: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(topicContracts.mergeTopics, form, { id: params.id });
    const result = input.ok ? await locals.platform.analysis.mergeTopics(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, postedText(form));
    return { saved: locals.t('analysisTopics.merged') };
  },

  splitTopic: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(topicContracts.splitTopic, form, { id: params.id });
    const result = input.ok ? await locals.platform.analysis.splitTopic(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, postedText(form));
    return { saved: locals.t('analysisTopics.splitDone') };
  },
};

