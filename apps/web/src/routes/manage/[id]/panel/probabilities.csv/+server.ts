import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// Each respondent's selection probability as CSV, for the panel's administrators only. The service audits.
export const GET: RequestHandler = async ({ locals, params }) => {
  const found = await locals.platform.panels.panelOfProcess(params.id);
  if (!found) error(404, { message: 'NotFound' });
  const result = await locals.platform.panels.selectionProbabilitiesCsv(locals.ctx.user, found.id);
  if (!result.ok) error(result.code === 'Forbidden' || result.code === 'NotSignedIn' ? 403 : 404, { message: result.code });
  return new Response(result.value, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="probabilities.csv"', 'cache-control': 'no-store' },
  });
};
