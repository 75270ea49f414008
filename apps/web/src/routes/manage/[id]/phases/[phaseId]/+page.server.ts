import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { isLocale } from '@tingsted/platform/i18n';
import { resolveText } from '@tingsted/platform/shared';
import { processContracts } from '@tingsted/platform/processes';
import { surveyContracts } from '@tingsted/platform/surveys';
import { fileContracts, uploadOf } from '@tingsted/platform/files';
import { renameFields } from '@tingsted/platform/edge';

/** One phase of a process's workspace: its text, attachments and, for a survey, its questions and export. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  const phase = process?.phases.find((p) => p.id === params.phaseId);
  if (!process || !phase) error(404, { message: 'NotFound' });
  const requested = url.searchParams.get('lang');
  const contentLocale = isLocale(requested) ? requested : locals.ctx.locale;
  const text = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  const questions = phase.method === 'survey' ? await locals.platform.surveys.questionsOf(phase.id) : [];
  return {
    managed: { id: process.id, slug: process.slug, title: text(process.title) },
    contentLocale,
    phase: {
      id: phase.id,
      method: phase.method,
      title: text(phase.title),
      description: phase.description[contentLocale] ?? '',
      start: formatDate(phase.startsOn, locals.ctx.locale),
      end: formatDate(phase.endsOn, locals.ctx.locale),
      state: phase.state,
      // The edit form's values: the title in the language being edited, the dates as the date inputs take them.
      edit: {
        phaseTitle: phase.title[contentLocale] ?? '',
        startsOn: phase.startsOn,
        endsOn: phase.endsOn,
        categories: (phase.settings.categories ?? []).join('\n'),
        preScreening: phase.settings.preScreening === true,
        publicResults: phase.settings.publicResults === true,
      },
    },
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: text(q.prompt),
      required: q.required,
      // The edit form's values in the language being edited.
      edit: { prompt: q.prompt[contentLocale] ?? '', choices: (q.options.choices ?? []).map((c) => c.label[contentLocale] ?? '').join('\n') },
    })),
  };
};

export const actions: Actions = {
  updatePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { action: 'updatePhase', phaseTitle: text(form, 'phaseTitle'), startsOn: text(form, 'startsOn'), endsOn: text(form, 'endsOn'), categories: text(form, 'categories') };
    const contentLocale = text(form, 'contentLocale');
    const input = readForm(processContracts.updatePhase, form, { id: params.id, phaseId: params.phaseId, title: values.phaseTitle, ...(isLocale(contentLocale) ? { locale: contentLocale } : {}) });
    const result = input.ok
      ? await locals.platform.processes.updatePhase(user, params.id, params.phaseId, { ...input.value, locale: input.value.locale ?? locals.ctx.locale, categories: (input.value.categories ?? []).join('\n') })
      : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { title: 'phaseTitle' }), values);
    return { saved: locals.t('manage.saved') };
  },
  describePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(processContracts.describePhase, form, { id: params.id, phaseId: params.phaseId, locale: text(form, 'contentLocale') });
    const result = input.ok ? await locals.platform.processes.setPhaseDescription(user, params.id, input.value.phaseId, { locale: input.value.locale, text: input.value.description }) : input;
    if (!result.ok) return formFailure(locals, result, { action: 'describePhase', description: text(form, 'description') });
    return { saved: locals.t('manage.saved') };
  },
  attach: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const file = form.get('file');
    const upload = file instanceof File ? file : null;
    const process = await locals.platform.processes.getProcessById(params.id);
    if (!process?.phases.some((p) => p.id === params.phaseId)) return formFailure(locals, { ok: false, code: 'NotFound' });
    // The file as the API carries it (base64), read with the same contract as POST /phases/:phaseId/files.
    const contentLocale = text(form, 'contentLocale');
    const input = readForm(fileContracts.attachFile, form, {
      phaseId: params.phaseId,
      file: { filename: upload?.name ?? '', contentType: upload?.type ?? '', data: upload ? Buffer.from(await upload.arrayBuffer()).toString('base64') : '' },
      ...(isLocale(contentLocale) ? { locale: contentLocale } : {}),
    });
    const result = input.ok
      ? await locals.platform.files.attach(user, { ownerType: 'phase', ownerId: input.value.phaseId, ...uploadOf(input.value.file), altText: input.value.altText ?? '', locale: input.value.locale ?? contentLocale })
      : input;
    if (!result.ok) return formFailure(locals, result, { action: 'attach', altText: text(form, 'altText') });
    return { saved: locals.t('manage.saved') };
  },
  updateQuestion: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { action: 'updateQuestion', questionId: text(form, 'questionId'), prompt: text(form, 'prompt'), choices: text(form, 'choices') };
    const contentLocale = text(form, 'contentLocale');
    const input = readForm(surveyContracts.updateQuestion, form, { phaseId: params.phaseId, ...(isLocale(contentLocale) ? { locale: contentLocale } : {}) });
    const result = input.ok ? await locals.platform.surveys.updateQuestion(user, params.phaseId, input.value.questionId, { ...input.value, locale: input.value.locale ?? locals.ctx.locale }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  moveQuestion: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(surveyContracts.moveQuestion, form, { phaseId: params.phaseId });
    const result = input.ok ? await locals.platform.surveys.moveQuestion(user, params.phaseId, input.value.questionId, input.value.direction) : input;
    if (!result.ok) return formFailure(locals, result, { action: 'moveQuestion', questionId: text(form, 'questionId') });
    return { saved: locals.t('manage.saved') };
  },
  removeQuestion: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(surveyContracts.removeQuestion, form, { phaseId: params.phaseId });
    const result = input.ok ? await locals.platform.surveys.removeQuestion(user, params.phaseId, input.value.questionId) : input;
    if (!result.ok) return formFailure(locals, result, { action: 'removeQuestion', questionId: text(form, 'questionId') });
    return { saved: locals.t('manage.saved') };
  },
  addQuestion: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { prompt: text(form, 'prompt'), choices: text(form, 'choices'), kind: text(form, 'kind'), action: 'addQuestion' };
    const input = readForm(surveyContracts.addQuestion, form, { phaseId: params.phaseId, locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.surveys.addQuestion(user, input.value.phaseId, { ...input.value, locale: locals.ctx.locale }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
};
