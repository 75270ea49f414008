import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { resolveText } from '@tingsted/platform/shared';
import { presentProcess } from '@tingsted/platform/processes';

/**
 * A process's workspace overview: where it stands, publishing and closing it, and what needs attention
 * (items waiting for a moderator, ideas without an answer, phases starting or ending soon) with links to
 * the sections that deal with them.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
  const user = locals.ctx.user;
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const overview = await locals.platform.reports.processOverview(user, process.id);
  if (!overview.ok) error(overview.code === 'NotFound' ? 404 : 403, { message: overview.code });
  const text = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  const presented = presentProcess(process, user);
  return {
    managed: { id: process.id, slug: process.slug, status: process.status, title: text(process.title), phases: process.phases.length },
    can: presented.can,
    overview: {
      ...overview.value,
      phasesSoon: overview.value.phasesSoon.map((p) => ({ ...p, title: text(p.title), on: formatDate(p.on, locals.ctx.locale) })),
    },
  };
};

export const actions: Actions = {
  publish: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.processes.publishProcess(user, params.id);
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.published') };
  },
  close: async ({ locals, params, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.processes.closeProcess(user, params.id);
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('manage.closed') };
  },
};
