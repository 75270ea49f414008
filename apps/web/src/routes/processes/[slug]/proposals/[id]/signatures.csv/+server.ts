import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The signatures as counts per area and age group (staff); the same use case as GET /api/v1/proposals/{id}/signatures/counts. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const result = await locals.platform.proposals.signatureCounts(locals.ctx.user, { id: params.id });
  if (!result.ok) error(result.code === 'NotSignedIn' ? 401 : result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  return new Response(result.value.csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="signatures-${params.id}.csv"`, 'cache-control': 'private, no-store' },
  });
};
