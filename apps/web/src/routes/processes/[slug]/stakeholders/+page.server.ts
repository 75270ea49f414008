import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { presentSource, sourceFieldNames, sourcesFromForm } from '$lib/server/fact-sources';
import { formFailure, readForm, text } from '$lib/server/forms';
import { renameFields } from '@tingsted/platform/edge';
import { sourcesOf, stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { formatDate } from '$lib/server/present';
import { loadProcess } from '$lib/server/process';
import { formatsOf } from '$lib/format';

async function panelOf(locals: App.Locals, slug: string) {
  const found = await loadProcess(locals, slug);
  const panel = (await locals.platform.stakeholders.panelsOfProcess(found.process.id))[0];
  return { found, panel: panel ?? null };
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { found, panel } = await panelOf(locals, params.slug);
  const base = { process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang } };
  if (!panel) return { ...base, panel: null };
  const s = locals.platform.stakeholders;
  const conversation = (await locals.platform.conversations.conversationsOfProcess(found.process.id))[0] ?? null;
  const [presented, people, steps, facts, meetings, recommendations, results, statements] = await Promise.all([
    s.viewPanel(locals.ctx.user, panel.id),
    s.introductions(panel.id),
    s.steps(panel.id),
    s.factSheet(panel.id),
    s.meetings(panel.id),
    s.recommendations(panel.id),
    conversation ? locals.platform.conversations.results(null, conversation.id) : null,
    conversation ? locals.platform.conversations.listStatements(null, conversation.id) : null,
  ]);
  if (!presented.ok) error(404, { message: 'NotFound' });
  const mine = presented.value.stakeholder ? await s.factsForReview(locals.ctx.user, panel.id) : null;
  const texts: Record<string, string> = {};
  if (statements?.ok) for (const st of statements.value) texts[String(st.number)] = st.body;
  const view = results?.ok ? results.value.view : null;
  const factNumber = new Map(facts.map((f) => [f.id, f.number]));
  const locale = locals.ctx.locale;
  const f = formatsOf(locals);
  const time = { format: f.dateTime };
  return {
    ...base,
    panel: presented.value,
    people,
    steps: steps.map((st) => ({ id: st.id, title: st.title, description: st.description, date: formatDate(st.happens_on, locale) })),
    facts: facts.map((f) => ({ ...f, sources: f.sources.map((source) => presentSource(source, locals)) })),
    mine: mine?.ok ? mine.value.map((f) => ({ id: f.id, number: f.number, title: f.title, status: f.status, reviewReason: f.reviewReason })) : [],
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, when: time.format(m.starts_at), streamUrl: m.stream_url, place: m.place, agenda: m.agenda === '' ? [] : m.agenda.split('\n'), minutes: m.minutes })),
    discuss: view
      ? { consensus: view.consensus.agree.slice(0, 5).map((c) => ({ number: c.number, text: texts[String(c.number)] ?? '' })), divisive: view.divisive.map((d) => ({ number: d.number, text: texts[String(d.number)] ?? '' })) }
      : null,
    conversation: conversation ? { phaseId: conversation.phaseId, participants: view?.nParticipants ?? 0, votes: view?.nVotes ?? 0 } : null,
    recommendations: recommendations.map((r) => ({
      ...r,
      decidedAt: r.decidedAt ? f.date(r.decidedAt) : null,
      meeting: meetings.find((m) => m.id === r.meetingId)?.title ?? null,
      statements: r.statements.map((st) => ({ number: st.number, text: texts[String(st.number)] ?? '' })),
      facts: r.facts.map((id) => factNumber.get(id)).filter((n): n is number => n !== undefined),
    })),
  };
};

/** Source rows on the fact form. */
const factSourceRows = 2;

/** The numbers typed in a field ("3, 5 7"), as the contract takes them; anything else is left for it to refuse. */
function numbersIn(value: string): (number | string)[] {
  return value
    .split(/[\s,;]+/)
    .filter((n) => n !== '')
    .map((n) => (/^\d+$/.test(n) ? Number(n) : n));
}

/** The recommendation form's names for the use case's fields (`sources.0` of a list is the list's field). */
function recommendationFields<T extends { field: string }>(fields: readonly T[] | undefined): T[] {
  const names: Record<string, string> = { title: 'rtitle', body: 'rbody' };
  return (fields ?? []).map((f) => ({ ...f, field: names[f.field] ?? f.field.replace(/^(statements|facts)\.\d+$/, '$1') }));
}

export const actions: Actions = {
  fact: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const { sources, values } = await sourcesFromForm(form, factSourceRows);
    for (const name of ['title', 'body', 'disputes']) values[name] = text(form, name);
    const input = readForm(c.submitFact, form, { panelId: panel.id, sources, locale: locals.ctx.locale });
    if (!input.ok) return formFailure(locals, { ...input, fields: sourceFieldNames(input.fields) }, values);
    const { disputes, ...fact } = input.value;
    const result = await locals.platform.stakeholders.submitFact(locals.ctx.user, panel.id, { ...fact, sources: sourcesOf(fact.sources), disputes: disputes === undefined ? undefined : String(disputes) });
    if (!result.ok) return formFailure(locals, { ...result, fields: sourceFieldNames(result.fields) }, values);
    return { done: 'stakeholders.fact.sent' as const };
  },
  invite: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = { email: text(form, 'email'), role: text(form, 'role') };
    const input = readForm(c.invite, form, { panelId: panel.id, locale: locals.ctx.locale });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.invite(locals.ctx.user, panel.id, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.invite.sent' as const };
  },
  recommend: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = { rtitle: text(form, 'rtitle'), rbody: text(form, 'rbody'), statements: text(form, 'statements'), facts: text(form, 'facts'), meetingId: text(form, 'meetingId') };
    const extra = { panelId: panel.id, title: values.rtitle, body: values.rbody, statements: numbersIn(values.statements), facts: numbersIn(values.facts) };
    const input = readForm(c.draftRecommendation, form, extra);
    if (!input.ok) return formFailure(locals, { ...input, fields: recommendationFields(input.fields) }, values);
    const { panelId, ...recommendation } = input.value;
    const result = await locals.platform.stakeholders.draftRecommendation(locals.ctx.user, panelId, recommendation);
    if (!result.ok) return formFailure(locals, { ...result, fields: recommendationFields(result.fields) }, values);
    return { done: 'stakeholders.recommendation.added' as const };
  },
  decide: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'recommendation');
    const values = { [`reason-${id}`]: text(form, 'reason') };
    const perRecommendation = { decision: `decision-${id}`, reason: `reason-${id}`, recommendationId: `decision-${id}` };
    // An unchosen decision is refused as invalid (not as missing), as the radio buttons ask for one of two.
    const input = readForm(c.decideRecommendation, form, { recommendationId: id, decision: text(form, 'decision') });
    if (!input.ok) return formFailure(locals, renameFields(input, perRecommendation), values);
    const { recommendationId, ...decision } = input.value;
    const result = await locals.platform.stakeholders.decideRecommendation(locals.ctx.user, recommendationId, decision);
    if (!result.ok) return formFailure(locals, renameFields(result, perRecommendation), values);
    return { done: 'stakeholders.decide.done' as const };
  },
};
