import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { resolveText } from '@tingsted/platform/shared';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentPublicPanel } from '@tingsted/platform/panels';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await locals.platform.panels.publicPanel(locals.ctx.user, params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  const v = presentPublicPanel(result.value, locals.ctx.user);
  const locale = locals.ctx.locale;
  const distribution = await locals.platform.panels.probabilityDistribution(params.id);
  const time = { format: formatsOf(locals).dateTime };
  return {
    ...v,
    probabilities: distribution.ok ? distribution.value : null,
    process: { id: v.process.id, slug: v.process.slug, title: resolveText(v.process.title, locale, locals.ctx.municipality.defaultLocale).text },
    method: {
      ...v.method,
      hashPublishedAt: v.method.hashPublishedAt ? time.format(new Date(v.method.hashPublishedAt)) : null,
      seedNotBefore: v.method.seedNotBefore ? time.format(new Date(v.method.seedNotBefore)) : null,
      drawnAt: v.method.drawnAt ? time.format(new Date(v.method.drawnAt)) : null,
    },
    sessions: v.sessions.map((s) => ({ ...s, when: time.format(new Date(s.startsAt)) })),
    recommendations: v.recommendations.map((r) => ({ ...r, answer: r.answer ? { ...r.answer, decidedOn: formatDate(r.answer.decidedOn, locale) } : null })),
  };
};

export const actions: Actions = {
  follow: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.followPanel, form, { id: params.id });
    const result = input.ok ? await locals.platform.panels.follow(user, params.id, input.value.on) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t(input.ok && input.value.on ? 'panels.public.followed' : 'panels.public.unfollowed') };
  },
};
