import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { formatDate } from '$lib/server/present';
import { requireUser } from '$lib/server/session';
import { moderationContracts as c, presentQueueEntry } from '@tingsted/platform/moderation';
import { problemOf } from '@tingsted/platform/edge';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const wanted = url.searchParams.get('process');
  const processId = wanted && uuid.test(wanted) ? wanted : undefined;
  const [queue, processes] = await Promise.all([locals.platform.moderation.moderationQueue(user, { processId }), locals.platform.processes.listProcesses(user, { status: 'all', pageSize: 100 })]);
  const slugs = new Map((processes.ok ? processes.value : []).map((p) => [p.id, p.slug]));
  const date = (iso: string) => formatDate(iso.slice(0, 10), locals.ctx.locale);
  const entries = (queue.ok ? queue.value : []).map((entry) => {
    const shown = presentQueueEntry(entry, user);
    const slug = slugs.get(shown.processId);
    return {
      ...shown,
      key: `${shown.type}:${shown.id}`,
      sinceDate: date(shown.since),
      reports: shown.reports.map((r) => ({ ...r, date: date(r.at) })),
      blockedUntilDate: shown.author.blockedUntil ? date(shown.author.blockedUntil) : null,
      link: shown.link ?? (slug ? (shown.type === 'proposal' ? `/processes/${slug}/proposals/${shown.id}` : shown.ideaId ? `/processes/${slug}/ideas/${shown.ideaId}${shown.type === 'comment' ? `#comment-${shown.id}` : ''}` : `/processes/${slug}`) : null),
    };
  });
  return { entries, processId: processId ?? null };
};

/** The item an action names: its kind and id from the form's hidden fields. */
function item(form: FormData) {
  return { type: text(form, 'type'), id: text(form, 'id') };
}

export const actions: Actions = {
  approve: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.approveItem, form, item(form));
    const result = input.ok ? await locals.platform.moderation.approveItem(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { item: text(form, 'id') });
    return { done: locals.t('moderate.done.approved') };
  },
  hide: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.hideItem, form, item(form));
    const result = input.ok ? await locals.platform.moderation.hideItem(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { item: text(form, 'id'), reason: text(form, 'reason') });
    return { done: locals.t('moderate.done.hidden') };
  },
  restore: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.restoreItem, form, item(form));
    const result = input.ok ? await locals.platform.moderation.restoreItem(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { item: text(form, 'id') });
    return { done: locals.t('moderate.done.restored') };
  },
  block: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.blockAuthor, form, item(form));
    const result = input.ok ? await locals.platform.moderation.blockAuthor(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { item: text(form, 'id'), reason: text(form, 'reason'), days: text(form, 'days') });
    return { done: locals.t('moderate.done.blocked', { date: formatDate(result.value.until.toISOString().slice(0, 10), locals.ctx.locale) }) };
  },
  bulk: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    // Each checkbox is "type:id".
    const items = form.getAll('items').flatMap((v) => {
      const [type = '', id = ''] = typeof v === 'string' ? v.split(':') : [];
      return type && id ? [{ type, id }] : [];
    });
    const input = readForm(c.bulkModerate, form, { items });
    const result = input.ok ? await locals.platform.moderation.bulkModerate(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { reason: text(form, 'reason') });
    const outcomes = result.value.outcomes;
    const failed = outcomes.flatMap((o) => {
      if (o.ok || !o.failure) return [];
      const problem = problemOf(locals.ctx.locale, o.failure);
      return [{ key: `${o.type}:${o.id}`, message: problem.fields[0]?.message ?? problem.message }];
    });
    return { done: locals.t('moderate.done.bulk', { done: outcomes.length - failed.length, total: outcomes.length }), failed };
  },
};
