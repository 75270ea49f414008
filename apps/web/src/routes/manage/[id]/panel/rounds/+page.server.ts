import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { panelContracts as c } from '@tingsted/platform/panels';
import { formatsOf } from '$lib/format';

// Invitation rounds: registered against the quotas, the next round's numbers per stratum (proposed, staff
// adjust), its letters' reply date and contact, the rounds drawn with their letters and reserve. The API's
// contracts (panelRoundPlan, drawPanelInvitationRound, releasePanelReserve, panelRoundLetters).
async function panelOf(locals: App.Locals, processId: string) {
  const process = await locals.platform.processes.getProcessById(processId);
  if (!process) error(404, { message: 'NotFound' });
  const panel = await locals.platform.panels.panelOfProcess(process.id);
  if (!panel) error(404, { message: 'NotFound' });
  return { process, panel };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const { process, panel } = await panelOf(locals, params.id);
  const letters = url.searchParams.get('letters') ?? '';
  const reserve = url.searchParams.get('reserve') ?? '';
  // A round aimed at one group (the census's outreach alert links here with its area and age band).
  const aim = { area: url.searchParams.get('area') ?? '', ageBand: url.searchParams.get('ageBand') ?? '' };
  const plan = await locals.platform.panels.roundPlan(user, panel.id, { letters, reserve, aim });
  if (!plan.ok) error(plan.code === 'NotFound' ? 404 : 403, { message: plan.code });
  const time = formatsOf(locals).dateTime;
  return {
    process: { id: process.id, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    panel: { id: panel.id, title: panel.title },
    totals: { letters, reserve },
    aim,
    plan: { ...plan.value, rounds: plan.value.rounds.map((r) => ({ ...r, drawnAt: time(new Date(r.drawnAt)) })) },
  };
};

export const actions: Actions = {
  draw: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const rows = Number(text(form, 'rows'));
    const strata = Array.from({ length: Number.isInteger(rows) && rows > 0 && rows <= 10_000 ? rows : 0 }, (_, i) => ({
      area: text(form, `area.${i}`),
      ageBand: text(form, `ageBand.${i}`),
      sex: text(form, `sex.${i}`),
      count: text(form, `count.${i}`),
      reserve: text(form, `reserve.${i}`),
    }));
    const values: Record<string, string> = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'csrf'));
    // The schema checks the shape of the other fields; the numbers per stratum are checked by the service,
    // which names each field (count.<row>, reserve.<row>).
    const input = readForm(c.drawPanelInvitationRound, form, { id: panel.id, strata: [] });
    const result = input.ok ? await locals.platform.panels.drawInvitationRound(user, panel.id, { ...input.value, strata }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.rounds.drawn', { round: result.value.round, invited: result.value.invited, reserve: result.value.reserve, seed: result.value.seed }) };
  },
  release: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const input = readForm(c.releasePanelReserve, form, { id: panel.id });
    const result = input.ok ? await locals.platform.panels.releaseRoundReserve(user, panel.id, { round: input.value.round, count: input.value.count }) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('panels.rounds.released', { released: result.value.released }) };
  },
};
