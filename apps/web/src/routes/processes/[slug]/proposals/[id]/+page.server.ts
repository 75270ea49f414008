import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { roleLabel, statusLabels } from '$lib/server/labels';
import { formatDate } from '$lib/server/present';
import { formatsOf } from '$lib/format';
import { proposalContracts as c } from '@tingsted/platform/proposals';
import { moderationContracts } from '@tingsted/platform/moderation';
import { renameFields } from '@tingsted/platform/edge';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const result = await locals.platform.proposals.proposalOf(locals.ctx.user, { id: params.id });
  if (!result.ok || result.value.processSlug !== params.slug) error(404, { message: 'NotFound' });
  const { proposal, answers, milestones } = result.value;
  const f = formatsOf(locals);
  const statuses = await locals.platform.feedback.statuses();
  return {
    process: { slug: params.slug },
    proposal: {
      ...proposal,
      signaturesText: f.number(proposal.signatures),
      deadlineText: proposal.deadline ? f.dateTime(proposal.deadline) : null,
      answerDueText: proposal.answerDue ? f.date(proposal.answerDue) : null,
      reachedText: proposal.reachedAt ? f.date(proposal.reachedAt) : null,
    },
    invited: result.value.invited,
    coauthors: result.value.coauthors,
    shownSigners: result.value.shownSigners,
    answers: answers.map((a) => ({ status: a.status, body: a.body, signature: locals.t('ideas.answeredBy', { name: a.authorName, role: roleLabel(locals, a.authorRole), date: f.date(a.createdAt) }) })),
    milestones: milestones.map((m) => ({ ...m, date: formatDate(m.date, locals.ctx.locale) })),
    statusLabels: await statusLabels(locals),
    statuses: statuses.map((s) => ({ key: s.key })),
    allowsProgress: statuses.find((s) => s.key === proposal.status)?.allowsProgress ?? false,
    areas: locals.ctx.municipality.areas,
    signedIn: locals.ctx.user !== null,
    drafted: url.searchParams.get('drafted') === '1',
  };
};

function signedIn(event: RequestEvent) {
  const user = event.locals.ctx.user;
  if (!user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname)}`);
  return user;
}

export const actions: Actions = {
  sign: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(c.signProposal, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.signProposal(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t(result.value.reachedThreshold ? 'prop.signedReached' : 'prop.signed') };
  },
  withdraw: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(c.withdrawSignature, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.withdrawSignature(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('prop.withdrawn') };
  },
  edit: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body'), decision: text(form, 'decision'), area: text(form, 'area') };
    const input = readForm(c.editProposal, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.editProposal(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    return { done: event.locals.t('manage.saved') };
  },
  addImage: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const upload = form.get('file');
    const file = upload instanceof File ? upload : null;
    const values = { altText: text(form, 'altText') };
    // The image as the API carries it (base64), read with the same contract as POST /proposals/:id/images.
    const input = readForm(c.addProposalImage, form, {
      id: event.params.id,
      locale: event.locals.ctx.locale,
      file: { filename: file?.name ?? '', contentType: file?.type ?? '', data: file ? Buffer.from(await file.arrayBuffer()).toString('base64') : '' },
    });
    const result = input.ok ? await event.locals.platform.proposals.addProposalImage(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    return { done: event.locals.t('prop.images.added') };
  },
  removeImage: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(c.removeProposalImage, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.removeProposalImage(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('prop.images.removed') };
  },
  invite: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { email: text(form, 'email') };
    const input = readForm(c.inviteCoauthor, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.inviteCoauthor(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, values);
    return { done: event.locals.t('prop.invited') };
  },
  accept: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(c.acceptCoauthorship, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.acceptCoauthorship(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('prop.accepted') };
  },
  publish: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(c.publishProposal, form, { id: event.params.id });
    const result = input.ok ? await event.locals.platform.proposals.publishProposal(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result);
    return { done: event.locals.t('prop.published') };
  },
  report: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(moderationContracts.reportContent, form, { id: event.params.id, type: 'proposal' });
    const result = input.ok ? await event.locals.platform.moderation.reportContent(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, { targetId: event.params.id, text: text(form, 'text') });
    return { done: event.locals.t('reportForm.sent') };
  },
  hide: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const input = readForm(moderationContracts.hideItem, form, { type: 'proposal', id: event.params.id });
    const result = input.ok ? await event.locals.platform.moderation.hideItem(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, result, { targetId: event.params.id });
    return { done: event.locals.t('moderation.hidden') };
  },
  answer: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { status: text(form, 'status'), answer: text(form, 'answer') };
    const input = readForm(c.answerProposal, form, { id: event.params.id, body: values.answer });
    const result = input.ok ? await event.locals.platform.proposals.answerProposal(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, renameFields(result, { body: 'answer' }), values);
    return { done: event.locals.t('answer.saved') };
  },
  milestone: async (event) => {
    const user = signedIn(event);
    const form = await event.request.formData();
    const values = { title: text(form, 'milestoneTitle'), date: text(form, 'date'), progress: text(form, 'progress') };
    const input = readForm(c.addProposalMilestone, form, { id: event.params.id, title: values.title });
    const result = input.ok ? await event.locals.platform.proposals.addProposalMilestone(user, input.value) : input;
    if (!result.ok) return formFailure(event.locals, renameFields(result, { title: 'milestoneTitle' }), values);
    return { done: event.locals.t('manage.saved') };
  },
};
