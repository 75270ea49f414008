import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { formatFileSize } from '$lib/server/fact-sources';
import { renameFields } from '@tingsted/platform/edge';
import { uploadOf } from '@tingsted/platform/files';
import { stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { formatsOf } from '$lib/format';

/** The meeting in the address, when it belongs to this process's panel; else a 404. */
async function meetingOf(locals: App.Locals, slug: string, meetingId: string) {
  const found = await loadProcess(locals, slug);
  const meeting = /^[0-9a-f-]{36}$/.test(meetingId) ? await locals.platform.stakeholders.viewMeeting(locals.ctx.user, meetingId) : null;
  if (!meeting?.ok || meeting.value.processSlug !== found.process.slug) error(404, { message: 'NotFound' });
  return { found, meeting: meeting.value };
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { found, meeting } = await meetingOf(locals, params.slug, params.meetingId);
  const f = formatsOf(locals);
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    meeting: {
      ...meeting,
      when: f.dateTime(meeting.startsAt),
      at: meeting.startsAt.toISOString(),
      past: meeting.startsAt.getTime() < Date.now(),
      minutesPublishedAt: meeting.minutesPublishedAt ? f.dateTime(meeting.minutesPublishedAt) : null,
      documents: meeting.documents.map((d) => ({ ...d, size: formatFileSize(d.sizeBytes, locals.ctx.locale) })),
    },
  };
};

export const actions: Actions = {
  nowOn: async ({ request, locals, params }) => {
    const { meeting } = await meetingOf(locals, params.slug, params.meetingId);
    const form = await request.formData();
    const raw = text(form, 'position');
    const input = readForm(c.setNowOn, form, { meetingId: meeting.id, position: raw === '' ? null : Number(raw) });
    if (!input.ok) return formFailure(locals, input);
    const result = await locals.platform.stakeholders.setNowOn(locals.ctx.user, meeting.id, input.value);
    if (!result.ok) return formFailure(locals, result);
    return { done: 'meetings.nowOn.saved' as const };
  },
  agenda: async ({ request, locals, params }) => {
    const { meeting } = await meetingOf(locals, params.slug, params.meetingId);
    const form = await request.formData();
    const values = { agenda: text(form, 'agenda') };
    const items = values.agenda.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    const input = readForm(c.setAgenda, form, { meetingId: meeting.id, items });
    if (!input.ok) return formFailure(locals, renameFields(input, { items: 'agenda' }), values);
    const result = await locals.platform.stakeholders.setAgenda(locals.ctx.user, meeting.id, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'meetings.agenda.saved' as const };
  },
  minutes: async ({ request, locals, params }) => {
    const { meeting } = await meetingOf(locals, params.slug, params.meetingId);
    const form = await request.formData();
    const values = { minutes: text(form, 'minutes') };
    const files = form.getAll('documents').filter((file): file is File => file instanceof File && (file.size > 0 || file.name !== ''));
    const documents = await Promise.all(files.map(async (file) => ({ filename: file.name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()).toString('base64') })));
    const input = readForm(c.recordMinutes, form, { meetingId: meeting.id, documents, locale: locals.ctx.locale });
    const names = (name: string) => (name.startsWith('documents') ? 'documents' : name);
    if (!input.ok) return formFailure(locals, { ...input, fields: (input.fields ?? []).map((x) => ({ ...x, field: names(x.field) })) }, values);
    const result = await locals.platform.stakeholders.recordMinutes(locals.ctx.user, meeting.id, input.value.minutes, (input.value.documents ?? []).map(uploadOf), locals.ctx.locale);
    if (!result.ok) return formFailure(locals, { ...result, fields: (result.fields ?? []).map((x) => ({ ...x, field: names(x.field) })) }, values);
    return { done: 'meetings.minutes.saved' as const };
  },
};
