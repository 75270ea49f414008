import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { processesPolicy } from '@tingsted/platform/processes';
import { requireUser } from '$lib/server/session';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  if (!processesPolicy.manage(user)) error(403, { message: 'Forbidden' });
  return {};
};
