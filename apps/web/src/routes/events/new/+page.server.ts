import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { eventContracts, eventsPolicy } from '@tingsted/platform/events';
import { formFailure, readForm, text } from '$lib/server/forms';
import { postedText } from '@tingsted/platform/edge';
import { eventFormExtra, eventFormFailure } from '$lib/server/events';
import { loadProcess } from '$lib/server/process';
import { timeZoneOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  if (!eventsPolicy.manage(locals.ctx.user)) error(403, { message: 'Forbidden' });
  const slug = url.searchParams.get('process');
  const found = slug ? await loadProcess(locals, slug) : null;
  // A draft prefilled from a link (the census's outreach alert: a meeting in an area); saved only when submitted.
  const prefill = { title: (url.searchParams.get('title') ?? '').slice(0, 200), address: (url.searchParams.get('address') ?? '').slice(0, 300) };
  return { process: found ? { slug: found.process.slug, title: found.title } : null, timeZone: timeZoneOf(locals), prefill };
};

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = await request.formData();
    const slug = text(form, 'process') || null;
    const extra = eventFormExtra(form);
    const result = slug
      ? await (async () => {
          const input = readForm(eventContracts.createEvent, form, { ...extra, slug });
          return input.ok ? locals.platform.events.createEvent(locals.ctx.user, input.value) : input;
        })()
      : await (async () => {
          const input = readForm(eventContracts.createStandaloneEvent, form, extra);
          return input.ok ? locals.platform.events.createStandaloneEvent(locals.ctx.user, input.value) : input;
        })();
    if (!result.ok) return formFailure(locals, eventFormFailure(result), postedText(form));
    redirect(303, `/events/${result.value.id}`);
  },
};
