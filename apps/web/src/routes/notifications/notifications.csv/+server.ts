import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/session';

// One's own notifications as CSV, in the reader's language (as GET /api/v1/notifications/export).
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const csv = await locals.platform.notifications.exportCsv(user, locals.ctx.locale);
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="notifications.csv"', 'cache-control': 'no-store' },
  });
};
