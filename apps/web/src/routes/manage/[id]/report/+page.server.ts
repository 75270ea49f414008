import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { resolveText } from '@tingsted/platform/shared';

export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const report = await locals.platform.feedback.participationReport(locals.ctx.user, process.id);
  if (!report.ok) error(403, { message: 'Forbidden' });
  return {
    managed: {
      id: process.id,
      slug: process.slug,
      title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
    },
    ...report.value,
  };
};
