import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { resolveText } from '@tingsted/platform/shared';
import { statementLimits, type Voter } from '@tingsted/platform/conversations';
import { voterCookie, voterCookieName } from '@tingsted/platform/edge';

function voter(locals: App.Locals, cookies: Cookies, create: boolean): Voter {
  const production = locals.ctx.production;
  const { token, set } = voterCookie({ production, signedIn: locals.ctx.user !== null, existing: cookies.get(voterCookieName(production)), create });
  if (set) cookies.set(set.name, set.value, set.options);
  return { actor: locals.ctx.user, visitorToken: token };
}

async function conversationOf(locals: App.Locals, slug: string, phaseId: string) {
  const found = await loadProcess(locals, slug);
  const phase = found.process.phases.find((p) => p.id === phaseId && p.method === 'conversation');
  if (!phase) error(404, { message: 'NotFound' });
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  const title = resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  return { found, phase, conversation, title };
}

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
  const { found, phase, conversation, title } = await conversationOf(locals, params.slug, params.phaseId);
  const base = { signedIn: locals.ctx.user !== null, process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang }, phase: { id: phase.id, title: title.text, lang: title.locale }, maxLength: statementLimits.max };
  if (!conversation) return { ...base, conversation: null, next: null };
  const next = await locals.platform.conversations.nextStatementFor(voter(locals, cookies, false), conversation.id);
  return {
    ...base,
    conversation: {
      id: conversation.id,
      question: conversation.question,
      description: conversation.description,
      open: conversation.open,
      allowStatements: conversation.allowStatements,
      allowAnonymous: conversation.allowAnonymous,
      source: conversation.source,
    },
    canTakePart: locals.ctx.user !== null || conversation.allowAnonymous,
    next: next.ok ? { statement: next.value.statement ? { number: next.value.statement.number, body: next.value.statement.body } : null, voted: next.value.voted, total: next.value.total } : null,
  };
};

export const actions: Actions = {
  vote: async ({ request, locals, params, cookies, url }) => {
    const { conversation } = await conversationOf(locals, params.slug, params.phaseId);
    if (!conversation) error(404, { message: 'NotFound' });
    if (!locals.ctx.user && !conversation.allowAnonymous) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const result = await locals.platform.conversations.castVote(voter(locals, cookies, true), conversation.id, { statement: text(form, 'statement'), vote: text(form, 'vote') });
    if (!result.ok) return formFailure(locals, result);
    return { voted: true };
  },
  statement: async ({ request, locals, params, cookies, url }) => {
    const { conversation } = await conversationOf(locals, params.slug, params.phaseId);
    if (!conversation) error(404, { message: 'NotFound' });
    if (!locals.ctx.user && !conversation.allowAnonymous) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const body = text(form, 'body');
    const result = await locals.platform.conversations.submitStatement(voter(locals, cookies, true), conversation.id, body);
    if (!result.ok) return formFailure(locals, result, { body });
    return { statementSent: true, awaitingModeration: result.value.awaitingModeration };
  },
};
