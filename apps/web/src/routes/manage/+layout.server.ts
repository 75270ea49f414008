import type { LayoutServerLoad } from './$types';
import { accountsPolicy } from '@tingsted/platform/accounts';
import { moderationPolicy } from '@tingsted/platform/moderation';
import { processesPolicy } from '@tingsted/platform/processes';
import { requireUser } from '$lib/server/session';
import { refuseStaffPage } from '$lib/server/staff';

/**
 * Who may open which staff page: /manage itself every staff role (it shows what the role may do), the
 * moderation queue moderators and process managers, the rest of /manage process managers. A refusal is a
 * 403 page that says why, with the person's roles and a logged reference.
 */
export const load: LayoutServerLoad = ({ locals, url, route }) => {
  const user = requireUser(locals, url);
  const area = route.id === '/manage' ? 'staff' : route.id?.startsWith('/manage/moderation') ? 'moderation' : 'manage';
  const allowed = area === 'staff' ? accountsPolicy.isStaff(user) : area === 'moderation' ? moderationPolicy.moderate(user) : processesPolicy.manage(user);
  if (!allowed) refuseStaffPage(locals, url, user, area);
  return {};
};
