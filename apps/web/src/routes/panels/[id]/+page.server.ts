import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { resolveText } from '@tingsted/platform/shared';
import { panelsPolicy } from '@tingsted/platform/panels';
import { processesPolicy } from '@tingsted/platform/processes';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await locals.platform.panels.publicPanel(locals.ctx.user, params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  const v = result.value;
  const locale = locals.ctx.locale;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  return {
    ...v,
    process: { id: v.process.id, slug: v.process.slug, title: resolveText(v.process.title, locale, locals.ctx.municipality.defaultLocale).text },
    method: { ...v.method, hashPublishedAt: v.method.hashPublishedAt ? time.format(v.method.hashPublishedAt) : null, drawnAt: v.method.drawnAt ? time.format(v.method.drawnAt) : null },
    sessions: v.sessions.map((s) => ({ ...s, when: time.format(s.startsAt) })),
    recommendations: v.recommendations.map((r) => ({ ...r, answer: r.answer ? { ...r.answer, decidedOn: formatDate(r.answer.decidedOn, locale) } : null })),
    signedIn: locals.ctx.user !== null,
    canRespond: panelsPolicy.respond(locals.ctx.user),
    canManage: processesPolicy.manage(locals.ctx.user),
  };
};

export const actions: Actions = {
  follow: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await locals.platform.panels.follow(user, params.id, form.get('on') === 'true');
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t(form.get('on') === 'true' ? 'panels.public.followed' : 'panels.public.unfollowed') };
  },
};
