import type { LayoutServerLoad } from './$types';
import { accountsPolicy } from '@tingsted/platform/accounts';
import { requireUser } from '$lib/server/session';
import { refuseStaffPage } from '$lib/server/staff';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  if (!accountsPolicy.manageUsers(user)) refuseStaffPage(locals, url, user, 'admin');
  return {};
};
