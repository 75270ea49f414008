import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { presentSource } from '$lib/server/fact-sources';
import { formFailure, readForm, text } from '$lib/server/forms';
import { renameFields } from '@tingsted/platform/edge';
import { stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { resolveText } from '@tingsted/platform/shared';
import { formatsOf } from '$lib/format';

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
    panel: panel ? { id: panel.id, inviteLimit: panel.invite_limit, support: await locals.platform.stakeholders.supportThresholdOf(panel.id) } : null,
    chain: chain?.ok ? chain.value : [],
    review: facts?.ok ? facts.value.filter((f) => f.status === 'submitted').map((f) => ({ ...f, sources: f.sources.map((source) => presentSource(source, locals)) })) : [],
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, date: formatsOf(locals).dateTime(m.starts_at), minutes: m.minutes })),
  };
};

function form2<K extends string>(values: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, text(values, n)])) as Record<K, string>;
}

export const actions: Actions = {
  panel: async ({ request, locals, params }) => {
    const form = await request.formData();
    const values = form2(form, ['inviteLimit'] as const);
    const { phase } = await phaseOf(locals, params.id, params.phaseId);
    const input = readForm(c.setUpPanel, form, { phaseId: phase.id });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.setUpPanel(locals.ctx.user, input.value.phaseId, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.panel.saved' as const };
  },
  invite: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = form2(form, ['email', 'role'] as const);
    const input = readForm(c.invite, form, { panelId: panel.id, locale: locals.ctx.locale });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.invite(locals.ctx.user, panel.id, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.invite.sent' as const };
  },
  review: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'fact');
    const values = { [`reason-${id}`]: text(form, 'reason') };
    const perFact = { factId: `decision-${id}`, decision: `decision-${id}`, reason: `reason-${id}` };
    // An unchosen decision is refused as invalid (not as missing), as the radio buttons ask for one of three.
    const input = readForm(c.reviewFact, form, { factId: id, decision: text(form, 'decision') });
    if (!input.ok) return formFailure(locals, renameFields(input, perFact), values);
    const { factId, ...review } = input.value;
    const result = await locals.platform.stakeholders.reviewFact(locals.ctx.user, factId, review);
    if (!result.ok) return formFailure(locals, renameFields(result, perFact), values);
    return { done: 'stakeholders.manage.reviewed' as const };
  },
  step: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = form2(form, ['stepTitle', 'happensOn', 'stepDescription'] as const);
    const names = { title: 'stepTitle', description: 'stepDescription' };
    const input = readForm(c.addStep, form, { panelId: panel.id, title: values.stepTitle, description: values.stepDescription });
    if (!input.ok) return formFailure(locals, renameFields(input, names), values);
    const result = await locals.platform.stakeholders.addStep(locals.ctx.user, panel.id, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, names), values);
    return { done: 'stakeholders.manage.done' as const };
  },
  meeting: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = form2(form, ['meetingTitle', 'startsAt', 'streamUrl', 'place', 'agenda'] as const);
    const input = readForm(c.scheduleMeeting, form, { panelId: panel.id, title: values.meetingTitle });
    if (!input.ok) return formFailure(locals, renameFields(input, { title: 'meetingTitle' }), values);
    const result = await locals.platform.stakeholders.scheduleMeeting(locals.ctx.user, panel.id, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, { title: 'meetingTitle' }), values);
    return { done: 'stakeholders.manage.done' as const };
  },
  threshold: async ({ request, locals, params }) => {
    const { panel } = await phaseOf(locals, params.id, params.phaseId);
    if (!panel) error(404, { message: 'NotFound' });
    const form = await request.formData();
    const values = form2(form, ['kind', 'value'] as const);
    // An unchosen kind is refused as invalid (not as missing): the radio buttons ask for one of two.
    const input = readForm(c.setSupportThreshold, form, { panelId: panel.id, kind: values.kind });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.setSupportThreshold(locals.ctx.user, panel.id, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'recommendations.threshold.saved' as const };
  },
  minutes: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'meeting');
    const perMeeting = { meetingId: `minutes-${id}`, minutes: `minutes-${id}` };
    const input = readForm(c.recordMinutes, form, { meetingId: id });
    if (!input.ok) return formFailure(locals, renameFields(input, perMeeting));
    const result = await locals.platform.stakeholders.recordMinutes(locals.ctx.user, input.value.meetingId, input.value.minutes);
    if (!result.ok) return formFailure(locals, renameFields(result, perMeeting));
    return { done: 'stakeholders.manage.done' as const };
  },
};
