import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { accountsPolicy } from '@tingsted/platform/accounts';
import { requireUser } from '$lib/server/session';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  if (!accountsPolicy.manageUsers(user)) error(403, { message: 'Forbidden' });
  return {};
};
