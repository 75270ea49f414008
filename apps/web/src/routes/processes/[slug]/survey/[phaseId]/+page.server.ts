import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { resolveText } from '@tingsted/platform/shared';
import { surveyCan } from '@tingsted/platform/surveys';
import { surveyPages } from '@tingsted/platform/surveys';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadProcess(locals, params.slug);
  const phase = found.process.phases.find((p) => p.id === params.phaseId && p.method === 'survey');
  if (!phase) error(404, { message: 'NotFound' });
  const resolve = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  // Page breaks split the questions into steps, one page each; answers travel with the form between steps.
  const parts = surveyPages(await locals.platform.surveys.questionsOf(phase.id)).map((page) =>
    page.map((q) => {
      const prompt = resolve(q.prompt);
      return {
        id: q.id,
        kind: q.kind,
        prompt: prompt.text,
        lang: prompt.locale,
        required: q.required,
        choices: (q.options.choices ?? []).map((c) => ({ key: c.key, label: resolve(c.label).text })),
        min: q.options.min ?? 1,
        max: q.options.max ?? 5,
      };
    }),
  );
  const title = resolve(phase.title);
  const open = phase.state === 'open' && found.process.status === 'published';
  const can = surveyCan(locals.ctx.user, phase, open);
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: title.text, lang: title.locale, open },
    parts,
    responded: await locals.platform.surveys.hasResponded(locals.ctx.user, phase.id),
    signedIn: locals.ctx.user !== null,
    resultsVisible: can.seeResults,
  };
};

/** The answers in a posted survey form: by question id, and as posted (every value) to carry between steps. */
function readAnswers(form: FormData) {
  const answers: Record<string, unknown> = {};
  const carried: Record<string, string[]> = {};
  for (const name of new Set(form.keys())) {
    if (!name.startsWith('q-')) continue;
    const all = form.getAll(name).filter((v): v is string => typeof v === 'string');
    carried[name] = all;
    answers[name.slice(2)] = all.length > 1 ? all : all[0];
  }
  return { answers, carried };
}

function stepOf(form: FormData): number {
  const step = Number(form.get('step'));
  return Number.isInteger(step) && step >= 0 ? step : 0;
}

export const actions: Actions = {
  /** Checks this step's answers and moves on; nothing is saved until the last step is sent. */
  next: async ({ request, locals, params, url }) => {
    if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const { answers, carried } = readAnswers(form);
    const step = stepOf(form);
    const result = await locals.platform.surveys.checkSurveyPage(locals.ctx.user, params.phaseId, step, answers);
    if (!result.ok) {
      const failure = formFailure(locals, result);
      return fail(failure.status, { ...failure.data, step, carried });
    }
    return { step: Math.min(step + 1, result.value.pages - 1), carried };
  },
  back: async ({ request }) => {
    const form = await request.formData();
    return { step: Math.max(0, stepOf(form) - 1), carried: readAnswers(form).carried };
  },
  submit: async ({ request, locals, params, url }) => {
    if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const { answers, carried } = readAnswers(form);
    const result = await locals.platform.surveys.submitResponse(locals.ctx.user, params.phaseId, answers);
    if (!result.ok) {
      const failure = formFailure(locals, result);
      // Show the first step with a problem (normally the last one: earlier steps were checked).
      const questions = surveyPages(await locals.platform.surveys.questionsOf(params.phaseId));
      const wrong = new Set(Object.keys(failure.data.fields).map((name) => name.slice(2)));
      const step = Math.max(0, questions.findIndex((page) => page.some((q) => wrong.has(q.id))));
      return fail(failure.status, { ...failure.data, step: wrong.size > 0 ? step : stepOf(form), carried });
    }
    return { done: true };
  },
};
