import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// The final report as PDF (public once published).
export const GET: RequestHandler = async ({ locals, params }) => {
  const result = await locals.platform.panels.reportPdf(locals.ctx.user, params.id, locals.ctx.locale);
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 403, { message: result.code });
  return new Response(result.value, { headers: { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="report.pdf"' } });
};
