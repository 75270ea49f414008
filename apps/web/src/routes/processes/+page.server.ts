import { error } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n/keys';
import type { PageServerLoad } from './$types';
import { formatDate, presentProcess } from '$lib/server/present';
import { processesPolicy } from '@tingsted/platform/processes';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { ctx, platform } = locals;
  const status = url.searchParams.get('status') ?? 'all';
  const result = await platform.processes.listProcesses(ctx.user, { status, pageSize: 100 });
  if (!result.ok) {
    const problem = result.fields?.[0];
    error(400, { message: problem ? locals.t(problem.message as MessageKey, problem.params) : locals.t('field.invalid') });
  }
  return {
    status,
    statuses: processesPolicy.visibleStatuses(ctx.user),
    processes: result.value.map((p) => ({
      ...presentProcess(p, ctx.locale, ctx.municipality.defaultLocale),
      start: formatDate(p.startsOn, ctx.locale),
      end: formatDate(p.endsOn, ctx.locale),
    })),
  };
};
