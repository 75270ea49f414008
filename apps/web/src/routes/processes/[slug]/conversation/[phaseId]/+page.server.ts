import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { voterOf } from '$lib/server/voter';
import { resolveText } from '@tingsted/platform/shared';
import { conversationContracts as c, presentConversation, statementLimits } from '@tingsted/platform/conversations';
import { moderationContracts } from '@tingsted/platform/moderation';

async function conversationOf(locals: App.Locals, slug: string, phaseId: string) {
  const found = await loadProcess(locals, slug);
  const phase = found.process.phases.find((p) => p.id === phaseId && p.method === 'conversation');
  if (!phase) error(404, { message: 'NotFound' });
  const view = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  const conversation = view ? presentConversation(view, locals.ctx.user) : null;
  const title = resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  return { found, phase, conversation, title };
}

/** The conversation a form posts to; someone who may not take part is sent to sign in first. */
async function postedTo(locals: App.Locals, params: { slug: string; phaseId: string }, url: URL) {
  const { conversation } = await conversationOf(locals, params.slug, params.phaseId);
  if (!conversation) error(404, { message: 'NotFound' });
  if (!conversation.can.takePart) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
  return conversation;
}

export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
  const { found, phase, conversation, title } = await conversationOf(locals, params.slug, params.phaseId);
  const base = { signedIn: locals.ctx.user !== null, process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang }, phase: { id: phase.id, title: title.text, lang: title.locale }, maxLength: statementLimits.max };
  if (!conversation) return { ...base, conversation: null, next: null };
  const next = await locals.platform.conversations.nextStatementFor(voterOf(locals, cookies, false), conversation.id);
  // A statement in another language than the reader's offers a machine translation (?translate=1), beside the original.
  const asked = url.searchParams.has('translate');
  const statement = next.ok ? next.value.statement : null;
  const translated = statement ? await locals.platform.conversations.statementTranslation(locals.ctx.user, conversation.id, statement.number, locals.ctx.locale, { translate: asked, assumed: locals.ctx.municipality.defaultLocale }) : null;
  const translation = translated?.ok ? { offered: translated.value.offered, text: translated.value.translation?.text ?? null, failed: asked && translated.value.offered && translated.value.translation === null } : null;
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
      can: conversation.can,
    },
    next: next.ok ? { statement: next.value.statement ? { id: String(next.value.statement.id), number: next.value.statement.number, body: next.value.statement.body, translation } : null, voted: next.value.voted, total: next.value.total } : null,
  };
};

export const actions: Actions = {
  vote: async ({ request, locals, params, cookies, url }) => {
    const conversation = await postedTo(locals, params, url);
    const voter = voterOf(locals, cookies, true);
    const input = readForm(c.castVote, await request.formData(), { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.castVote(voter, conversation.id, { statement: input.value.statement, vote: input.value.vote }) : input;
    if (!result.ok) return formFailure(locals, result);
    return { voted: true };
  },
  statement: async ({ request, locals, params, cookies, url }) => {
    const conversation = await postedTo(locals, params, url);
    const voter = voterOf(locals, cookies, true);
    const form = await request.formData();
    const body = text(form, 'body');
    const input = readForm(c.submitStatement, form, { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.submitStatement(voter, conversation.id, input.value.body) : input;
    if (!result.ok) return formFailure(locals, result, { body });
    return { statementSent: true, awaitingModeration: result.value.awaitingModeration };
  },
  /** A signed-in resident reports the statement shown to the moderators (anonymous voters sign in first). */
  report: async ({ request, locals, params, url }) => {
    const { conversation } = await conversationOf(locals, params.slug, params.phaseId);
    if (!conversation) error(404, { message: 'NotFound' });
    const user = locals.ctx.user;
    if (!user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const input = readForm(moderationContracts.reportContent, form, { type: 'statement', id: text(form, 'targetId') });
    const result = input.ok ? await locals.platform.moderation.reportContent(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { targetId: text(form, 'targetId'), text: text(form, 'text') });
    return { reported: locals.t('reportForm.sent') };
  },
};
