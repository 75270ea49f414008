import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { presentExport } from '$lib/server/personal-data';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const data = await locals.platform.reports.exportPersonalData(user);
  if (!data.ok) redirect(303, '/sign-in');
  const timeZone = locals.platform.config.timeZone ?? 'Europe/Oslo';
  const exportedAt = new Intl.DateTimeFormat(locals.ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(data.value.exportedAt));
  return { exportedAt, sections: presentExport(data.value, locals.t, locals.ctx.locale, timeZone) };
};
