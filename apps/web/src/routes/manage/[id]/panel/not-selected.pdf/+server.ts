import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// The "not selected this time" letters after the draw as one PDF, in the language asked for (?lang=). Personal data: the service audits.
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const found = await locals.platform.panels.panelOfProcess(params.id);
  if (!found) error(404, { message: 'NotFound' });
  const result = await locals.platform.panels.notSelectedLetters(locals.ctx.user, found.id, url.searchParams.get('lang'));
  if (!result.ok) error(result.code === 'Forbidden' || result.code === 'NotSignedIn' ? 403 : 404, { message: result.code });
  return new Response(result.value.pdf, {
    headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="not-selected.pdf"', 'cache-control': 'no-store' },
  });
};
