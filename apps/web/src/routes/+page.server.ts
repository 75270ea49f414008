import type { PageServerLoad } from './$types';
import { formatDate, presentProcess } from '$lib/server/present';

export const load: PageServerLoad = async ({ locals }) => {
  const { ctx, platform } = locals;
  const result = await platform.processes.listProcesses(ctx.user, { status: 'published', pageSize: 12 });
  const processes = result.ok ? result.value : [];
  // The always-open proposals section, shown when the municipality has a proposals phase running.
  const proposals = await platform.proposals.municipalProposals(ctx.user, { stage: 'collecting' });
  const section = proposals.ok && proposals.value.phases.length > 0 ? { collecting: proposals.value.proposals.length } : null;
  return {
    proposals: section,
    open: processes.map((p) => ({
      ...presentProcess(p, ctx.locale, ctx.municipality.defaultLocale),
      start: formatDate(p.startsOn, ctx.locale),
      end: formatDate(p.endsOn, ctx.locale),
    })),
  };
};
