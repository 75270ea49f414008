import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { eventContracts } from '@tingsted/platform/events';
import { postedText, renameFields } from '@tingsted/platform/edge';
import { formFailure, readForm, text } from '$lib/server/forms';
import { eventFormExtra, eventFormFailure, questionsText, showEvent } from '$lib/server/events';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
  const found = await locals.platform.events.getEvent(locals.ctx.user, { id: params.id });
  if (!found.ok) error(404, { message: 'NotFound' });
  const registrations = await locals.platform.events.registrations(locals.ctx.user, { id: params.id });
  if (!registrations.ok) error(registrations.code === 'Forbidden' ? 403 : 404, { message: registrations.code });
  const e = found.value;
  return {
    event: showEvent(locals, e),
    values: {
      title: e.title,
      description: e.description,
      startsAt: e.startsAtLocal,
      endsAt: e.endsAtLocal,
      timeZone: e.timeZone,
      capacity: e.capacity === null ? '' : String(e.capacity),
      placeKind: e.place.kind,
      address: e.place.address,
      onlineUrl: e.place.url ?? '',
      accessibility: e.accessibility,
      registrationDeadline: e.registrationDeadlineLocal ?? '',
      questions: questionsText(e),
    },
    attendees: registrations.value.attendees.map((a) => ({
      ...a,
      answers: e.questions.flatMap((q) => (a.answers[q.id] ? [`${q.label}: ${a.answers[q.id]}`] : [])).join('; '),
    })),
    minutes: e.minutes ?? '',
  };
};

export const actions: Actions = {
  update: async ({ locals, params, request }) => {
    const form = await request.formData();
    const input = readForm(eventContracts.updateEvent, form, { ...eventFormExtra(form), id: params.id });
    const result = input.ok ? await locals.platform.events.updateEvent(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, eventFormFailure(result), { ...postedText(form), form: 'update' });
    return { done: locals.t('events.saved') };
  },
  attendance: async ({ locals, params, request }) => {
    const form = await request.formData();
    const input = readForm(eventContracts.markAttendance, form, { id: params.id, attended: form.getAll('attended').filter((v): v is string => typeof v === 'string') });
    const result = input.ok ? await locals.platform.events.markAttendance(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { form: 'attendance' });
    return { done: locals.t('events.attendanceSaved', { count: result.value.attended }) };
  },
  minutes: async ({ locals, params, request }) => {
    const form = await request.formData();
    const input = readForm(eventContracts.publishMinutes, form, { id: params.id });
    const result = input.ok ? await locals.platform.events.publishMinutes(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { ...postedText(form), form: 'minutes' });
    return { done: locals.t('events.minutesSaved') };
  },
  documents: async ({ locals, params, request }) => {
    const form = await request.formData();
    const uploads = form.getAll('documents').filter((f): f is File => typeof f !== 'string' && f.size > 0);
    const files = await Promise.all(uploads.map(async (f) => ({ filename: f.name, contentType: f.type, data: Buffer.from(await f.arrayBuffer()).toString('base64') })));
    const input = readForm(eventContracts.addDocuments, form, { id: params.id, files });
    const result = input.ok ? await locals.platform.events.addDocuments(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { files: 'documents' }), { form: 'documents' });
    return { done: locals.t('events.documentsSaved') };
  },
  idea: async ({ locals, params, request }) => {
    const form = await request.formData();
    // The idea's fields are named apart from the event form's title on the same page.
    const input = readForm(eventContracts.addIdea, form, { id: params.id, title: text(form, 'ideaTitle'), body: text(form, 'ideaBody') });
    const result = input.ok ? await locals.platform.events.addIdea(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { title: 'ideaTitle', body: 'ideaBody' }), { ...postedText(form), form: 'idea' });
    return { done: locals.t('events.ideaSaved') };
  },
};
