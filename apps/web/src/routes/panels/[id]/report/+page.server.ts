import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await locals.platform.panels.report(locals.ctx.user, params.id);
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 403, { message: result.code });
  return result.value;
};
