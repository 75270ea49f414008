import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { quotasText } from '@tingsted/platform/panels';
import { locales, localeNames } from '@tingsted/platform/i18n';

export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const processTitle = resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  const found = await locals.platform.panels.panelOfProcess(process.id);
  if (!found) return { process: { id: process.id, slug: process.slug, title: processTitle }, panel: null };
  const result = await locals.platform.panels.getPanelForStaff(locals.ctx.user, found.id);
  if (!result.ok) error(result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  const v = result.value;
  const time = new Intl.DateTimeFormat(locals.ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  const selection = v.panel.selection;
  return {
    process: { id: process.id, slug: process.slug, title: processTitle },
    languages: locales.map((code) => ({ code, name: localeNames[code] })),
    panel: {
      id: v.panel.id,
      title: v.panel.title,
      size: v.panel.size,
      householdRule: v.panel.household_rule,
      approvalPercent: v.panel.approval_percent,
      endsOn: v.panel.ends_on ?? '',
      deletePoolOn: v.panel.delete_pool_on ?? '',
      consentText: v.panel.consent_text,
      quotas: quotasText(v.panel.categories),
      hasCategories: v.panel.categories.length > 0,
      invitationSeed: v.panel.invitation_seed,
      invitationsDrawn: v.panel.invitations_drawn_at !== null,
      lotteryHash: v.panel.lottery_hash,
      hashPublished: v.panel.hash_published_at !== null,
      publicSeed: v.panel.public_seed,
      drawnIndex: v.panel.drawn_index,
      drawn: v.panel.drawn_at !== null,
      poolDeleted: v.panel.pool_deleted_at !== null,
    },
    stage: v.stage,
    administrator: v.administrator,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, when: `${time.format(s.starts_at)} – ${time.format(s.ends_at)}`, mode: s.mode, place: s.place })),
    registerRows: v.registerRows,
    invited: v.invited,
    responded: v.responded,
    byArea: v.byArea,
    poolSize: v.poolSize,
    selection: selection
      ? selection.state === 'ready'
        ? { state: selection.state, minProbability: selection.minProbability, maxProbability: selection.maxProbability, m: selection.m, seconds: selection.seconds, poolSize: selection.poolSize }
        : selection.state === 'infeasible'
          ? { state: selection.state, relaxation: selection.relaxation }
          : selection.state === 'failed'
            ? { state: selection.state, detail: selection.detail }
            : { state: selection.state, progress: progressText(selection.progress) }
      : null,
    members: v.members.map((m) => ({ number: m.number, status: m.status, linked: m.linked, answers: Object.values(m.answers).join(', ') })),
    composition: v.composition,
    replacements: v.replacements.map((r) => ({ dropped: r.dropped_number, replacement: r.replacement_number, reason: r.reason, at: time.format(r.at) })),
  };
};

/** The solver's last progress report ({"phase":…,"seconds":…}) as phase and elapsed seconds. */
function progressText(progress: string): { phase: string; seconds: number } | null {
  try {
    const parsed = JSON.parse(progress) as { phase?: unknown; seconds?: unknown };
    return typeof parsed.phase === 'string' && typeof parsed.seconds === 'number' ? { phase: parsed.phase, seconds: Math.round(parsed.seconds) } : null;
  } catch {
    return progress === 'rounding' ? { phase: 'rounding', seconds: 0 } : null;
  }
}

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
    const result = await locals.platform.panels.createPanel(user, params.id, { title: values.title, locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, result, values);
    redirect(303, url.pathname);
  },
  setup: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title'), size: text(form, 'size'), approvalPercent: text(form, 'approvalPercent'), endsOn: text(form, 'endsOn'), deletePoolOn: text(form, 'deletePoolOn'), consentText: text(form, 'consentText') };
    const result = await locals.platform.panels.updateSetup(user, await panelId(locals, params.id), { ...values, householdRule: form.get('householdRule') });
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  census: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const census = await fileOrText(form, 'censusFile', 'census');
    const result = await locals.platform.panels.importCensus(user, await panelId(locals, params.id), census);
    if (!result.ok) return formFailure(locals, result, { census });
    return { saved: locals.t('panels.staff.censusImported') };
  },
  quotas: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { quotas: text(form, 'quotas') };
    const result = await locals.platform.panels.setQuotas(user, await panelId(locals, params.id), values.quotas);
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  session: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { sessionTitle: text(form, 'sessionTitle'), startsAt: text(form, 'startsAt'), endsAt: text(form, 'endsAt'), mode: text(form, 'mode'), place: text(form, 'place'), streamUrl: text(form, 'streamUrl'), programme: text(form, 'programme') };
    const result = await locals.platform.panels.addSession(user, await panelId(locals, params.id), { ...values, title: values.sessionTitle });
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
  removeSession: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.panels.removeSession(user, await panelId(locals, params.id), text(form, 'sessionId'));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  register: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const register = await fileOrText(form, 'registerFile', 'register');
    const result = await locals.platform.panels.importRegister(user, await panelId(locals, params.id), register);
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('panels.staff.registerImported', { rows: result.value.rows, areas: result.value.areas }) };
  },
  invite: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { count: text(form, 'count'), seed: text(form, 'seed') };
    const result = await locals.platform.panels.drawInvitations(user, await panelId(locals, params.id), { ...values, stratify: form.get('stratify') });
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
  publishHash: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.panels.publishHash(user, await panelId(locals, params.id));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('panels.staff.hashPublished') };
  },
  draw: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { publicSeed: text(form, 'publicSeed') };
    const result = await locals.platform.panels.drawPanel(user, await panelId(locals, params.id), values.publicSeed);
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.staff.drawn', { index: result.value.index }) };
  },
  confirm: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.panels.confirmByStaff(user, await panelId(locals, params.id), text(form, 'number'));
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.saved') };
  },
  replace: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { number: text(form, 'number'), reason: text(form, 'reason') };
    const result = await locals.platform.panels.replaceMember(user, await panelId(locals, params.id), values);
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.staff.replaced', { dropped: values.number, replacement: result.value.replacement }) };
  },
};
