import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { roleLabel, statusLabels } from '$lib/server/labels';
import { formatDate } from '$lib/server/present';
import { presentIdea } from '@tingsted/platform/ideas';
import { ideaContracts } from '@tingsted/platform/ideas';
import { renameFields } from '@tingsted/platform/edge';
import { formatsOf } from '$lib/format';
import { moderationContracts } from '@tingsted/platform/moderation';

interface CommentItem {
  id: string;
  authorName: string | null;
  body: string | null;
  hiddenReason: string | null;
  mine: boolean;
  date: string;
  replies: CommentItem[];
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await loadProcess(locals, params.slug);
  const result = await locals.platform.ideas.getIdea(locals.ctx.user, params.id);
  if (!result.ok || result.value.idea.processId !== found.process.id) error(404, { message: 'NotFound' });
  // A merged idea lives on in the idea it was merged into.
  if (result.value.idea.mergedInto) redirect(303, `/processes/${found.process.slug}/ideas/${result.value.idea.mergedInto}?merged=1`);
  const { comments, following } = result.value;
  const user = locals.ctx.user;
  const phaseOpen = found.process.status === 'published' && found.openIdeasPhase?.id === result.value.idea.phaseId;
  const idea = presentIdea(result.value.idea, user, phaseOpen);
  const history = await locals.platform.feedback.historyOf(idea.id);
  const statuses = await locals.platform.feedback.statuses();
  const edits = idea.can.history ? await locals.platform.ideas.ideaEdits(user, idea.id) : null;
  const date = formatsOf(locals).date;
  const mapComment = (c: (typeof comments)[number]): CommentItem => ({
    id: c.id,
    authorName: c.authorName,
    body: c.body,
    hiddenReason: c.hiddenReason,
    mine: c.mine,
    date: date(c.createdAt),
    replies: c.replies.map(mapComment),
  });
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    idea: { ...idea, date: date(idea.createdAt) },
    image: (await locals.platform.ideas.imagesOf([idea.id])).get(idea.id) ?? null,
    comments: comments.map(mapComment),
    following,
    phaseOpen,
    posted: url.searchParams.get('posted') === '1',
    mergedHere: url.searchParams.get('merged') === '1',
    answers: history.answers.map((a) => ({ status: a.status, body: a.body, signature: locals.t('ideas.answeredBy', { name: a.authorName, role: roleLabel(locals, a.authorRole), date: date(a.createdAt) }) })),
    milestones: history.milestones.map((m) => ({ ...m, date: formatDate(m.date, locals.ctx.locale) })),
    statusLabels: await statusLabels(locals),
    statuses: statuses.map((s) => ({ key: s.key, allowsProgress: s.allowsProgress })),
    allowsProgress: statuses.find((s) => s.key === idea.status)?.allowsProgress ?? false,
    signedIn: user !== null,
    edits: edits?.ok ? edits.value.map((e) => ({ id: e.id, editorName: e.editorName ?? '–', date: date(e.editedAt), title: e.previousTitle, body: e.previousBody })) : [],
    editedDate: idea.editedAt ? date(idea.editedAt) : null,
    edited: url.searchParams.get('edited'),
    can: idea.can,
  };
};

function signedIn(event: RequestEvent) {
  const user = event.locals.ctx.user;
  if (!user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname)}`);
  return user;
}

export const actions: Actions = {
  support: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const withdraw = text(form, 'withdraw') === '1';
    const input = readForm(withdraw ? ideaContracts.withdrawSupport : ideaContracts.supportIdea, form, { id: event.params.id });
    const result = !input.ok ? input : withdraw ? await event.locals.platform.ideas.withdrawSupport(user, input.value.id) : await event.locals.platform.ideas.supportIdea(user, input.value.id);
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('ideas.supported') };
  },
  follow: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(ideaContracts.followIdea, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.ideas.followIdea(user, input.value.id, input.value.follow) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return {};
  },
  comment: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { body: text(form, 'body'), parentId: text(form, 'parentId') };
    // A comment (not a reply) sends an empty parentId: read as none.
    if (values.parentId === '') form.delete('parentId');
    const input = readForm(ideaContracts.postComment, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.ideas.postComment(user, { ideaId: input.value.id, body: input.value.body, parentId: input.value.parentId }) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    redirect(303, `${event.url.pathname}#comment-${result.value.id}`);
  },
  report: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(moderationContracts.reportContent, form, { id: text(form, 'targetId') });
    const result = input.ok ? await event.locals.platform.moderation.reportContent(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, { targetId: text(form, 'targetId'), text: text(form, 'text') });
    return { done: event.locals.t('reportForm.sent') };
  },
  hide: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(moderationContracts.hideItem, form, { type: text(form, 'target'), id: text(form, 'targetId') });
    const result = input.ok ? await event.locals.platform.moderation.hideItem(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, { targetId: text(form, 'targetId') });
    return { done: event.locals.t('moderation.hidden') };
  },
  answer: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { status: text(form, 'status'), answer: text(form, 'answer') };
    const input = readForm(ideaContracts.answerIdea, form, { id: event.params.id, body: values.answer });
    const result = input.ok ? await event.locals.platform.feedback.answerIdea(user, input.value.id, { status: input.value.status, body: input.value.body ?? '' }) : input;
    if (!result.ok) return formFailure(event.locals, renameFields(result, { body: 'answer' }), values);
    return { done: event.locals.t('answer.saved') };
  },
  milestone: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { title: text(form, 'milestoneTitle'), date: text(form, 'date'), progress: text(form, 'progress') };
    const input = readForm(ideaContracts.addMilestone, form, { id: event.params.id, title: values.title });
    const result = input.ok ? await event.locals.platform.feedback.addMilestone(user, event.params.id, { title: input.value.title, date: input.value.date, progress: input.value.progress }) : input;
    if (!result.ok) return formFailure(event.locals, renameFields(result, { title: 'milestoneTitle' }), values);
    return { done: event.locals.t('manage.saved') };
  },
};
