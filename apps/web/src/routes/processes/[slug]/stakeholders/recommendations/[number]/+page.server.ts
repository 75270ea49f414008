import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadRecommendation } from '$lib/server/recommendation';
import { renameFields } from '@tingsted/platform/edge';
import { moderationContracts } from '@tingsted/platform/moderation';
import { stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { found, id } = await loadRecommendation(locals, params.slug, params.number);
  const result = await locals.platform.stakeholders.viewRecommendation(locals.ctx.user, id);
  if (!result.ok) error(404, { message: 'NotFound' });
  const rec = result.value;
  const f = formatsOf(locals);
  const comment = <T extends { createdAt: Date }>(x: T) => ({ ...x, when: f.dateTime(x.createdAt), at: x.createdAt.toISOString() });
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    rec: {
      ...rec,
      sentAt: rec.sentAt ? f.dateTime(rec.sentAt) : null,
      decidedAt: rec.decidedAt ? f.date(rec.decidedAt) : null,
      comments: rec.comments.map((top) => ({ ...comment(top), replies: top.replies.map(comment) })),
    },
  };
};

/** The recommendation's id from the address, for the actions. */
async function idOf(locals: App.Locals, params: { slug: string; number: string }) {
  return (await loadRecommendation(locals, params.slug, params.number)).id;
}

export const actions: Actions = {
  edit: async ({ request, locals, params }) => {
    const recommendationId = await idOf(locals, params);
    const form = await request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body') };
    const input = readForm(c.editRecommendation, form, { recommendationId });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.editRecommendation(locals.ctx.user, recommendationId, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'recommendations.edit.saved' as const };
  },
  support: async ({ locals, params }) => {
    const result = await locals.platform.stakeholders.supportRecommendation(locals.ctx.user, await idOf(locals, params));
    if (!result.ok) return formFailure(locals, result);
    return { done: 'recommendations.support.given' as const };
  },
  withdraw: async ({ locals, params }) => {
    const result = await locals.platform.stakeholders.withdrawSupport(locals.ctx.user, await idOf(locals, params));
    if (!result.ok) return formFailure(locals, result);
    return { done: 'recommendations.support.withdrawn' as const };
  },
  send: async ({ locals, params }) => {
    const result = await locals.platform.stakeholders.sendRecommendation(locals.ctx.user, await idOf(locals, params));
    if (!result.ok) return formFailure(locals, result);
    return { done: 'recommendations.send.done' as const };
  },
  comment: async ({ request, locals, params }) => {
    const recommendationId = await idOf(locals, params);
    const form = await request.formData();
    const parentId = text(form, 'parentId');
    // A reply's field is named after the comment it answers, so its error shows beside that form.
    const field = parentId ? `reply-${parentId}` : 'comment';
    const values = { [field]: text(form, 'body') };
    const input = readForm(c.commentOnRecommendation, form, { recommendationId });
    if (!input.ok) return formFailure(locals, renameFields(input, { body: field }), values);
    const result = await locals.platform.stakeholders.commentOnRecommendation(locals.ctx.user, recommendationId, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, { body: field, parentId: field }), values);
    return { done: 'recommendations.comment.added' as const };
  },
  hide: async ({ request, locals, params }) => {
    await idOf(locals, params);
    const form = await request.formData();
    const commentId = text(form, 'comment');
    const field = `hide-${commentId}`;
    const values = { [field]: text(form, field) };
    const input = readForm(c.hideRecommendationComment, form, { commentId, reason: values[field] });
    if (!input.ok) return formFailure(locals, renameFields(input, { reason: field, commentId: field }), values);
    const result = await locals.platform.stakeholders.hideRecommendationComment(locals.ctx.user, commentId, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, { reason: field }), values);
    return { done: 'recommendations.comment.hidden' as const };
  },
  report: async ({ request, locals, params }) => {
    await idOf(locals, params);
    const form = await request.formData();
    const targetId = text(form, 'targetId');
    const input = readForm(moderationContracts.reportContent, form, { id: targetId, type: 'recommendation_comment' });
    const result = input.ok ? await locals.platform.moderation.reportContent(locals.ctx.user, input.value) : input;
    // The fields are named after the comment, so their errors show beside its report form only.
    if (!result.ok) return formFailure(locals, renameFields(result, { reason: `report-${targetId}-reason`, text: `report-${targetId}-text` }), { targetId });
    return { done: 'reportForm.sent' as const };
  },
  answer: async ({ request, locals, params }) => {
    const recommendationId = await idOf(locals, params);
    const form = await request.formData();
    const values = { reason: text(form, 'reason') };
    // An unchosen answer is refused as invalid (not as missing): the radio buttons ask for one of three.
    const input = readForm(c.decideRecommendation, form, { recommendationId, decision: text(form, 'decision') });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.stakeholders.decideRecommendation(locals.ctx.user, recommendationId, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'stakeholders.decide.done' as const };
  },
};
