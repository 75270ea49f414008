import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postedText, renameFields } from '@tingsted/platform/edge';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { formFailure, readForm, text } from '$lib/server/forms';
import { budgetingPhaseOf, renamed, textIn, withoutEmpty } from '$lib/server/budgeting-staff';
import { formatCost } from '$lib/budgeting/money';
import { statusLabels } from '$lib/server/labels';
import { formatDate } from '$lib/server/present';

async function projectOf(locals: App.Locals, params: { id: string; phaseId: string; projectId: string }) {
  const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  const found = await locals.platform.budgeting.getProject(locals.ctx.user, { projectId: params.projectId });
  if (!found.ok || found.value.phaseId !== phase.id) error(found.ok || found.code === 'NotFound' ? 404 : 403, { message: found.ok ? 'NotFound' : found.code });
  return found.value;
}

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const found = await projectOf(locals, params);
  const { design } = await parent();
  const { project } = found;
  const [labels, statuses] = await Promise.all([statusLabels(locals), locals.platform.feedback.statuses()]);
  return {
    project: {
      id: project.id,
      number: project.number,
      reference: project.reference,
      budgetId: project.budgetId,
      title: textIn(locals, project.title),
      description: textIn(locals, project.description),
      cost: project.cost,
      costMin: project.costMin,
      costMax: project.costMax,
      costText: formatCost(project, design.currency, locals.ctx.locale),
      area: project.area,
      category: project.category,
      review: { ...project.review, reason: textIn(locals, project.review.reason), checkedOn: formatDate(project.review.costCheckedOn, locals.ctx.locale) },
      status: project.status ? (labels[project.status] ?? project.status) : null,
      progressPercent: project.progressPercent,
      can: project.can,
      images: project.images,
    },
    ideas: found.ideas,
    processSlug: found.processSlug,
    result: found.result,
    updates: found.updates.map((u) => ({ ...u, status: u.status ? (labels[u.status] ?? u.status) : null, date: formatDate(u.happenedOn ?? u.createdAt.slice(0, 10), locals.ctx.locale) })),
    statuses: statuses.map((s) => ({ key: s.key, label: labels[s.key] ?? s.key })),
  };
};

export const actions: Actions = {
  edit: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const values = postedText(form);
    const extra: Record<string, unknown> = { projectId: project.id, locale: locals.ctx.locale };
    for (const name of ['costMin', 'costMax', 'area', 'category']) if (text(form, name).trim() === '') extra[name] = null;
    const input = readForm(c.updateProject, withoutEmpty(form, ['description']), extra);
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.updateProject(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'budgeting.manage.project.saved' as const };
  },
  review: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const values = postedText(form);
    // An unchosen decision is refused as invalid (the radio buttons ask for one of two), as elsewhere.
    const input = readForm(c.reviewProject, withoutEmpty(form, ['reason', 'costCheckedBy', 'costCheckedOn']), { projectId: project.id, locale: locals.ctx.locale, state: text(form, 'state') });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.reviewProject(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'budgeting.manage.review.saved' as const };
  },
  update: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const values = postedText(form);
    const names = { title: 'milestone', body: 'answer' };
    const input = readForm(c.addProjectUpdate, withoutEmpty(renamed(form, { answer: 'body', milestone: 'title' }), ['status', 'body', 'title', 'happenedOn']), { projectId: project.id });
    if (!input.ok) return formFailure(locals, renameFields(input, names), values);
    const result = await locals.platform.budgeting.addProjectUpdate(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, names), values);
    return { done: 'budgeting.manage.delivery.saved' as const };
  },
  addImage: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const values = postedText(form);
    const upload = form.get('file');
    const file = upload instanceof File ? upload : null;
    // The image as the API carries it (base64), read with the same contract as POST /budgeting/projects/:projectId/images.
    const input = readForm(c.addProjectImage, form, {
      projectId: project.id,
      locale: locals.ctx.locale,
      file: { filename: file?.name ?? '', contentType: file?.type ?? '', data: file ? Buffer.from(await file.arrayBuffer()).toString('base64') : '' },
    });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.addProjectImage(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'budgeting.manage.images.added' as const };
  },
  removeImage: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const input = readForm(c.removeProjectImage, form, { projectId: project.id });
    const result = input.ok ? await locals.platform.budgeting.removeProjectImage(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: 'budgeting.manage.images.removed' as const };
  },
  arrangeImages: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const order = form.getAll('order').filter((id): id is string => typeof id === 'string');
    const input = readForm(c.arrangeProjectImages, form, { projectId: project.id, order });
    const result = input.ok ? await locals.platform.budgeting.arrangeProjectImages(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: 'budgeting.manage.images.arranged' as const };
  },
  describeImage: async ({ request, locals, params }) => {
    const { project } = await projectOf(locals, params);
    const form = await request.formData();
    const values = postedText(form);
    // The page has the add-image form's alt text too: this one is named imageAlt there.
    const input = readForm(c.describeProjectImage, renamed(form, { imageAlt: 'altText' }), { projectId: project.id, locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.budgeting.describeProjectImage(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { altText: 'imageAlt' }), values);
    return { done: 'budgeting.manage.images.described' as const };
  },
  remove: async ({ locals, params }) => {
    const { project } = await projectOf(locals, params);
    const result = await locals.platform.budgeting.removeProject(locals.ctx.user, { projectId: project.id });
    if (!result.ok) return formFailure(locals, result);
    redirect(303, `/manage/${params.id}/budgeting/${params.phaseId}/projects`);
  },
};
