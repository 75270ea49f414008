import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import type { Failure } from '@tingsted/platform/shared';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentWorkspace } from '@tingsted/platform/panels';
import { formatsOf } from '$lib/format';

// The members' workspace: private to the panel's members and facilitators.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const result = await locals.platform.panels.workspace(user, params.id);
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 403, { message: result.code });
  const v = presentWorkspace(result.value, user);
  const time = { format: formatsOf(locals).dateTime };
  const groups = [...new Set(v.items.filter((i) => i.kind === 'note').map((i) => i.smallGroup))].sort((a, b) => a.localeCompare(b));
  return {
    ...v,
    sessions: v.sessions.map((s) => ({ id: s.id, title: s.title, when: time.format(new Date(s.startsAt)), mode: s.mode, place: s.place, streamUrl: s.streamUrl, programme: s.programme })),
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
    const input = readForm(c.addPanelItem, form, { id: params.id });
    return run(locals, values, async () =>
      input.ok ? locals.platform.panels.addItem(user, params.id, { ...values, kind: input.value.kind, title: input.value.itemTitle }) : input,
    );
  },
  recommend: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recTitle: text(form, 'recTitle'), recBody: text(form, 'recBody') };
    const input = readForm(c.draftPanelRecommendation, form, { id: params.id });
    return run(locals, values, async () => (input.ok ? locals.platform.panels.draftRecommendation(user, params.id, { title: input.value.recTitle, body: input.value.recBody }) : input));
  },
  amend: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId'), amendBody: text(form, 'amendBody'), rationale: text(form, 'rationale') };
    const input = readForm(c.proposePanelAmendment, form);
    return run(locals, values, async () => (input.ok ? locals.platform.panels.proposeAmendment(user, input.value.recommendationId, { body: input.value.amendBody, rationale: input.value.rationale ?? '' }) : input));
  },
  decide: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(c.decidePanelAmendment, await request.formData());
    return run(locals, {}, async () => (input.ok ? locals.platform.panels.decideAmendment(user, input.value.amendmentId, input.value.decision) : input));
  },
  open: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(c.openPanelVoting, await request.formData());
    return run(locals, {}, async () => (input.ok ? locals.platform.panels.openVoting(user, input.value.recommendationId) : input));
  },
  vote: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId') };
    const input = readForm(c.castPanelVote, form);
    const result = input.ok ? await locals.platform.panels.castVote(user, input.value.recommendationId, input.value.choice) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.vote.thanks') };
  },
  close: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(c.closePanelVoting, await request.formData());
    return run(locals, {}, async () => (input.ok ? locals.platform.panels.closeVoting(user, input.value.recommendationId) : input));
  },
  publish: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    return run(locals, {}, () => locals.platform.panels.publishReport(user, params.id));
  },
  publicName: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { publicName: text(form, 'publicName') };
    const input = readForm(c.setPanelPublicName, form, { id: params.id, publicName: form.get('showName') === 'on' ? values.publicName : '' });
    return run(locals, values, async () => (input.ok ? locals.platform.panels.setPublicName(user, params.id, input.value.publicName) : input));
  },
};
