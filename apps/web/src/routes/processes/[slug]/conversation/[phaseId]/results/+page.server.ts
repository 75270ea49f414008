import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadProcess } from '$lib/server/process';
import { voterOf } from '$lib/server/voter';
import { resolveText } from '@tingsted/platform/shared';

// Reads only what the recompute stored (map geometry, groups, statements' texts): no computing on a page view.
export const load: PageServerLoad = async ({ locals, params, cookies }) => {
  const found = await loadProcess(locals, params.slug);
  const phase = found.process.phases.find((p) => p.id === params.phaseId && p.method === 'conversation');
  if (!phase) error(404, { message: 'NotFound' });
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  if (!conversation) error(404, { message: 'NotFound' });
  const [results, statements, stand] = await Promise.all([
    locals.platform.conversations.results(locals.ctx.user, conversation.id),
    locals.platform.conversations.listStatements(null, conversation.id),
    locals.platform.conversations.whereDoIStand(voterOf(locals, cookies, false), conversation.id),
  ]);
  const title = resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  const texts: Record<string, string> = {};
  if (statements.ok) for (const s of statements.value) texts[String(s.number)] = s.body;
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: title.text, lang: title.locale },
    conversation: { id: conversation.id, question: conversation.question, source: conversation.source, minGroupSize: conversation.minGroupSize },
    // The page needs neither the routing priorities nor the map transform: leave them out of the page data.
    view: results.ok && results.value.view ? (({ priorities: _p, place: _t, ...rest }) => rest)(results.value.view) : null,
    texts,
    stand: stand.ok ? stand.value : null,
  };
};
