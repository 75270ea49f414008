import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { presentSource, sourceFieldNames, sourcesFromForm } from '$lib/server/fact-sources';
import { formFailure, readForm, text } from '$lib/server/forms';
import { sourcesOf, stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { loadProcess } from '$lib/server/process';
import { requireUser } from '$lib/server/session';

/** New source rows under the fact's own, up to the limit of sources. */
const extraRows = 2;
const maxRows = 10;

/** The signed-in stakeholder's own fact with this number, or a 404. */
async function ownFact(locals: App.Locals, slug: string, number: string, url: URL) {
  const found = await loadProcess(locals, slug);
  requireUser(locals, url);
  const panel = (await locals.platform.stakeholders.panelsOfProcess(found.process.id))[0];
  const role = panel ? await locals.platform.stakeholders.roleIn(locals.ctx.user, panel.id) : null;
  const mine = panel && role?.stakeholder ? await locals.platform.stakeholders.factsForReview(locals.ctx.user, panel.id) : null;
  const fact = mine?.ok ? mine.value.find((f) => String(f.number) === number && f.stakeholder?.id === role?.stakeholder?.id) : undefined;
  if (!fact) error(404, { message: 'NotFound' });
  return { found, fact };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { found, fact } = await ownFact(locals, params.slug, params.number, url);
  const sources = fact.sources.map((source) => presentSource(source, locals));
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    fact: { number: fact.number, title: fact.title, body: fact.body, open: fact.status === 'changes_requested', reviewReason: fact.reviewReason, sources },
    newRows: Math.max(0, Math.min(extraRows, maxRows - sources.length)),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const { fact } = await ownFact(locals, params.slug, params.number, url);
    const form = await request.formData();
    const rows = Math.min(maxRows, fact.sources.length + extraRows);
    const { sources, values, rowOf } = await sourcesFromForm(form, rows);
    for (const name of ['title', 'body']) values[name] = text(form, name);
    const input = readForm(c.reviseFact, form, { factId: fact.id, sources, locale: locals.ctx.locale });
    if (!input.ok) return formFailure(locals, { ...input, fields: sourceFieldNames(input.fields, rowOf) }, values);
    const { factId, ...revision } = input.value;
    const result = await locals.platform.stakeholders.reviseFact(locals.ctx.user, factId, { ...revision, sources: sourcesOf(revision.sources) });
    if (!result.ok) return formFailure(locals, { ...result, fields: sourceFieldNames(result.fields, rowOf) }, values);
    return { done: 'stakeholders.revise.sent' as const };
  },
};
