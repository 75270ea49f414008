import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { formatDate, presentProcess } from '$lib/server/present';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { ctx, platform } = locals;
  const result = await platform.processes.getProcess(ctx.user, params.slug);
  if (!result.ok) error(404, { message: 'NotFound' });
  return {
    process: {
      ...presentProcess(result.value, ctx.locale, ctx.municipality.defaultLocale),
      start: formatDate(result.value.startsOn, ctx.locale),
      end: formatDate(result.value.endsOn, ctx.locale),
    },
  };
};
