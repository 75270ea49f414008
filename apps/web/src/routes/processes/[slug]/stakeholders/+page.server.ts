import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { presentSource, sourceFieldNames, sourcesFromForm } from '$lib/server/fact-sources';
import { formFailure, text } from '$lib/server/forms';
import { formatDate } from '$lib/server/present';
import { loadProcess } from '$lib/server/process';

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
  const [role, people, steps, facts, meetings, recommendations, results, statements] = await Promise.all([
    s.roleIn(locals.ctx.user, panel.id),
    s.introductions(panel.id),
    s.steps(panel.id),
    s.factSheet(panel.id),
    s.meetings(panel.id),
    s.recommendations(panel.id),
    conversation ? locals.platform.conversations.results(null, conversation.id) : null,
    conversation ? locals.platform.conversations.listStatements(null, conversation.id) : null,
  ]);
  const mine = role.stakeholder ? await s.factsForReview(locals.ctx.user, panel.id) : null;
  const texts: Record<string, string> = {};
  if (statements?.ok) for (const st of statements.value) texts[String(st.number)] = st.body;
  const view = results?.ok ? results.value.view : null;
  const factNumber = new Map(facts.map((f) => [f.id, f.number]));
  const locale = locals.ctx.locale;
  const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `${locale}-NO`, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  return {
    ...base,
    panel: { id: panel.id },
    role,
    people,
    steps: steps.map((st) => ({ id: st.id, title: st.title, description: st.description, date: formatDate(st.happens_on, locale) })),
    facts: facts.map((f) => ({ ...f, sources: f.sources.map((source) => presentSource(source, locals)) })),
    mine: mine?.ok ? mine.value.map((f) => ({ id: f.id, number: f.number, title: f.title, status: f.status, reviewReason: f.reviewReason })) : [],
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, when: time.format(m.starts_at), streamUrl: m.stream_url, agenda: m.agenda, minutes: m.minutes })),
    discuss: view
      ? { consensus: view.consensus.agree.slice(0, 5).map((c) => ({ number: c.number, text: texts[String(c.number)] ?? '' })), divisive: view.divisive.map((d) => ({ number: d.number, text: texts[String(d.number)] ?? '' })) }
      : null,
    conversation: conversation ? { phaseId: conversation.phaseId, participants: view?.nParticipants ?? 0, votes: view?.nVotes ?? 0 } : null,
    recommendations: recommendations.map((r) => ({
      ...r,
      decidedAt: r.decidedAt ? formatDate(r.decidedAt.toISOString().slice(0, 10), locale) : null,
      meeting: meetings.find((m) => m.id === r.meetingId)?.title ?? null,
      statements: r.statements.map((st) => ({ number: st.number, text: texts[String(st.number)] ?? '' })),
      facts: r.facts.map((id) => factNumber.get(id)).filter((n): n is number => n !== undefined),
    })),
  };
};

/** Source rows on the fact form. */
const factSourceRows = 2;

export const actions: Actions = {
  fact: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const { sources, values } = await sourcesFromForm(form, factSourceRows);
    for (const name of ['title', 'body', 'disputes']) values[name] = text(form, name);
    const result = await locals.platform.stakeholders.submitFact(locals.ctx.user, panel.id, { title: values.title, body: values.body, sources, disputes: values.disputes, locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, { ...result, fields: sourceFieldNames(result.fields) }, values);
    return { done: 'stakeholders.fact.sent' as const };
  },
  invite: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = { email: text(form, 'email'), role: text(form, 'role') };
    const result = await locals.platform.stakeholders.invite(locals.ctx.user, panel.id, { ...values, locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.invite.sent' as const };
  },
  recommend: async ({ request, locals, params }) => {
    const { panel } = await panelOf(locals, params.slug);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = { rtitle: text(form, 'rtitle'), rbody: text(form, 'rbody'), statements: text(form, 'statements'), facts: text(form, 'facts'), meetingId: text(form, 'meetingId') };
    const result = await locals.platform.stakeholders.draftRecommendation(locals.ctx.user, panel.id, { title: values.rtitle, body: values.rbody, statements: values.statements, facts: values.facts, meetingId: values.meetingId });
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: f.field === 'title' ? 'rtitle' : f.field === 'body' ? 'rbody' : f.field })) ?? [] }, values);
    return { done: 'stakeholders.recommendation.added' as const };
  },
  decide: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'recommendation');
    const values = { [`reason-${id}`]: text(form, 'reason') };
    const result = await locals.platform.stakeholders.decideRecommendation(locals.ctx.user, id, { decision: text(form, 'decision'), reason: text(form, 'reason') });
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: `${f.field}-${id}` })) ?? [] }, values);
    return { done: 'stakeholders.decide.done' as const };
  },
};
