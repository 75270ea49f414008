import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';
import { embedPolicy } from '$lib/server/embed';
import { conversationContracts as c, presentConversation, shownNumber, type Voter } from '@tingsted/platform/conversations';
import { embedToken, embedVoterCookieName, embedVoterCookieOptions, newVisitorToken, problemOf } from '@tingsted/platform/edge';
import { isUuid } from '@tingsted/platform/shared';

// The compact voting page another site frames (docs/decisions/0012-embedded-conversations.md). It acts for an
// anonymous visitor only, never for a signed-in session: the visitor is known by the embed cookie or, where the
// browser drops third-party cookies, by the token the page's form carries.

async function next(locals: App.Locals, id: string, token: string | null, translate: boolean) {
  const voter: Voter = { actor: null, visitorToken: token };
  const found = await locals.platform.conversations.nextStatementFor(voter, id);
  if (!found.ok || !found.value.statement) return { statement: null, voted: found.ok ? found.value.voted : 0, total: found.ok ? found.value.total : 0 };
  const s = found.value.statement;
  const translation = await locals.platform.conversations.statementTranslation(null, id, s.number, locals.ctx.locale, { translate, assumed: locals.ctx.municipality.defaultLocale });
  return {
    statement: { number: s.number, shown: shownNumber(s.number), body: s.body, translation: translation.ok ? { offered: translation.value.offered, text: translation.value.translation?.text ?? null } : null },
    voted: found.value.voted,
    total: found.value.total,
  };
}

async function conversationOf(locals: App.Locals, id: string) {
  if (!isUuid(id)) error(404, { message: 'NotFound' });
  const found = await locals.platform.conversations.getConversation(null, id);
  if (!found.ok) error(404, { message: 'NotFound' });
  return presentConversation(found.value, null);
}

export const load: PageServerLoad = async ({ locals, params, request, url, cookies }) => {
  const policy = await embedPolicy(locals, request, url);
  if (!policy.allowed) return { refused: { origin: policy.origin ?? '' }, conversation: null, next: null, visitor: null };
  const conversation = await conversationOf(locals, params.id);
  const process = await locals.platform.processes.getProcessById(conversation.processId);
  const token = embedToken(cookies.get(embedVoterCookieName(locals.ctx.production)));
  return {
    refused: null,
    conversation: { id: conversation.id, question: conversation.question, open: conversation.open, allowAnonymous: conversation.allowAnonymous, link: process ? `/processes/${process.slug}/conversation/${conversation.phaseId}` : null },
    next: conversation.open && conversation.allowAnonymous ? await next(locals, conversation.id, token, url.searchParams.has('translate')) : null,
    visitor: token,
  };
};

export const actions: Actions = {
  vote: async ({ request, locals, params, url, cookies }) => {
    const policy = await embedPolicy(locals, request, url);
    if (!policy.allowed) return fail(403, { message: locals.t('conversations.embed.refused', { origin: policy.origin ?? '' }) });
    const conversation = await conversationOf(locals, params.id);
    const form = await request.formData();
    const production = locals.ctx.production;
    const token = embedToken(form.get('visitor')) ?? embedToken(cookies.get(embedVoterCookieName(production))) ?? newVisitorToken();
    cookies.set(embedVoterCookieName(production), token, embedVoterCookieOptions());
    const input = readForm(c.castVote, form, { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.castVote({ actor: null, visitorToken: token }, conversation.id, { statement: input.value.statement, vote: input.value.vote }) : input;
    if (!result.ok) {
      const problem = problemOf(locals.ctx.locale, result);
      return fail(problem.status, { message: problem.message, visitor: token, next: await next(locals, conversation.id, token, false) });
    }
    return { voted: true, visitor: token, next: await next(locals, conversation.id, token, false) };
  },
};
