import type { LayoutServerLoad } from './$types';
import { accountsPolicy } from '@tingsted/platform/accounts';
import { moderationPolicy } from '@tingsted/platform/moderation';
import { processesPolicy } from '@tingsted/platform/processes';
import { reportsPolicy } from '@tingsted/platform/reports';
import { analysisPolicy } from '@tingsted/platform/analysis';
import { requireUser } from '$lib/server/session';
import { refuseStaffPage } from '$lib/server/staff';

/**
 * Who may open which staff page: /manage itself every staff role (it shows what the role may do), the
 * moderation queue moderators and process managers, a process's panel pages also the panel's named
 * administrators, a process's participation report and analysis also decision-makers, the rest of /manage process managers. A refusal is a
 * 403 page that says why, with the person's roles and a logged reference.
 */
export const load: LayoutServerLoad = async ({ locals, url, route, params }) => {
  const user = requireUser(locals, url);
  const area = route.id === '/manage' ? 'staff' : route.id?.startsWith('/manage/moderation') ? 'moderation' : 'manage';
  let allowed = area === 'staff' ? accountsPolicy.isStaff(user) : area === 'moderation' ? moderationPolicy.moderate(user) : processesPolicy.manage(user);
  // A panel's named administrators reach its staff pages without a staff role (the panels policy decides).
  if (!allowed && route.id?.startsWith('/manage/[id]/panel') && params.id) allowed = await locals.platform.panels.administersPanelOf(user, params.id);
  // Decision-makers read who took part (the reports policy decides), without managing the process.
  if (!allowed && route.id === '/manage/[id]/report') allowed = reportsPolicy.seeParticipation(user);
  if (!allowed && route.id?.startsWith('/manage/[id]/analysis')) allowed = analysisPolicy.analyse(user);
  if (!allowed) refuseStaffPage(locals, url, user, area);
  return {};
};
