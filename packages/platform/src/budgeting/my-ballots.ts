import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { processesPolicy } from '../processes/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetingContext } from './budgeting.context.ts';
import { presentReceipt } from './budgeting.presenter.ts';
import { readPublished } from './published.ts';

type C = typeof budgetingContracts;
type MyBallot = OutputOf<C['myBallots']>['ballots'][number];

/** A voter's own page: every ballot they cast online, in every budgeting phase, and what became of it. */
export function myBallotUseCases(ctx: BudgetingContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Every ballot the actor cast online, newest first, in phases they may still see: where (process, phase,
     * budget), the receipt (what they voted and the verification code), and once the budget's results are
     * published, each project on the ballot with whether it was funded, why (the rule's reason), and under a
     * Method of Equal Shares rule what the voter's share paid toward it.
     */
    async myBallots(actor: Actor | null, _input: InputOf<C['myBallots']>): Promise<Result<OutputOf<C['myBallots']>>> {
      if (!actor) return fail('NotSignedIn');
      const ballots = await repo.onlineBallotsOfVoter(actor.id);
      if (ballots.length === 0) return ok({ ballots: [] });
      const phaseIds = [...new Set(ballots.map((b) => b.phase_id))];
      const budgetIds = [...new Set(ballots.map((b) => b.budget_id))];
      const [phases, budgets, projects, published, settings] = await Promise.all([
        Promise.all(phaseIds.map(async (id) => [id, await deps.processes.getPhase(id)] as const)),
        repo.budgetsById(budgetIds),
        repo.projectsById([...new Set(ballots.flatMap((b) => b.projects))]),
        repo.publishedResultsOf(budgetIds),
        Promise.all(phaseIds.map(async (id) => [id, await repo.settingsOf(id)] as const)),
      ]);
      const phaseOf = new Map(phases);
      const settingsOf = new Map(settings);
      const budgetOf = new Map(budgets.map((b) => [b.id, b] as const));
      const projectOf = new Map(projects.map((p) => [p.id, p] as const));
      const resultOf = new Map(published.map((r) => [r.budget_id, { outcome: readPublished(r.result), rule: r.rule, at: r.published_at }] as const));
      const visible = processesPolicy.visibleStatuses(actor);
      const out: MyBallot[] = [];
      for (const ballot of ballots) {
        const found = phaseOf.get(ballot.phase_id);
        const design = settingsOf.get(ballot.phase_id);
        const budget = budgetOf.get(ballot.budget_id);
        if (!found || !design || !budget || !visible.includes(found.process.status)) continue;
        const result = resultOf.get(budget.id);
        const paid = result?.outcome.payments.get(ballot.id);
        out.push({
          phaseId: found.phase.id,
          processSlug: found.process.slug,
          processTitle: found.process.title,
          phaseTitle: found.phase.title,
          state: found.phase.state,
          budgetId: budget.id,
          budgetName: budget.name,
          ballotKind: design.ballot_kind,
          rule: result?.rule ?? design.rule,
          currency: design.currency,
          receipt: presentReceipt(ballot, design, projectOf, found.phase.endsOn),
          publishedAt: result?.at?.toISOString() ?? null,
          outcomes: result
            ? ballot.projects.map((id) => {
                const outcome = result.outcome.projects.get(id);
                return { id, funded: outcome?.selected ?? false, rank: outcome?.rank ?? null, paid: paid?.get(id) ?? null, reason: outcome?.reason ?? '' };
              })
            : null,
        });
      }
      return ok({ ballots: out });
    },
  };
}
