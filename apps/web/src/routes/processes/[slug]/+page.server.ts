import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { formatsOf } from '$lib/format';
import { resolveText } from '@tingsted/platform/shared';
import { charterFields } from '@tingsted/platform/processes';
import { renderMarkdown } from '@tingsted/platform/shared';
import { presentProcess } from '@tingsted/platform/processes';
import { eventsPolicy } from '@tingsted/platform/events';
import { reportsPolicy } from '@tingsted/platform/reports';
import { showEvent } from '$lib/server/events';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { ctx, platform } = locals;
  const result = await platform.processes.getProcess(ctx.user, params.slug);
  if (!result.ok) error(404, { message: 'NotFound' });
  const p = presentProcess(result.value, ctx.user);
  const resolve = (value: Parameters<typeof resolveText>[0]) => resolveText(value, ctx.locale, ctx.municipality.defaultLocale);
  const title = resolve(p.title);
  const summary = resolve(p.summary);
  const charter = charterFields
    .map((field) => ({ field, ...resolve(p.charter[field]) }))
    .filter((c) => c.text !== '');
  // The note names the language shown when it is not the page's, in the page's language.
  const fallbackLang = [title, summary, ...charter].find((r) => r.locale !== ctx.locale)?.locale ?? null;
  const f = formatsOf(locals);
  const files = await locals.platform.files.listFor('phase', p.phases.map((phase) => phase.id));
  const panel = await locals.platform.panels.panelOfProcess(p.id);
  // The timeline shows each event phase's events.
  const events = p.phases.some((phase) => phase.method === 'event') ? await platform.events.processEvents(ctx.user, { slug: p.slug }) : null;
  return {
    panel: panel ? { id: panel.id, title: panel.title } : null,
    setUpPanel: !panel && p.can.manage && p.phases.some((phase) => phase.method === 'panel'),
    // Staff who may read who took part and what was said (process managers, decision-makers) find it from here.
    staffReading: reportsPolicy.seeParticipation(ctx.user) ? { report: `/manage/${p.id}/report`, analysis: `/manage/${p.id}/analysis` } : null,
    process: {
      id: p.id,
      slug: p.slug,
      status: p.status,
      state: p.state,
      title: title.text,
      titleLang: title.locale,
      summary: summary.text,
      summaryLang: summary.locale,
      start: f.date(p.startsOn),
      end: f.date(p.endsOn),
      respondBy: p.respondBy ? f.date(p.respondBy) : null,
      fallbackLang,
      fallbackLangName: fallbackLang ? f.languageName(fallbackLang) : null,
    },
    charter: charter.map((c) => ({ field: c.field, text: c.text, lang: c.locale })),
    phases: p.phases.map((phase) => {
      const t = resolve(phase.title);
      const description = resolve(phase.description);
      return {
        files: files
          .filter((f) => f.ownerId === phase.id)
          .map((f) => ({ id: f.id, kind: f.kind, filename: f.filename, size: Math.max(1, Math.round(f.sizeBytes / 1024)), alt: resolve(f.altText).text, width: f.width, height: f.height, variantWidths: [...f.variantWidths] })),
        descriptionHtml: description.text ? renderMarkdown(description.text) : '', descriptionLang: description.locale, id: phase.id, method: phase.method, title: t.text, lang: t.locale, start: f.date(phase.startsOn), end: f.date(phase.endsOn), state: phase.state, current: phase.id === p.currentPhaseId };
    }),
    hasIdeas: p.phases.some((phase) => phase.method === 'ideas'),
    events: events?.ok ? events.value.events.map((e) => showEvent(locals, e)) : [],
    canAddEvent: eventsPolicy.manage(ctx.user) && p.phases.some((phase) => phase.method === 'event'),
  };
};
