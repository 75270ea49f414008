import { error } from '@sveltejs/kit';
import type { SessionUser } from '@tingsted/platform/accounts';

/** The kinds of staff page a refusal names, each with its own explanation on the error page. */
export type StaffArea = 'manage' | 'moderation' | 'staff' | 'admin';

/**
 * Refuses a staff page with a 403 that says why (the area), which roles the person has, and a reference that
 * is logged with the path, so the refusal page always shows a real one.
 */
export function refuseStaffPage(locals: App.Locals, url: URL, user: SessionUser, area: StaffArea): never {
  const id = crypto.randomUUID();
  locals.platform.config.logger.info({ refusalId: id, path: url.pathname, area }, 'staff page refused');
  error(403, { message: 'Forbidden', reason: area, roles: [...user.roles], id });
}
