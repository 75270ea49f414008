import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { eventsPolicy } from '@tingsted/platform/events';
import { processTitlesOf, showEvent } from '$lib/server/events';

export const load: PageServerLoad = async ({ locals, url }) => {
  const past = url.searchParams.get('when') === 'past';
  const result = await locals.platform.events.listEvents(locals.ctx.user, { when: past ? 'past' : 'upcoming' });
  if (!result.ok) error(500, { message: 'Internal' });
  const titles = await processTitlesOf(locals, result.value.events);
  return {
    past,
    events: result.value.events.map((e) => showEvent(locals, e, e.processSlug ? (titles.get(e.processSlug) ?? null) : null)),
    canCreate: eventsPolicy.manage(locals.ctx.user),
  };
};
