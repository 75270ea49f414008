import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { spreadsheetCsv } from '@tingsted/platform/shared';
import { inputFilterOf } from '$lib/server/inputs';

// The inputs manager's filtered list as CSV (its export button): the same use case as
// GET /api/v1/processes/{id}/inputs.csv, which audits it.
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const result = await locals.platform.reports.exportInputs(locals.ctx.user, params.id, inputFilterOf(url));
  if (!result.ok) error(result.code === 'Forbidden' || result.code === 'NotSignedIn' ? 403 : 404, { message: result.code });
  return new Response(spreadsheetCsv([result.value.header, ...result.value.rows]), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="inputs.csv"', 'cache-control': 'no-store' },
  });
};
