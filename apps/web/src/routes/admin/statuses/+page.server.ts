import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { locales, localeNames } from '@tingsted/platform';
import { formFailure, text } from '$lib/server/forms';
import { parseInput } from '@tingsted/platform/edge';
import { ideaContracts } from '@tingsted/platform/ideas';
import { statusLabels } from '$lib/server/labels';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals }) => {
  const [statuses, labels] = await Promise.all([locals.platform.feedback.statuses(), statusLabels(locals)]);
  return {
    languages: locales.map((code) => ({ code, name: localeNames[code] })),
    statuses: statuses.map((s) => ({ ...s, shown: labels[s.key] ?? s.key })),
  };
};

function statusForm(form: FormData) {
  const label: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const locale of locales) {
    label[locale] = text(form, `label_${locale}`);
    values[`label_${locale}`] = label[locale];
  }
  const requiresAnswer = form.get('requiresAnswer') === 'on';
  const allowsProgress = form.get('allowsProgress') === 'on';
  values.requiresAnswer = requiresAnswer ? 'on' : '';
  values.allowsProgress = allowsProgress ? 'on' : '';
  values.key = text(form, 'key');
  return { input: { label, requiresAnswer, allowsProgress }, values };
}

export const actions: Actions = {
  add: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const { input, values } = statusForm(await request.formData());
    const parsed = parseInput(ideaContracts.addStatus, input);
    const result = parsed.ok ? await locals.platform.feedback.addStatus(user, parsed.value) : parsed;
    if (!result.ok) return formFailure(locals, result, { ...values, action: 'add' });
    return { saved: locals.t('admin.statusAdded') };
  },
  update: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const { input, values } = statusForm(await request.formData());
    const parsed = parseInput(ideaContracts.updateStatus, { ...input, key: values.key ?? '' });
    const result = parsed.ok ? await locals.platform.feedback.updateStatus(user, parsed.value.key, parsed.value) : parsed;
    if (!result.ok) {
      if (result.code === 'NotFound') error(404, { message: locals.t('error.NotFound') });
      return formFailure(locals, result, { ...values, action: 'update' });
    }
    return { saved: locals.t('admin.statusSaved') };
  },
  remove: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const key = text(await request.formData(), 'key');
    const parsed = parseInput(ideaContracts.removeStatus, { key });
    const result = parsed.ok ? await locals.platform.feedback.removeStatus(user, parsed.value.key) : parsed;
    if (!result.ok) {
      if (result.code === 'NotFound') error(404, { message: locals.t('error.NotFound') });
      return formFailure(locals, result, { key, action: 'remove' });
    }
    return { saved: locals.t('admin.statusRemoved') };
  },
};
