import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { presentSource } from '$lib/server/fact-sources';
import { formFailure, text } from '$lib/server/forms';
import { formatDate } from '$lib/server/present';
import { resolveText } from '@tingsted/platform/shared';

async function phaseOf(locals: App.Locals, processId: string, phaseId: string) {
  const process = await locals.platform.processes.getProcessById(processId);
  const phase = process?.phases.find((p) => p.id === phaseId && p.method === 'stakeholders');
  if (!process || !phase) error(404, { message: 'NotFound' });
  return { process, phase, panel: (await locals.platform.stakeholders.panelForPhase(phase.id)) ?? null };
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { process, phase, panel } = await phaseOf(locals, params.id, params.phaseId);
  const chain = panel ? await locals.platform.stakeholders.invitationChain(locals.ctx.user, panel.id) : null;
  const facts = panel ? await locals.platform.stakeholders.factsForReview(locals.ctx.user, panel.id) : null;
  const meetings = panel ? await locals.platform.stakeholders.meetings(panel.id) : [];
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    phase: { id: phase.id, title: resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    panel: panel ? { id: panel.id, inviteLimit: panel.invite_limit } : null,
    chain: chain?.ok ? chain.value : [],
    review: facts?.ok ? facts.value.filter((f) => f.status === 'submitted').map((f) => ({ ...f, sources: f.sources.map((source) => presentSource(source, locals)) })) : [],
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, date: formatDate(m.starts_at.toISOString().slice(0, 10), locals.ctx.locale), minutes: m.minutes })),
  };
};

function form2<K extends string>(values: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, text(values, n)])) as Record<K, string>;
}

export const actions: Actions = {
  panel: async ({ request, locals, params }) => {
    const values = form2(await request.formData(), ['inviteLimit'] as const);
    const result = await locals.platform.stakeholders.setUpPanel(locals.ctx.user, params.phaseId, values);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.panel.saved' as const };
  },
  invite: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const values = form2(await request.formData(), ['email', 'role'] as const);
    const result = await locals.platform.stakeholders.invite(locals.ctx.user, panel.id, { ...values, locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.invite.sent' as const };
  },
  review: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'fact');
    const result = await locals.platform.stakeholders.reviewFact(locals.ctx.user, id, { decision: text(form, 'decision'), reason: text(form, 'reason') });
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: `${f.field}-${id}` })) ?? [] }, { [`reason-${id}`]: text(form, 'reason') });
    return { done: 'stakeholders.manage.reviewed' as const };
  },
  step: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const values = form2(await request.formData(), ['stepTitle', 'happensOn', 'stepDescription'] as const);
    const result = await locals.platform.stakeholders.addStep(locals.ctx.user, panel.id, { title: values.stepTitle, happensOn: values.happensOn, description: values.stepDescription });
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: f.field === 'title' ? 'stepTitle' : f.field === 'description' ? 'stepDescription' : f.field })) ?? [] }, values);
    return { done: 'stakeholders.manage.done' as const };
  },
  meeting: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const values = form2(await request.formData(), ['meetingTitle', 'startsAt', 'streamUrl', 'agenda'] as const);
    const result = await locals.platform.stakeholders.scheduleMeeting(locals.ctx.user, panel.id, { title: values.meetingTitle, startsAt: values.startsAt, streamUrl: values.streamUrl, agenda: values.agenda });
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: f.field === 'title' ? 'meetingTitle' : f.field })) ?? [] }, values);
    return { done: 'stakeholders.manage.done' as const };
  },
  minutes: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'meeting');
    const result = await locals.platform.stakeholders.recordMinutes(locals.ctx.user, id, text(form, 'minutes'));
    if (!result.ok) return formFailure(locals, { ...result, fields: result.fields?.map((f) => ({ ...f, field: `${f.field}-${id}` })) ?? [] });
    return { done: 'stakeholders.manage.done' as const };
  },
};
