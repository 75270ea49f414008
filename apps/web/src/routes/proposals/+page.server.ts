import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { statusLabels } from '$lib/server/labels';
import { formatsOf } from '$lib/format';
import { resolveText } from '@tingsted/platform/shared';

/** The groups the section shows, in this order: what can be signed first, then what the municipality has. */
const groups = ['collecting', 'submitted', 'answered', 'expired', 'draft'] as const;

// The municipality's always-open proposals section: every proposals phase's proposals by status, and where to
// write a new one. The same use case as GET /api/v1/proposals.
export const load: PageServerLoad = async ({ locals }) => {
  const listed = await locals.platform.proposals.municipalProposals(locals.ctx.user, {});
  if (!listed.ok) error(404, { message: 'NotFound' });
  const f = formatsOf(locals);
  const proposals = listed.value.proposals.map((p) => ({
    ...p,
    group: p.expired ? 'expired' : p.stage,
    deadlineText: p.deadline ? f.dateTime(p.deadline) : null,
    answerDueText: p.answerDue ? f.date(p.answerDue) : null,
    signaturesText: f.number(p.signatures),
  }));
  const places = [];
  for (const phase of listed.value.phases.filter((p) => p.open)) {
    const found = await locals.platform.processes.getProcess(locals.ctx.user, phase.processSlug);
    if (!found.ok) continue;
    const title = resolveText(found.value.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
    places.push({ href: `/processes/${phase.processSlug}/proposals?phase=${phase.id}#new-proposal`, title: title.text, lang: title.locale });
  }
  return {
    groups: groups.map((group) => ({ group, proposals: proposals.filter((p) => p.group === group) })).filter((g) => g.proposals.length > 0 || g.group === 'collecting'),
    places,
    canDraft: listed.value.can.draft,
    signedIn: locals.ctx.user !== null,
    statusLabels: await statusLabels(locals),
  };
};
