import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { panelContracts as c } from '@tingsted/platform/panels';
import { formatsOf } from '$lib/format';

// A panel's members and decisions: who administers it, its quorum, a registration session for an event,
// and seats confirmed by staff (with the account linked, or a link to hand over). The API's contracts.
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
  const [admins, staff] = await Promise.all([locals.platform.panels.listAdministrators(user, panel.id), locals.platform.panels.getPanelForStaff(user, panel.id)]);
  if (!admins.ok) error(admins.code === 'NotFound' ? 404 : 403, { message: admins.code });
  if (!staff.ok) error(staff.code === 'NotFound' ? 404 : 403, { message: staff.code });
  const time = formatsOf(locals).dateTime;
  // Before the draw there are no members yet: the hint counts the seats to fill.
  const members = staff.value.members.length || staff.value.panel.size;
  const until = staff.value.panel.registration_session_until;
  return {
    process: { id: process.id, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    panel: { id: panel.id, title: panel.title },
    named: admins.value.named.map((a) => ({ ...a, addedAt: time(a.addedAt) })),
    canName: admins.value.canName,
    quorum: staff.value.panel.quorum,
    members,
    defaultQuorum: Math.ceil((2 * members) / 3),
    sessionUntil: until && until > new Date() ? time(until) : null,
    seats: staff.value.members.map((m) => ({ number: m.number, status: m.status, linked: m.linked })),
  };
};

export const actions: Actions = {
  add: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const input = readForm(c.addPanelAdministrator, form, { id: panel.id });
    const result = input.ok ? await locals.platform.panels.addAdministrator(user, panel.id, input.value.email) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  remove: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const input = readForm(c.removePanelAdministrator, await request.formData(), { id: panel.id });
    const result = input.ok ? await locals.platform.panels.removeAdministrator(user, panel.id, input.value.userId) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  quorum: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const values = { quorum: text(form, 'quorum') };
    const input = readForm(c.setPanelQuorum, form, { id: panel.id });
    const result = input.ok ? await locals.platform.panels.setQuorum(user, panel.id, input.value.quorum ?? '') : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  session: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const values = { hours: text(form, 'hours') };
    const input = readForm(c.setPanelRegistrationSession, form, { id: panel.id });
    const result = input.ok ? await locals.platform.panels.setRegistrationSession(user, panel.id, input.value.hours) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  seat: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel } = await panelOf(locals, params.id);
    const form = await request.formData();
    const values = { number: text(form, 'number'), accountEmail: text(form, 'accountEmail') };
    const input = readForm(c.confirmPanelSeatByStaff, form, { id: panel.id });
    const result = input.ok ? await locals.platform.panels.confirmByStaff(user, panel.id, input.value.number, input.value.accountEmail ?? '') : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: result.value.link ? locals.t('panelMembers.seatLink', { link: `${url.origin}${result.value.link}` }) : locals.t('panelMembers.seatLinked') };
  },
};
