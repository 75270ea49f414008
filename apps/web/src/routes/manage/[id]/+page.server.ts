import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { isLocale } from '@tingsted/platform/i18n/locales.ts';
import { resolveText } from '@tingsted/platform/shared/localized.ts';
import { charterFields, phaseMethods } from '@tingsted/platform/processes/processes.tables.ts';

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
  const queue = await locals.platform.ideas.moderationQueue(locals.ctx.user, process.id);
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
    queue: queue.ok ? { flags: queue.value.flags.map((f) => ({ id: f.id, targetType: f.target_type, targetId: f.target_id, reason: f.reason, ideaId: f.idea_id, ideaTitle: f.idea_title, commentBody: f.comment_body })), pending: queue.value.pending.map((p) => ({ id: p.id, title: p.title, body: p.body })) } : { flags: [], pending: [] },
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
    const result = await locals.platform.processes.updateCharter(user, params.id, { locale: values.contentLocale, texts, respondBy: values.respondBy });
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  addPhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { method: text(form, 'method'), phaseTitle: text(form, 'phaseTitle'), startsOn: text(form, 'startsOn'), endsOn: text(form, 'endsOn'), categories: text(form, 'categories') };
    const result = await locals.platform.processes.addPhase(user, params.id, {
      method: values.method,
      title: values.phaseTitle,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      locale: locals.ctx.locale,
      preScreening: form.get('preScreening'),
      publicResults: form.get('publicResults'),
      categories: values.categories,
    });
    if (!result.ok) return formFailure(locals, { ...result, ...(result.fields ? { fields: result.fields.map((f) => (f.field === 'title' ? { ...f, field: 'phaseTitle' } : f)) } : {}) }, values);
    return { saved: locals.t('manage.saved') };
  },
  addQuestion: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { prompt: text(form, 'prompt'), choices: text(form, 'choices'), kind: text(form, 'kind') };
    const result = await locals.platform.surveys.addQuestion(user, text(form, 'phaseId'), {
      kind: values.kind,
      prompt: values.prompt,
      locale: locals.ctx.locale,
      required: form.get('required'),
      choices: values.choices,
      min: text(form, 'min'),
      max: text(form, 'max'),
    });
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
    const result = await locals.platform.files.attach(user, {
      ownerType: 'phase',
      ownerId: phaseId,
      filename: upload?.name ?? '',
      contentType: upload?.type ?? '',
      data: upload ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array(),
      altText: text(form, 'altText'),
      locale: text(form, 'contentLocale'),
    });
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  describePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.processes.setPhaseDescription(user, params.id, text(form, 'phaseId'), { locale: text(form, 'contentLocale'), text: text(form, 'description') });
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  removePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.processes.removePhase(user, params.id, text(form, 'phaseId'));
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
  screen: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.ideas.screenIdea(user, text(form, 'ideaId'), text(form, 'decision'));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  hide: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.ideas.hide(user, { target: text(form, 'target'), id: text(form, 'targetId'), reason: text(form, 'reason') });
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('moderation.hidden') };
  },
};
