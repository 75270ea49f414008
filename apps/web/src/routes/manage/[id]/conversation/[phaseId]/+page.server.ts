import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { resolveText } from '@tingsted/platform/shared';
import { conversationContracts as c, presentConversation } from '@tingsted/platform/conversations';

async function phaseOf(locals: App.Locals, processId: string, phaseId: string) {
  const process = await locals.platform.processes.getProcessById(processId);
  const phase = process?.phases.find((p) => p.id === phaseId && p.method === 'conversation');
  if (!process || !phase) error(404, { message: 'NotFound' });
  return { process, phase };
}

/** The conversation of the phase a form posts to (404 before it is set up). */
async function conversationOf(locals: App.Locals, phaseId: string) {
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phaseId);
  if (!conversation) error(404, { message: 'NotFound' });
  return conversation;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { process, phase } = await phaseOf(locals, params.id, params.phaseId);
  const view = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  const statements = view ? await locals.platform.conversations.listStatements(locals.ctx.user, view.id) : null;
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    phase: { id: phase.id, title: resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    conversation: view ? presentConversation(view, locals.ctx.user) : null,
    statements: statements?.ok ? statements.value.map((s) => ({ id: s.id, number: s.number, body: s.body, moderation: s.moderation, isSeed: s.isSeed })) : [],
  };
};

export const actions: Actions = {
  settings: async ({ request, locals, params }) => {
    const form = await request.formData();
    const values = { question: text(form, 'question'), description: text(form, 'description'), minVotes: text(form, 'minVotes'), minGroupSize: text(form, 'minGroupSize') };
    const input = readForm(c.setUpConversation, form, { phaseId: params.phaseId });
    const result = input.ok ? await locals.platform.conversations.setUpConversation(locals.ctx.user, params.phaseId, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'conversations.manage.saved' as const };
  },
  seed: async ({ request, locals, params }) => {
    const form = await request.formData();
    const conversation = await conversationOf(locals, params.phaseId);
    const body = text(form, 'body');
    const input = readForm(c.addSeedStatement, form, { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.addSeedStatement(locals.ctx.user, conversation.id, input.value.body) : input;
    if (!result.ok) return formFailure(locals, result, { body });
    return { done: 'conversations.manage.saved' as const };
  },
  moderate: async ({ request, locals, params }) => {
    const form = await request.formData();
    const conversation = await conversationOf(locals, params.phaseId);
    const input = readForm(c.moderateStatement, form, { id: conversation.id });
    const result = input.ok ? await locals.platform.conversations.moderateStatementNumber(locals.ctx.user, conversation.id, input.value.number, input.value.decision) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: 'conversations.manage.saved' as const };
  },
  import: async ({ request, locals, params }) => {
    const form = await request.formData();
    const conversation = await conversationOf(locals, params.phaseId);
    // The four files come as uploads; the contract (as the API's JSON body) takes their text.
    const files: Record<string, string> = {};
    for (const name of ['comments', 'votes', 'participantsVotes', 'summary']) {
      const value = form.get(name);
      if (value instanceof File && value.size > 0) files[name] = await value.text();
    }
    const input = readForm(c.importPolis, form, { id: conversation.id, ...files });
    const result = input.ok ? await locals.platform.conversations.importPolis(locals.ctx.user, conversation.id, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { imported: result.value };
  },
};
