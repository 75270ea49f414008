import type { PageServerLoad } from './$types';
import type { OutputOf } from '@tingsted/platform/edge';
import type { budgetingContracts } from '@tingsted/platform/budgeting';
import { isMessageKey } from '$lib/i18n/translate.server';
import { formatMoney } from '$lib/budgeting/money';
import { formatDateTime, loadBudgeting, localize, presentBudget, type BudgetingProject } from '$lib/server/budgeting';

type Result = OutputOf<typeof budgetingContracts.budgetingResults>;
type Rule = Result['rule'];

/** The rule a phase's results are compared with: MES beside greedy, greedy beside any MES. */
function otherRule(rule: Rule): Rule {
  return rule === 'greedy' ? 'mes-add1' : 'greedy';
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { budgeting, process, phase } = await loadBudgeting(locals, params.slug, params.phaseId);
  const { design } = budgeting;
  const user = locals.ctx.user;
  const locale = locals.ctx.locale;
  const money = (amount: number) => formatMoney(amount, design.currency, locale);
  const label = (prefix: string, key: string) => (isMessageKey(`${prefix}${key}`) ? locals.t(`${prefix}${key}` as Parameters<App.Locals['t']>[0]) : key);
  const byId = new Map<string, BudgetingProject>(budgeting.projects.map((p) => [p.id, p]));
  const title = (id: string) => {
    const p = byId.get(id);
    const text = p ? localize(locals, p.title) : { text: id, locale };
    return { number: p?.number ?? null, title: text.text, lang: text.locale };
  };
  // Shares are of the ballots counted: raw counts, as tallied.
  const share = (votes: number, ballots: number) => (ballots > 0 ? `${Math.round((votes / ballots) * 1000) / 10} %` : '–');
  const present = (r: Result) => ({
    rule: r.rule,
    ruleName: label('pb.rule.', r.rule),
    selected: r.selected.map((s, i) => ({ rank: i + 1, id: s.id, ...title(s.id), costText: money(s.cost), votes: s.votes, share: share(s.votes, r.ballots) })),
    costText: money(r.cost),
    leftText: money(r.budget - r.cost),
    ballots: r.ballots,
    tieBreak: r.tieBreak.map((key) => label('pb.tieBreak.', key)),
    seed: r.seed,
    ties: r.ties.map((tie) => ({ tied: tie.tied.map((id) => title(id).title), winner: title(tie.winner).title, decidedBy: label('pb.tieBreak.', tie.decidedBy) })),
    ballotsHash: r.ballotsHash,
    computedAt: formatDateTime(r.computedAt, locale),
    publishedAt: r.publishedAt ? formatDateTime(r.publishedAt, locale) : null,
  });
  /** Why each project won or lost under a result's rule, by project id. */
  const whyOf = (r: Result) =>
    new Map(r.projects.map((p) => [p.id, { selected: p.selected, rank: p.rank, reason: label('pb.reason.', p.reason), detail: p.detail, votes: p.votes, effective: p.effectiveVotes === null ? null : p.effectiveVotes.toFixed(2) }]));
  const mine = user ? await locals.platform.budgeting.myBallot(user, { phaseId: phase.id }) : null;
  const budgets = [];
  for (const budget of budgeting.budgets) {
    const main = await locals.platform.budgeting.budgetingResults(user, { phaseId: phase.id, budgetId: budget.id, rule: design.rule });
    const other = main.ok ? await locals.platform.budgeting.budgetingResults(user, { phaseId: phase.id, budgetId: budget.id, rule: otherRule(design.rule) }) : null;
    const mainResult = main.ok ? present(main.value) : null;
    const otherResult = other?.ok ? present(other.value) : null;
    const otherWhy = other?.ok ? whyOf(other.value) : null;
    // Every project on the ballot, the phase rule's winners first in their order, then by votes.
    const explained = main.ok && mainResult
      ? [...whyOf(main.value).entries()]
          .sort(([, a], [, b]) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || b.votes - a.votes)
          .map(([id, why]) => {
            const p = byId.get(id);
            return { id, ...title(id), costText: p ? money(p.cost) : '', votes: why.votes, share: share(why.votes, mainResult.ballots), main: why, other: otherWhy?.get(id) ?? null };
          })
      : [];
    const funded = mine?.ok ? (mine.value.budgets.find((b) => b.budgetId === budget.id)?.funded ?? null) : null;
    budgets.push({
      ...presentBudget(locals, budget, design.currency),
      main: mainResult,
      other: otherResult,
      explained,
      funded: funded?.map((f) => ({ id: f.id, ...localize(locals, f.title), paid: f.paid === null ? null : money(Math.round(f.paid)) })) ?? null,
    });
  }
  return { process, phase, kind: design.ballotKind, budgets, isMes: design.rule !== 'greedy' };
};
