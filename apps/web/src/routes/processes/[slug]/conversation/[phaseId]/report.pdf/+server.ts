import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { conversationReportPdf } from '@tingsted/platform/conversations';
import { isLocale } from '@tingsted/platform/i18n';
import { timeZoneOf } from '$lib/format';

// The report as a PDF (as the panel letters: pdfkit in the platform), in the language asked for (?lang=),
// otherwise the municipality's; ?revision= for an older stored result. The same access rule as the page.
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const conversation = await locals.platform.conversations.conversationForPhase(locals.ctx.user, params.phaseId);
  const process = await locals.platform.processes.getProcess(locals.ctx.user, params.slug);
  if (!conversation || !process.ok || conversation.processId !== process.value.id) error(404, { message: 'NotFound' });
  const asked = url.searchParams.get('revision');
  const revision = asked !== null && /^\d{1,9}$/.test(asked) && Number(asked) >= 1 ? Number(asked) : null;
  const result = await locals.platform.conversations.conversationReport(locals.ctx.user, conversation.id, revision);
  if (!result.ok) error(result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  const lang = url.searchParams.get('lang');
  const municipality = locals.ctx.municipality;
  const pdf = await conversationReportPdf(result.value, { locale: isLocale(lang) ? lang : municipality.defaultLocale, municipality: municipality.name, municipalityLocale: municipality.defaultLocale, timeZone: timeZoneOf(locals), baseUrl: url.origin });
  return new Response(pdf, {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="conversation-report-${result.value.revision}.pdf"`, 'cache-control': 'private, no-store' },
  });
};
