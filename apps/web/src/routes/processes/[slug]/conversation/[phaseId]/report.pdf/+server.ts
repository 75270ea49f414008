import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '@tingsted/platform/i18n';

// The report as a PDF (drawn in the platform with pdfkit, as the panel letters), in the language asked for
// (?lang=), otherwise the municipality's; ?revision= for an older stored result. The same access rule as the page.
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, params.phaseId);
  const process = await locals.platform.processes.getProcess(locals.ctx.user, params.slug);
  if (!conversation || !process.ok || conversation.processId !== process.value.id) error(404, { message: 'NotFound' });
  const asked = url.searchParams.get('revision');
  const revision = asked !== null && /^\d{1,9}$/.test(asked) && Number(asked) >= 1 ? Number(asked) : null;
  const lang = url.searchParams.get('lang');
  const municipality = locals.ctx.municipality;
  const result = await locals.platform.conversations.reportPdf(locals.ctx.user, conversation.id, revision, {
    locale: isLocale(lang) ? lang : municipality.defaultLocale,
    municipality: municipality.name,
    municipalityLocale: municipality.defaultLocale,
    baseUrl: url.origin,
  });
  if (!result.ok) error(result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  return new Response(result.value.pdf, {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="conversation-report-${result.value.revision}.pdf"`, 'cache-control': 'private, no-store' },
  });
};
