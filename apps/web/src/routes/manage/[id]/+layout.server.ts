import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { processesPolicy } from '@tingsted/platform/processes';
import { resolveText } from '@tingsted/platform/shared';

/**
 * The process every page of its workspace names, and whether the section navigation is shown: to process
 * managers (a panel's named administrators reach only its panel pages and get no sections).
 */
export const load: LayoutServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  return {
    workspace: {
      id: process.id,
      title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
      sections: processesPolicy.manage(locals.ctx.user),
    },
  };
};
