import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { panelContracts as c } from '@tingsted/platform/panels';

// Staff register a person who is on the phone or at the desk: the same questions and consent as the
// invitee's own form; the staff member is recorded. The API's contract registerPanelRespondentAssisted.
async function panelOf(locals: App.Locals, processId: string) {
  const panel = await locals.platform.panels.panelOfProcess(processId);
  if (!panel) error(404, { message: 'NotFound' });
  const form = await locals.platform.panels.registrationForm(panel.id);
  if (!form.ok) error(404, { message: 'NotFound' });
  return { panel, form: form.value };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const { panel, form } = await panelOf(locals, params.id);
  // The same policy as the use case: whoever administers the panel.
  const staff = await locals.platform.panels.getPanelForStaff(user, panel.id);
  if (!staff.ok) error(staff.code === 'NotFound' ? 404 : 403, { message: staff.code });
  return { processId: params.id, form };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const { panel, form: panelForm } = await panelOf(locals, params.id);
    const form = await request.formData();
    const answers: Record<string, string> = {};
    const values: Record<string, string> = { channel: text(form, 'channel'), code: text(form, 'code'), name: text(form, 'name'), email: text(form, 'email'), phone: text(form, 'phone') };
    panelForm.questions.forEach((q, i) => {
      answers[q.name] = text(form, `q${i}`);
      values[`q${i}`] = answers[q.name] ?? '';
    });
    const input = readForm(c.registerPanelRespondentAssisted, form, { id: panel.id, answers });
    const result = input.ok ? await locals.platform.panels.registerAssisted(user, panel.id, { ...input.value, email: input.value.email ?? '', phone: input.value.phone ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panelMembers.assisted.done', { number: result.value.number }), channel: values.channel };
  },
};
