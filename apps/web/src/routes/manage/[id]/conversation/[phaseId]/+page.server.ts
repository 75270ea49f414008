import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { resolveText } from '@tingsted/platform/shared';

async function phaseOf(locals: App.Locals, processId: string, phaseId: string) {
  const process = await locals.platform.processes.getProcessById(processId);
  const phase = process?.phases.find((p) => p.id === phaseId && p.method === 'conversation');
  if (!process || !phase) error(404, { message: 'NotFound' });
  return { process, phase };
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { process, phase } = await phaseOf(locals, params.id, params.phaseId);
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, phase.id);
  const statements = conversation ? await locals.platform.conversations.listStatements(locals.ctx.user, conversation.id) : null;
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    phase: { id: phase.id, title: resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    conversation,
    statements: statements?.ok ? statements.value.map((s) => ({ id: s.id, number: s.number, body: s.body, moderation: s.moderation, isSeed: s.isSeed })) : [],
  };
};

export const actions: Actions = {
  settings: async ({ request, locals, params }) => {
    const form = await request.formData();
    const values = { question: text(form, 'question'), description: text(form, 'description') };
    const result = await locals.platform.conversations.setUpConversation(locals.ctx.user, params.phaseId, {
      ...values,
      allowAnonymous: form.get('allowAnonymous'),
      allowStatements: form.get('allowStatements') ?? 'off',
      preModeration: form.get('preModeration'),
      closed: form.get('closed'),
    });
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'conversations.manage.saved' as const };
  },
  seed: async ({ request, locals, params }) => {
    const form = await request.formData();
    const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, params.phaseId);
    if (!conversation) error(404, { message: 'NotFound' });
    const body = text(form, 'body');
    const result = await locals.platform.conversations.addSeedStatement(locals.ctx.user, conversation.id, body);
    if (!result.ok) return formFailure(locals, result, { body });
    return { done: 'conversations.manage.saved' as const };
  },
  moderate: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.platform.conversations.moderateStatement(locals.ctx.user, Number(text(form, 'statement')), text(form, 'decision'));
    if (!result.ok) return formFailure(locals, result);
    return { done: 'conversations.manage.saved' as const };
  },
  import: async ({ request, locals, params }) => {
    const form = await request.formData();
    const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, params.phaseId);
    if (!conversation) error(404, { message: 'NotFound' });
    const file = async (name: string) => {
      const value = form.get(name);
      return value instanceof File && value.size > 0 ? await value.text() : undefined;
    };
    const result = await locals.platform.conversations.importPolis(locals.ctx.user, conversation.id, {
      comments: await file('comments'),
      votes: await file('votes'),
      participantsVotes: await file('participantsVotes'),
      summary: await file('summary'),
    });
    if (!result.ok) return formFailure(locals, result);
    return { imported: result.value };
  },
};
