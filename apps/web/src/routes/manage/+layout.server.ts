import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { hasRole } from '@tingsted/platform/accounts/accounts.policy.ts';
import { requireUser } from '$lib/server/session';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  if (!hasRole(user, 'process_manager')) error(403, { message: 'Forbidden' });
  return {};
};
