import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { problemOf } from '@tingsted/platform/edge';
import { resolveText } from '@tingsted/platform/shared';
import { censusContracts, censusDimensions, censusPolicy, presentRepresentation } from '@tingsted/platform/census';

// Who is missing: a process's (or one phase's) participants against the census. The choices (phase, the
// dimensions) are a GET form, so the page works without JavaScript and can be linked to.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const phaseId = url.searchParams.get('phase') ?? '';
  const by = url.searchParams.getAll('by').filter((d) => d !== '');
  const asked = { phaseId, ...(by.length > 0 ? { dimensions: by.join(',') } : {}) };
  let result = await locals.platform.census.representationOf(user, process.id, asked);
  // A choice that cannot be shown (a dimension the census lacks) is explained, and the default is shown.
  let problem = null;
  if (!result.ok && result.code === 'ValidationFailed') {
    const found = problemOf(locals.ctx.locale, result);
    problem = { message: found.message, problems: found.fields.map((f) => ({ field: f.field === 'phaseId' ? 'phase' : 'by', message: f.message })) };
    result = await locals.platform.census.representationOf(user, process.id, {});
  }
  if (!result.ok) error(result.code === 'NotFound' ? 404 : result.code === 'NotSignedIn' ? 401 : 403, { message: result.code });
  const locale = locals.ctx.locale;
  const fallback = locals.ctx.municipality.defaultLocale;
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locale, fallback).text },
    phases: process.phases.map((p) => ({ id: p.id, title: resolveText(p.title, locale, fallback).text, state: p.state })),
    chosen: { phaseId: result.value.phaseId ?? '', by: problem ? [] : by },
    dimensions: [...censusDimensions],
    problem,
    representation: presentRepresentation(result.value, user),
    canImportCensus: censusPolicy.importCensus(user),
  };
};

export const actions: Actions = {
  remind: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(censusContracts.sendOutreachReminder, form, { id: params.id });
    const result = input.ok ? await locals.platform.census.sendReminder(user, input.value.id, { area: input.value.area ?? '', ageBand: input.value.ageBand ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('representation.reminderDone', { count: result.value.recipients }) };
  },
  thresholds: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { maxRatio: text(form, 'maxRatio'), minExpected: text(form, 'minExpected') };
    // Decimal commas as Nordic keyboards type them; text that is no number stays text, so the schema names it.
    const ratio = values.maxRatio.trim().replace(',', '.');
    const maxRatio = ratio !== '' && Number.isFinite(Number(ratio)) ? Number(ratio) : values.maxRatio;
    const input = readForm(censusContracts.setRepresentationThresholds, form, { id: params.id, maxRatio });
    const result = input.ok ? await locals.platform.census.setThresholds(user, input.value.id, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('representation.thresholdsSaved') };
  },
};
