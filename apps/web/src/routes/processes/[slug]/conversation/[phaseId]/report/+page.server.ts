import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { formatsOf } from '$lib/format';
import { resolveText } from '@tingsted/platform/shared';
import { conversationContracts as c, type ReportStatement } from '@tingsted/platform/conversations';

async function conversationOf(locals: App.Locals, slug: string, phaseId: string) {
  const found = await loadProcess(locals, slug);
  const phase = found.process.phases.find((p) => p.id === phaseId && p.method === 'conversation');
  if (!phase) error(404, { message: 'NotFound' });
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  if (!conversation) error(404, { message: 'NotFound' });
  return { found, phase, conversation };
}

// The report a facilitator hands to a council: a read of one stored result revision (?revision= opens an older one).
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { found, phase, conversation } = await conversationOf(locals, params.slug, params.phaseId);
  const title = resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  const asked = url.searchParams.get('revision');
  const revision = asked !== null && /^\d{1,9}$/.test(asked) && Number(asked) >= 1 ? Number(asked) : null;
  const result = await locals.platform.conversations.conversationReport(locals.ctx.user, conversation.id, revision);
  const base = { process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang }, phase: { id: phase.id, title: title.text, lang: title.locale }, question: conversation.question };
  if (!result.ok) {
    if (result.code === 'NotFound' && revision !== null) error(404, { message: 'NotFound' });
    return { ...base, report: null, unavailable: result.code === 'Forbidden' ? ('notYet' as const) : ('noResult' as const) };
  }
  const f = formatsOf(locals);
  const t = locals.t;
  const figure = (s: ReportStatement) =>
    s.side === null
      ? t('conversations.report.totals', { agree: f.number(s.totals[0]), disagree: f.number(s.totals[1]), pass: f.number(s.totals[2]) })
      : t(s.side === 'agree' ? 'conversations.report.agreed' : 'conversations.report.disagreed', { count: f.number(s.count), seen: f.number(s.seen), percent: f.percent(s.seen === 0 ? 0 : s.count / s.seen) });
  const cite = (s: ReportStatement) => ({ number: s.number, text: s.text, figure: figure(s) });
  const r = result.value;
  return {
    ...base,
    unavailable: null,
    report: {
      id: r.conversation.id,
      revision: r.revision,
      latestRevision: r.latestRevision,
      computedAt: f.dateTime(r.computedAt),
      revisions: r.revisions.map((x) => ({ revision: x.revision, computedAt: f.dateTime(x.computedAt) })),
      closed: r.closed,
      publishedAt: r.publishedAt ? f.date(r.publishedAt) : null,
      participation: {
        summary: t('conversations.report.participationSummary', { participants: f.number(r.participation.participants), votes: f.number(r.participation.votes), inGroups: f.number(r.participation.inGroups) }),
        days: r.participation.days.map((d) => ({ day: f.date(d.day), votes: d.votes, newParticipants: d.newParticipants })),
      },
      map: r.map,
      groups: r.groups.map((g) => ({ label: g.label, size: g.size, statements: g.statements.map(cite) })),
      consensus: r.consensus.map(cite),
      divisive: r.divisive.map(cite),
      bridging: r.bridging.map(cite),
      moderation: r.moderation,
      method: r.method,
      licence: r.licence,
      source: r.source,
      exports: r.exports,
      can: r.can,
    },
  };
};

export const actions: Actions = {
  /** A process manager publishes the report before the phase closes, or withdraws that. */
  publish: async ({ request, locals, params }) => {
    const { conversation } = await conversationOf(locals, params.slug, params.phaseId);
    const input = readForm(c.publishReport, await request.formData(), { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.publishReport(locals.ctx.user, conversation.id, input.value.published) : input;
    if (!result.ok) return formFailure(locals, result);
    return { published: input.ok && input.value.published };
  },
};
