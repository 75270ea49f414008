import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { renderMarkdown } from '@tingsted/platform/shared';
import { formatDate } from '$lib/server/present';
import { statusLabels } from '$lib/server/labels';
import { formatDateTime, loadBudgeting, localize, presentBudget, presentProject } from '$lib/server/budgeting';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { budgeting, process, phase } = await loadBudgeting(locals, params.slug, params.phaseId);
  const got = await locals.platform.budgeting.getProject(locals.ctx.user, { projectId: params.projectId });
  if (!got.ok || got.value.phaseId !== phase.id) error(404, { message: 'NotFound' });
  const { project, ideas, updates, result } = got.value;
  const { currency } = budgeting.design;
  const locale = locals.ctx.locale;
  const budget = budgeting.budgets.find((b) => b.id === project.budgetId);
  const description = localize(locals, project.description);
  const reason = localize(locals, project.review.reason);
  return {
    process,
    phase,
    budget: budget ? presentBudget(locals, budget, currency) : null,
    project: {
      ...presentProject(locals, project, currency),
      // Rendered from the Markdown subset by renderMarkdown, which escapes everything else.
      descriptionHtml: description.text ? renderMarkdown(description.text) : '',
      descriptionLang: description.locale,
      images: project.images,
      status: project.status,
      progressPercent: project.progressPercent,
    },
    review: {
      state: project.review.state,
      reason: reason.text,
      reasonLang: reason.locale,
      costCheckedBy: project.review.costCheckedBy,
      costCheckedOn: project.review.costCheckedOn ? formatDate(project.review.costCheckedOn, locale) : null,
      reviewedAt: project.review.reviewedAt ? formatDateTime(project.review.reviewedAt, locale) : null,
    },
    ideas: ideas.map((idea) => ({ id: idea.id, title: idea.title })),
    // Newest first, as a delivery log reads.
    updates: [...updates]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((u) => ({
        id: u.id,
        status: u.status,
        title: u.title,
        body: u.body,
        progressPercent: u.progressPercent,
        date: u.happenedOn ? formatDate(u.happenedOn, locale) : formatDateTime(u.createdAt, locale),
        authorName: u.authorName,
      })),
    result,
    statusLabels: await statusLabels(locals),
  };
};
