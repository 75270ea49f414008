import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { statusLabels } from '$lib/server/labels';
import { formatsOf } from '$lib/format';
import { proposalContracts } from '@tingsted/platform/proposals';
import { resolveText } from '@tingsted/platform/shared';

const stages = ['collecting', 'submitted', 'answered', 'expired'] as const;
type StageFilter = (typeof stages)[number];

/** The process's proposals phase named by `?phase=`, else its open one, else its first; 404 when it has none. */
async function proposalsPhase(locals: App.Locals, slug: string, wanted: string | null) {
  const found = await loadProcess(locals, slug);
  const phases = found.process.phases.filter((p) => p.method === 'proposals');
  const phase = phases.find((p) => p.id === wanted) ?? phases.find((p) => p.state === 'open') ?? phases[0];
  if (!phase) error(404, { message: 'NotFound' });
  return { found, phase };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { found, phase } = await proposalsPhase(locals, params.slug, url.searchParams.get('phase'));
  const stageParam = url.searchParams.get('stage');
  const stage = (stages as readonly string[]).includes(stageParam ?? '') ? (stageParam as StageFilter) : undefined;
  const [listed, settings] = await Promise.all([
    locals.platform.proposals.proposalsOf(locals.ctx.user, { phaseId: phase.id, stage }),
    locals.platform.proposals.proposalSettingsOf(locals.ctx.user, { phaseId: phase.id }),
  ]);
  if (!listed.ok || !settings.ok) error(404, { message: 'NotFound' });
  const f = formatsOf(locals);
  const title = resolveText(phase.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: title.text, lang: title.locale, state: phase.state },
    stage: stage ?? null,
    stages,
    open: listed.value.open,
    can: listed.value.can,
    signedIn: locals.ctx.user !== null,
    settings: settings.value,
    areas: locals.ctx.municipality.areas,
    statusLabels: await statusLabels(locals),
    proposals: listed.value.proposals.map((p) => ({
      ...p,
      deadlineText: p.deadline ? f.dateTime(p.deadline) : null,
      answerDueText: p.answerDue ? f.date(p.answerDue) : null,
      signaturesText: f.number(p.signatures),
    })),
  };
};

function signedIn(event: RequestEvent) {
  const user = event.locals.ctx.user;
  if (!user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return user;
}

export const actions: Actions = {
  draft: async (event) => {
    const user = signedIn(event);
    const { phase } = await proposalsPhase(event.locals, event.params.slug, event.url.searchParams.get('phase'));
    const form = await event.request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body'), decision: text(form, 'decision'), area: text(form, 'area') };
    const input = readForm(proposalContracts.draftProposal, form, { phaseId: phase.id });
    const result = input.ok ? await event.locals.platform.proposals.draftProposal(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    redirect(303, `/processes/${event.params.slug}/proposals/${result.value.id}?drafted=1`);
  },
  settings: async (event) => {
    const user = signedIn(event);
    const { phase } = await proposalsPhase(event.locals, event.params.slug, event.url.searchParams.get('phase'));
    const form = await event.request.formData();
    const values = { threshold: text(form, 'threshold'), signingDays: text(form, 'signingDays'), answerDays: text(form, 'answerDays'), minAge: text(form, 'minAge') };
    const minAge = values.minAge.trim() === '' ? null : Number(values.minAge);
    const input = readForm(proposalContracts.setProposalSettings, form, { phaseId: phase.id, minAge });
    const result = input.ok ? await event.locals.platform.proposals.setProposalSettings(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    return { done: event.locals.t('prop.settingsSaved') };
  },
};
