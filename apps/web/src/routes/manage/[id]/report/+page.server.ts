import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { resolveText } from '@tingsted/platform/shared';
import { statusLabels } from '$lib/server/labels';
import { processesPolicy } from '@tingsted/platform/processes';

export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const report = await locals.platform.feedback.participationReport(locals.ctx.user, process.id);
  if (!report.ok) error(403, { message: 'Forbidden' });
  // Ideas by status, as the public "you said, we did" page counts them.
  const [statuses, labels] = await Promise.all([locals.platform.feedback.youSaidWeDid(process.id, { page: 1 }), statusLabels(locals)]);
  return {
    // Back to the management page for those who manage; decision-makers go back to the process's page.
    back: processesPolicy.manage(locals.ctx.user) ? `/manage/${process.id}` : `/processes/${process.slug}`,
    byStatus: statuses.counts.map((c) => ({ key: c.status.key, label: labels[c.status.key] ?? c.status.key, count: c.count })),
    managed: {
      id: process.id,
      slug: process.slug,
      title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
    },
    ...report.value,
  };
};
