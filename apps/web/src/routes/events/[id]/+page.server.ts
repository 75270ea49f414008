import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { eventContracts } from '@tingsted/platform/events';
import { formFailure, readForm } from '$lib/server/forms';
import { processTitlesOf, showEvent } from '$lib/server/events';
import { renderMarkdown } from '@tingsted/platform/shared';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await locals.platform.events.getEvent(locals.ctx.user, { id: params.id });
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 500, { message: result.code });
  const event = result.value;
  const titles = await processTitlesOf(locals, [event]);
  const ideaIds = event.state === 'past' || event.state === 'ongoing' ? await locals.platform.events.ideaIdsOf(event.id) : [];
  const ideas = ideaIds.length > 0 ? await locals.platform.ideas.summariesOf(ideaIds) : new Map();
  return {
    event: showEvent(locals, event, event.processSlug ? (titles.get(event.processSlug) ?? null) : null),
    minutesHtml: event.minutes ? renderMarkdown(event.minutes) : null,
    ideas: ideaIds.flatMap((id) => {
      const idea = ideas.get(id);
      return idea && event.processSlug ? [{ id, title: idea.title, href: `/processes/${event.processSlug}/ideas/${id}` }] : [];
    }),
    signedIn: locals.ctx.user !== null,
  };
};

function signedIn(event: RequestEvent) {
  const user = event.locals.ctx.user;
  if (!user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname)}`);
  return user;
}

export const actions: Actions = {
  register: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const answers: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (name.startsWith('answers.') && typeof value === 'string') answers[name.slice('answers.'.length)] = value;
    const input = readForm(eventContracts.register, form, { id: event.params.id, answers });
    const result = input.ok ? await event.locals.platform.events.register(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers.${k}`, v])));
    return { done: event.locals.t(result.value.status === 'confirmed' ? 'events.confirmed' : 'events.waitlisted') };
  },
  cancel: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(eventContracts.cancelRegistration, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.events.cancelRegistration(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('events.cancelled') };
  },
};
