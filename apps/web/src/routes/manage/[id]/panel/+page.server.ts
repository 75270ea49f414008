import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentStaffPanel } from '@tingsted/platform/panels';
import { locales, localeNames } from '@tingsted/platform/i18n';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const processTitle = resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  const found = await locals.platform.panels.panelOfProcess(process.id);
  if (!found) return { process: { id: process.id, slug: process.slug, title: processTitle }, panel: null };
  const result = await locals.platform.panels.getPanelForStaff(locals.ctx.user, found.id);
  if (!result.ok) error(result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  const v = presentStaffPanel(result.value, locals.ctx.user);
  const time = { format: formatsOf(locals).dateTime };
  return {
    process: { id: process.id, slug: process.slug, title: processTitle },
    languages: locales.map((code) => ({ code, name: localeNames[code] })),
    panel: {
      id: v.id,
      title: v.title,
      size: v.size,
      householdRule: v.householdRule,
      approvalPercent: v.approvalPercent,
      endsOn: v.endsOn ?? '',
      deletePoolOn: v.deletePoolOn ?? '',
      consentText: v.consentText,
      quotas: v.quotas,
      hasCategories: v.hasCategories,
      invitationSeed: v.invitationSeed,
      invitationsDrawn: v.invitationsDrawn,
      lotteryHash: v.lotteryHash,
      hashPublished: v.hashPublished,
      hashPublishedAt: v.announcedAt ? time.format(new Date(v.announcedAt)) : null,
      poolHash: v.poolHash,
      seedSource: v.seedSource,
      seedNotBefore: v.seedNotBefore ? time.format(new Date(v.seedNotBefore)) : null,
      drawable: v.seedNotBefore !== null && Date.now() >= new Date(v.seedNotBefore).getTime(),
      publicSeed: v.publicSeed,
      drawnIndex: v.drawnIndex,
      drawn: v.drawn,
      poolDeleted: v.poolDeleted,
    },
    stage: v.stage,
    can: v.can,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, when: `${time.format(new Date(s.startsAt))} – ${time.format(new Date(s.endsAt))}`, mode: s.mode, place: s.place })),
    registerRows: v.registerRows,
    invited: v.invited,
    responded: v.responded,
    byArea: v.byArea,
    poolSize: v.poolSize,
    selection: v.selection,
    members: v.members.map((m) => ({ number: m.number, status: m.status, linked: m.linked, answers: Object.values(m.answers).join(', ') })),
    composition: v.composition,
    replacements: v.replacements.map((r) => ({ dropped: r.dropped, replacement: r.replacement, reason: r.reason, at: time.format(new Date(r.at)) })),
  };
};

async function panelId(locals: App.Locals, processId: string): Promise<string> {
  const found = await locals.platform.panels.panelOfProcess(processId);
  if (!found) error(404, { message: 'NotFound' });
  return found.id;
}

function fileOrText(form: FormData, fileField: string, textField: string): Promise<string> | string {
  const file = form.get(fileField);
  if (file instanceof File && file.size > 0) return file.text();
  return text(form, textField);
}

export const actions: Actions = {
  create: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title') };
    const input = readForm(c.createPanel, form, { id: params.id, locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.panels.createPanel(user, params.id, { title: input.value.title, locale: locals.ctx.locale }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    redirect(303, url.pathname);
  },
  setup: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title'), size: text(form, 'size'), approvalPercent: text(form, 'approvalPercent'), endsOn: text(form, 'endsOn'), deletePoolOn: text(form, 'deletePoolOn'), consentText: text(form, 'consentText') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.updatePanelSetup, form, { id });
    const result = input.ok ? await locals.platform.panels.updateSetup(user, id, { ...input.value, endsOn: input.value.endsOn ?? '', householdRule: input.value.householdRule === true }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  census: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const census = await fileOrText(form, 'censusFile', 'census');
    const id = await panelId(locals, params.id);
    const input = readForm(c.importPanelCensus, form, { id, census });
    const result = input.ok ? await locals.platform.panels.importCensus(user, id, input.value.census) : input;
    if (!result.ok) return formFailure(locals, result, { census });
    return { saved: locals.t('panels.staff.censusImported') };
  },
  quotas: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { quotas: text(form, 'quotas') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.setPanelQuotas, form, { id });
    const result = input.ok ? await locals.platform.panels.setQuotas(user, id, input.value.quotas) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  session: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { sessionTitle: text(form, 'sessionTitle'), startsAt: text(form, 'startsAt'), endsAt: text(form, 'endsAt'), mode: text(form, 'mode'), place: text(form, 'place'), streamUrl: text(form, 'streamUrl'), programme: text(form, 'programme') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.addPanelSession, form, { id });
    const result = input.ok
      ? await locals.platform.panels.addSession(user, id, { ...input.value, title: input.value.sessionTitle, place: input.value.place ?? '', streamUrl: input.value.streamUrl ?? '', programme: input.value.programme ?? '' })
      : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  removeSession: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const id = await panelId(locals, params.id);
    const input = readForm(c.removePanelSession, form, { id });
    const result = input.ok ? await locals.platform.panels.removeSession(user, id, input.value.sessionId) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  register: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const register = await fileOrText(form, 'registerFile', 'register');
    const id = await panelId(locals, params.id);
    const input = readForm(c.importPanelRegister, form, { id, register });
    const result = input.ok ? await locals.platform.panels.importRegister(user, id, input.value.register) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('panels.staff.registerImported', { rows: result.value.rows, areas: result.value.areas }) };
  },
  invite: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { count: text(form, 'count'), seed: text(form, 'seed') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.drawPanelInvitations, form, { id });
    const result = input.ok ? await locals.platform.panels.drawInvitations(user, id, { count: input.value.count, seed: input.value.seed ?? '', stratify: input.value.stratify === true }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.staff.invited', { count: result.value.invited, seed: result.value.seed }) };
  },
  select: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.panels.startSelection(user, await panelId(locals, params.id));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('panels.staff.selectionStarted') };
  },
  relax: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.panels.applyRelaxation(user, await panelId(locals, params.id));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  announce: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { seedSource: text(form, 'seedSource'), seedNotBefore: text(form, 'seedNotBefore'), diceRoll: text(form, 'diceRoll') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.announcePanelDraw, form, { id });
    const result = input.ok ? await locals.platform.panels.announceDraw(user, id, { ...input.value, diceRoll: input.value.diceRoll ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.drawing.announced', { notBefore: formatsOf(locals).dateTime(new Date(result.value.notBefore)) }) };
  },
  draw: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { seedValue: text(form, 'seedValue') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.drawPanel, form, { id });
    const result = input.ok ? await locals.platform.panels.drawPanel(user, id, input.value.seedValue) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.staff.drawn', { index: result.value.index }) };
  },
  confirm: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const id = await panelId(locals, params.id);
    const input = readForm(c.confirmPanelSeatByStaff, form, { id });
    const result = input.ok ? await locals.platform.panels.confirmByStaff(user, id, input.value.number, input.value.accountEmail ?? '') : input;
    if (!result.ok) return formFailure(locals, result);
    // The member links their account with this link (also e-mailed when they gave an address).
    return { saved: result.value.link ? locals.t('panelMembers.seatLink', { link: `${url.origin}${result.value.link}` }) : locals.t('manage.saved') };
  },
  replace: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { number: text(form, 'number'), reason: text(form, 'reason') };
    const id = await panelId(locals, params.id);
    const input = readForm(c.replacePanelMember, form, { id });
    const result = input.ok ? await locals.platform.panels.replaceMember(user, id, { number: input.value.number, reason: input.value.reason ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.staff.replaced', { dropped: values.number, replacement: result.value.replacement }) };
  },
};
