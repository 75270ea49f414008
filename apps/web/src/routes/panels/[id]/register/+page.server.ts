import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { panelContracts as c } from '@tingsted/platform/panels';
import { normaliseCode } from '@tingsted/platform/panels';

// Registration by personal code: first the code, then consent, the questions and contact details.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const result = await locals.platform.panels.registrationForm(params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  const typed = url.searchParams.get('code') ?? '';
  const code = typed ? normaliseCode(typed) : '';
  const checked = code ? await locals.platform.panels.checkCode(params.id, code) : null;
  return {
    form: result.value,
    code,
    codeAccepted: checked?.ok === true,
    codeError: checked && !checked.ok ? (checked.fields?.[0] ? locals.t(checked.fields[0].message as Parameters<App.Locals['t']>[0]) : locals.t('error.NotFound')) : null,
  };
};

export const actions: Actions = {
  register: async ({ request, locals, params, getClientAddress }) => {
    const form = await request.formData();
    const panel = await locals.platform.panels.registrationForm(params.id);
    if (!panel.ok) error(404, { message: 'NotFound' });
    const answers: Record<string, string> = {};
    const values: Record<string, string> = { code: text(form, 'code'), name: text(form, 'name'), email: text(form, 'email'), phone: text(form, 'phone') };
    panel.value.questions.forEach((q, i) => {
      answers[q.name] = text(form, `q${i}`);
      values[`q${i}`] = answers[q.name] ?? '';
    });
    const input = readForm(c.registerPanelRespondent, form, { id: params.id, answers });
    const result = input.ok ? await locals.platform.panels.registerRespondent(params.id, { ...input.value, phone: input.value.phone ?? '' }, getClientAddress(), locals.ctx.locale) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { registered: true };
  },
};
