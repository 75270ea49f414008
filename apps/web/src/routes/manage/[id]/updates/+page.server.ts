import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { postedText } from '@tingsted/platform/edge';
import { requireUser } from '$lib/server/session';
import { formatsOf, timeZoneOf } from '$lib/format';
import { locales, localeNames, isLocale, type Locale } from '@tingsted/platform/i18n';
import { resolveText } from '@tingsted/platform/shared';
import { audiences, updateContracts, type Audience } from '@tingsted/platform/updates';

/** The form's per-language fields (`subject.nb`, `body.nb`, …) as the contract's text per language. */
function perLanguage(form: FormData, name: 'subject' | 'body'): Record<string, string> {
  return Object.fromEntries(locales.map((l) => [l, text(form, `${name}.${l}`)]));
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const listed = await locals.platform.updates.listUpdates(user, { id: params.id });
  if (!listed.ok) {
    if (listed.code === 'NotFound' || listed.code === 'ValidationFailed') error(404, { message: 'NotFound' });
    error(listed.code === 'NotSignedIn' ? 401 : 403, { message: listed.code });
  }
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const { locale } = locals.ctx;
  const fallback = locals.ctx.municipality.defaultLocale;
  const f = formatsOf(locals);
  // The recipient count for the audience chosen in the address (the "Count recipients" form, without JavaScript).
  const asked = url.searchParams.get('audience');
  const audience: Audience = (audiences as readonly string[]).includes(asked ?? '') ? (asked as Audience) : 'both';
  const phaseId = url.searchParams.get('phaseId') ?? '';
  const preview = await locals.platform.updates.previewAudience(user, { id: process.id, audience, phaseId });
  const defaultLocale: Locale = isLocale(fallback) ? fallback : 'nb';
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locale, fallback).text },
    phases: process.phases.map((p) => ({ id: p.id, title: resolveText(p.title, locale, fallback).text })),
    languages: [defaultLocale, ...locales.filter((l) => l !== defaultLocale)].map((l) => ({ code: l, name: localeNames[l] })),
    timeZone: timeZoneOf(locals),
    chosen: { audience, phaseId },
    preview: preview.ok ? preview.value : null,
    updates: listed.value.updates.map((u) => ({
      id: u.id,
      status: u.status,
      subject: resolveText(u.subject, locale, u.language as Locale).text,
      audience: u.audience,
      phase: process.phases.find((p) => p.id === u.phaseId) ? resolveText(process.phases.find((p) => p.id === u.phaseId)?.title ?? {}, locale, fallback).text : null,
      time: f.dateTime(u.sentAt ?? u.sendAt),
      reached: u.reached,
      emailed: u.emailed,
      listed: u.listed,
      can: u.can,
    })),
  };
};

export const actions: Actions = {
  send: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const phaseId = text(form, 'phaseId');
    const sendAt = text(form, 'sendAt');
    const input = readForm(updateContracts.createUpdate, form, {
      id: params.id,
      subject: perLanguage(form, 'subject'),
      body: perLanguage(form, 'body'),
      ...(phaseId ? { phaseId } : {}),
      ...(sendAt.trim() ? { sendAt } : {}),
    });
    const result = input.ok ? await locals.platform.updates.createUpdate(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, postedText(form));
    const u = result.value;
    return {
      saved:
        u.status === 'scheduled'
          ? locals.t('updates.scheduled', { time: formatsOf(locals).dateTime(u.sendAt) })
          : locals.t('updates.sent', { reached: u.reached, emailed: u.emailed, listed: u.listed }),
    };
  },

  cancel: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(updateContracts.cancelUpdate, await request.formData(), { id: params.id });
    const result = input.ok ? await locals.platform.updates.cancelUpdate(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('updates.cancelled') };
  },
};
