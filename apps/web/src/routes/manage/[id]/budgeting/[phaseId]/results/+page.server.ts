import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { formFailure, readForm } from '$lib/server/forms';
import { budgetingPhaseOf, formatMoney, textIn } from '$lib/server/budgeting-staff';
import { isMessageKey } from '$lib/i18n/translate.server';

const rules = ['greedy', 'mes', 'mes-add1', 'mes-add1-exhaustive'] as const;
type Rule = (typeof rules)[number];
const isRule = (value: string | null): value is Rule => rules.some((r) => r === value);

/** A tie-break criterion in the reader's language (the key itself for one this page does not know). */
function tieLabel(locals: App.Locals, key: string): string {
  const message = `budgeting.manage.tie.${key}`;
  return isMessageKey(message) ? locals.t(message) : key;
}

/** Why a project won or lost, in the reader's language (the ballot pages' words), with its effective votes under MES. */
function whyText(locals: App.Locals, project: { reason: string; detail: string; effectiveVotes: number | null }): string {
  const message = `pb.reason.${project.reason}`;
  const reason = isMessageKey(message) ? locals.t(message) : project.detail;
  return project.effectiveVotes === null ? reason : `${reason}; ${locals.t('pb.results.effective', { votes: project.effectiveVotes.toFixed(2) })}`;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  const view = await locals.platform.budgeting.budgetingOf(locals.ctx.user, { phaseId: phase.id });
  if (!view.ok) error(403, { message: view.code });
  const { design } = view.value;
  // The announced rule beside another: greedy when the charter announced a form of MES, MES with Add1 otherwise.
  const wanted = url.searchParams.get('compare');
  const announced = design.rule;
  const other: Rule = isRule(wanted) && wanted !== announced ? wanted : announced === 'greedy' ? 'mes-add1' : 'greedy';
  const money = (n: number) => formatMoney(n, design.currency, locals.ctx.locale);
  const byId = new Map(view.value.projects.map((p) => [p.id, p]));
  const budgets = [];
  for (const budget of view.value.budgets) {
    const [main, compared] = await Promise.all([
      locals.platform.budgeting.budgetingResults(locals.ctx.user, { phaseId: phase.id, budgetId: budget.id, rule: announced }),
      locals.platform.budgeting.budgetingResults(locals.ctx.user, { phaseId: phase.id, budgetId: budget.id, rule: other }),
    ]);
    if (!main.ok || !compared.ok) {
      budgets.push({ id: budget.id, title: textIn(locals, budget.name), amount: money(budget.amount), result: null, problem: locals.t(`error.${main.ok ? (compared.ok ? 'Internal' : compared.code) : main.code}`) });
      continue;
    }
    const otherRank = new Map(compared.value.projects.map((p) => [p.id, p.selected ? p.rank : null]));
    const r = main.value;
    budgets.push({
      id: budget.id,
      title: textIn(locals, budget.name),
      amount: money(budget.amount),
      problem: null,
      result: {
        ballots: r.ballots,
        spent: money(r.cost),
        otherSpent: money(compared.value.cost),
        otherCount: compared.value.selected.length,
        ballotsHash: r.ballotsHash,
        publishedAt: r.publishedAt,
        tieBreak: r.tieBreak.map((k) => tieLabel(locals, k)).join(' → ') || '–',
        seed: r.seed,
        ties: r.ties.map((tie) => ({ tied: tie.tied.map((id) => byId.get(id)?.number ?? 0).join(', '), winner: byId.get(tie.winner)?.number ?? 0, by: tieLabel(locals, tie.decidedBy) })),
        projects: r.projects
          .map((p) => {
            const project = byId.get(p.id);
            return {
              id: p.id,
              number: project?.number ?? 0,
              title: project ? textIn(locals, project.title) : p.id,
              cost: project ? money(project.cost) : '',
              votes: p.votes,
              selected: p.selected,
              rank: p.rank,
              reason: p.reason,
              why: whyText(locals, p),
              otherRank: otherRank.get(p.id) ?? null,
            };
          })
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.votes - a.votes || a.number - b.number),
      },
    });
  }
  return { announced, other, rules: [...rules], budgets };
};

export const actions: Actions = {
  publish: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const input = readForm(c.publishResults, form, { phaseId: phase.id });
    if (!input.ok) return formFailure(locals, input);
    const result = await locals.platform.budgeting.publishResults(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result);
    return { published: result.value.results.length };
  },
};
