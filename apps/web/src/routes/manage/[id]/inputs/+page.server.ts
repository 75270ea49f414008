import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { statusLabels } from '$lib/server/labels';
import { inputFilterOf } from '$lib/server/inputs';
import { resolveText } from '@tingsted/platform/shared';
import { reportContracts } from '@tingsted/platform/reports';

const pageSize = 50;

/**
 * The inputs manager: every idea of the process in one table, filtered by phase, status, area and open
 * reports, paged; a bulk form sets the same status and official answer on the chosen ones (check boxes, no
 * JavaScript needed); the filtered list exports as CSV.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const filter = inputFilterOf(url);
  const result = await locals.platform.reports.processInputs(locals.ctx.user, process.id, { ...filter, pageSize });
  if (!result.ok) error(result.code === 'NotFound' ? 404 : 403, { message: result.code });
  const text = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  const [labels, statuses] = await Promise.all([statusLabels(locals), locals.platform.feedback.statuses()]);
  const phaseTitle = new Map(process.phases.map((p) => [p.id, text(p.title)]));
  const { inputs, total, page, areas } = result.value;
  return {
    managed: { id: process.id, slug: process.slug, title: text(process.title) },
    filter: { phase: filter.phaseId ?? '', status: filter.status ?? '', area: filter.area ?? '', reported: filter.reported === true },
    phases: process.phases.filter((p) => p.method === 'ideas').map((p) => ({ id: p.id, title: text(p.title) })),
    statuses: statuses.map((s) => ({ key: s.key, label: labels[s.key] ?? s.key, requiresAnswer: s.requiresAnswer })),
    areas,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    inputs: inputs.map((i) => ({
      id: i.id,
      title: i.title,
      phase: phaseTitle.get(i.phaseId) ?? '',
      status: labels[i.status] ?? i.status,
      visibility: i.hidden ? 'hidden' : i.screening === 'published' ? 'shown' : 'waiting',
      area: i.area ?? '',
      reports: i.reports,
      supports: i.supports,
      answered: i.answeredAt ? formatDate(i.answeredAt, locals.ctx.locale) : '',
    })),
  };
};

export const actions: Actions = {
  answer: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { status: text(form, 'status'), body: text(form, 'body') };
    const input = readForm(reportContracts.answerInputs, form, { id: params.id, ideaIds: form.getAll('ideaIds').filter((v): v is string => typeof v === 'string') });
    const result = input.ok ? await locals.platform.feedback.answerIdeas(user, params.id, input.value.ideaIds, { status: input.value.status, body: input.value.body ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('workspace.inputs.done', { count: result.value.answered }) };
  },
};
