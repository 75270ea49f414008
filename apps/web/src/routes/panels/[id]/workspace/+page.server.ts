import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import type { Failure } from '@tingsted/platform/shared';

// The members' workspace: private to the panel's members and facilitators.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const result = await locals.platform.panels.workspace(user, params.id);
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 403, { message: result.code });
  const v = result.value;
  const time = new Intl.DateTimeFormat(locals.ctx.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  const groups = [...new Set(v.items.filter((i) => i.kind === 'note').map((i) => i.small_group))].sort((a, b) => a.localeCompare(b));
  return {
    ...v,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, when: time.format(s.starts_at), mode: s.mode, place: s.place, streamUrl: s.stream_url, programme: s.programme })),
    items: v.items.map((i) => ({ id: i.id, sessionId: i.session_id, kind: i.kind, title: i.title, body: i.body, link: i.link, source: i.source, smallGroup: i.small_group })),
    groups,
  };
};

const run = async (locals: App.Locals, values: Record<string, string>, call: () => Promise<{ ok: true } | Failure>) => {
  const result = await call();
  if (!result.ok) return formFailure(locals, result, values);
  return { saved: locals.t('manage.saved') };
};

export const actions: Actions = {
  item: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { kind: text(form, 'kind'), itemTitle: text(form, 'itemTitle'), body: text(form, 'body'), link: text(form, 'link'), source: text(form, 'source'), smallGroup: text(form, 'smallGroup'), sessionId: text(form, 'sessionId') };
    return run(locals, values, () => locals.platform.panels.addItem(user, params.id, { ...values, title: values.itemTitle }));
  },
  recommend: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recTitle: text(form, 'recTitle'), recBody: text(form, 'recBody') };
    return run(locals, values, () => locals.platform.panels.draftRecommendation(user, params.id, { title: values.recTitle, body: values.recBody }));
  },
  amend: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId'), amendBody: text(form, 'amendBody'), rationale: text(form, 'rationale') };
    return run(locals, values, () => locals.platform.panels.proposeAmendment(user, values.recommendationId, { body: values.amendBody, rationale: values.rationale }));
  },
  decide: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    return run(locals, {}, () => locals.platform.panels.decideAmendment(user, text(form, 'amendmentId'), text(form, 'decision')));
  },
  open: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    return run(locals, {}, () => locals.platform.panels.openVoting(user, text(form, 'recommendationId')));
  },
  vote: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId') };
    const result = await locals.platform.panels.castVote(user, values.recommendationId, text(form, 'choice'));
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.vote.thanks') };
  },
  close: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    return run(locals, {}, () => locals.platform.panels.closeVoting(user, text(form, 'recommendationId')));
  },
  publish: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    return run(locals, {}, () => locals.platform.panels.publishReport(user, params.id));
  },
  publicName: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { publicName: text(form, 'publicName') };
    return run(locals, values, () => locals.platform.panels.setPublicName(user, params.id, form.get('showName') === 'on' ? values.publicName : ''));
  },
};
