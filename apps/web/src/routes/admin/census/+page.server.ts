import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { censusContracts } from '@tingsted/platform/census';
import { formatsOf } from '$lib/format';

// Administrators: the census in use, and importing a new one (a file chosen, or CSV pasted).
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const current = await locals.platform.census.currentCensus(user);
  if (!current.ok) error(403, { message: current.code });
  const census = current.value;
  return {
    census: census
      ? { year: census.year, source: census.source, population: census.population, dimensions: [...census.dimensions], areas: [...census.areas], bands: census.ageBands.map((b) => b.label), importedAt: formatsOf(locals).dateTime(census.importedAt) }
      : null,
    thisYear: new Date().getUTCFullYear(),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const file = form.get('file');
    const pasted = text(form, 'pasted');
    // A file chosen wins over text pasted in the box.
    const census = file instanceof File && file.size > 0 ? await file.text() : pasted;
    const values = { year: text(form, 'year'), source: text(form, 'source'), pasted };
    const input = readForm(censusContracts.importCensus, form, { census });
    const result = input.ok ? await locals.platform.census.importCensus(user, { year: input.value.year, source: input.value.source ?? '', file: input.value.census }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('censusAdmin.imported', { year: result.value.year, population: result.value.population, areas: result.value.areas.length }) };
  },
};
