import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { spreadsheetCsv } from '@tingsted/platform/shared';

// A survey's responses as CSV (the export button on the phase's page): the same use case as
// GET /api/v1/phases/{phaseId}/survey/export, which audits it.
export const GET: RequestHandler = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process?.phases.some((p) => p.id === params.phaseId)) error(404, { message: 'NotFound' });
  const result = await locals.platform.surveys.exportResponses(locals.ctx.user, params.phaseId, locals.ctx.locale);
  if (!result.ok) error(result.code === 'Forbidden' || result.code === 'NotSignedIn' ? 403 : 404, { message: result.code });
  return new Response(spreadsheetCsv([result.value.header, ...result.value.rows]), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="survey.csv"', 'cache-control': 'no-store' },
  });
};
