import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { isLocale } from '@tingsted/platform/i18n';
import { resolveText } from '@tingsted/platform/shared';
import { charterFields, phaseMethods } from '@tingsted/platform/processes';
import { processContracts } from '@tingsted/platform/processes';
import { surveyContracts } from '@tingsted/platform/surveys';
import { fileContracts, uploadOf } from '@tingsted/platform/files';
import { renameFields } from '@tingsted/platform/edge';

const textFields = ['title', 'summary', ...charterFields] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const requested = url.searchParams.get('lang');
  const contentLocale = isLocale(requested) ? requested : locals.ctx.locale;
  const texts: Record<string, string> = {};
  for (const field of textFields) {
    const value = field === 'title' ? process.title : field === 'summary' ? process.summary : process.charter[field];
    texts[field] = value[contentLocale] ?? '';
  }
  const queue = await locals.platform.moderation.moderationQueue(locals.ctx.user, { processId: process.id });
  const surveys = [];
  for (const phase of process.phases.filter((p) => p.method === 'survey')) {
    const questions = await locals.platform.surveys.questionsOf(phase.id);
    surveys.push({
      phaseId: phase.id,
      title: resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
      questions: questions.map((q) => ({ id: q.id, kind: q.kind, prompt: resolveText(q.prompt, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text, required: q.required })),
    });
  }
  return {
    managed: { id: process.id, slug: process.slug, status: process.status, respondBy: process.respondBy ?? '', title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    contentLocale,
    texts,
    methods: [...phaseMethods],
    phases: process.phases.map((p) => ({ description: p.description[contentLocale] ?? '', id: p.id, method: p.method, title: resolveText(p.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text, start: formatDate(p.startsOn, locals.ctx.locale), end: formatDate(p.endsOn, locals.ctx.locale), state: p.state })),
    surveys,
    queue: { waiting: queue.ok ? queue.value.length : 0 },
  };
};

export const actions: Actions = {
  charter: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values: Record<string, string> = { respondBy: text(form, 'respondBy'), contentLocale: text(form, 'contentLocale') };
    const texts: Record<string, string> = {};
    for (const field of textFields) {
      texts[field] = text(form, field);
      values[field] = texts[field];
    }
    const input = readForm(processContracts.updateCharter, form, { id: params.id, locale: values.contentLocale });
    const result = input.ok ? await locals.platform.processes.updateCharter(user, params.id, { locale: input.value.locale, texts, respondBy: input.value.respondBy ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  addPhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { method: text(form, 'method'), phaseTitle: text(form, 'phaseTitle'), startsOn: text(form, 'startsOn'), endsOn: text(form, 'endsOn'), categories: text(form, 'categories') };
    const input = readForm(processContracts.addPhase, form, { id: params.id, title: values.phaseTitle, locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.processes.addPhase(user, params.id, { ...input.value, locale: locals.ctx.locale, categories: (input.value.categories ?? []).join('\n') }) : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { title: 'phaseTitle' }), values);
    return { saved: locals.t('manage.saved') };
  },
  addQuestion: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { prompt: text(form, 'prompt'), choices: text(form, 'choices'), kind: text(form, 'kind'), phaseId: text(form, 'phaseId'), action: 'addQuestion' };
    const input = readForm(surveyContracts.addQuestion, form, { locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.surveys.addQuestion(user, input.value.phaseId, { ...input.value, locale: locals.ctx.locale }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  attach: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const file = form.get('file');
    const upload = file instanceof File ? file : null;
    const phaseId = text(form, 'phaseId');
    const process = await locals.platform.processes.getProcessById(params.id);
    if (!process?.phases.some((p) => p.id === phaseId)) return formFailure(locals, { ok: false, code: 'NotFound' });
    // The file as the API carries it (base64), read with the same contract as POST /phases/:phaseId/files.
    const contentLocale = text(form, 'contentLocale');
    const input = readForm(fileContracts.attachFile, form, {
      file: { filename: upload?.name ?? '', contentType: upload?.type ?? '', data: upload ? Buffer.from(await upload.arrayBuffer()).toString('base64') : '' },
      ...(isLocale(contentLocale) ? { locale: contentLocale } : {}),
    });
    const result = input.ok
      ? await locals.platform.files.attach(user, { ownerType: 'phase', ownerId: input.value.phaseId, ...uploadOf(input.value.file), altText: input.value.altText ?? '', locale: input.value.locale ?? contentLocale })
      : input;
    if (!result.ok) return formFailure(locals, result, { phaseId, action: 'attach', altText: text(form, 'altText') });
    return { saved: locals.t('manage.saved') };
  },
  describePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(processContracts.describePhase, form, { id: params.id, locale: text(form, 'contentLocale') });
    const result = input.ok ? await locals.platform.processes.setPhaseDescription(user, params.id, input.value.phaseId, { locale: input.value.locale, text: input.value.description }) : input;
    if (!result.ok) return formFailure(locals, result, { phaseId: text(form, 'phaseId'), action: 'describePhase', description: text(form, 'description') });
    return { saved: locals.t('manage.saved') };
  },
  removePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(processContracts.removePhase, form, { id: params.id });
    const result = input.ok ? await locals.platform.processes.removePhase(user, params.id, input.value.phaseId) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  publish: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.processes.publishProcess(user, params.id);
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.published') };
  },
  close: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.processes.closeProcess(user, params.id);
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.closed') };
  },
};
