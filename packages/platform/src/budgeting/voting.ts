import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { createFloodGuard, voteFloodLimit } from '../shared/flood-guard.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetingContext } from './budgeting.context.ts';
import type { BudgetRow, OnlineBallotRow, ProjectRow, SettingsRow } from './budgeting.repository.ts';
import { checkBallot, ineligibility, rankPoints, receiptCode } from './ballot-rules.ts';

type C = typeof budgetingContracts;
type Receipt = OutputOf<C['castBallot']>;

/** The receipt of a stored ballot: what was voted (in ballot order), the total cost, the code and until when it can change. */
function receiptOf(ballot: OnlineBallotRow, settings: SettingsRow, projects: ReadonlyMap<string, ProjectRow>, endsOn: string): Receipt {
  const ranked = settings.ballot_kind === 'ranking' ? rankPoints(settings, ballot.projects.length) : null;
  const lines = ballot.projects.flatMap((id, i) => {
    const p = projects.get(id);
    if (!p) return [];
    const points = ballot.points?.[i] ?? ranked?.[i] ?? null;
    return [{ id, number: p.number, title: p.title, cost: p.cost, points }];
  });
  return {
    budgetId: ballot.budget_id,
    code: ballot.receipt ?? '',
    projects: lines,
    total: lines.reduce((sum, l) => sum + l.cost, 0),
    castAt: ballot.updated_at.toISOString(),
    changeableUntil: endsOn,
  };
}

/** Casting a ballot online while the phase is open, and a voter's own ballots and receipts. */
export function votingUseCases(ctx: BudgetingContext) {
  const { deps, repo, today, votingPhase, visiblePhase, publishedOf } = ctx;
  const currentYear = () => Number(today().slice(0, 4));
  const flood = createFloodGuard(voteFloodLimit);

  /** Why the actor may not vote in each budget (null: they may), from their resident profile. */
  async function eligibilityOf(actor: Actor, settings: SettingsRow, budgets: readonly BudgetRow[]) {
    const profile = await deps.accounts.getResidentProfile(actor);
    const year = currentYear();
    return new Map(budgets.map((b) => [b.id, ineligibility(settings, b, profile, year)] as const));
  }

  return {
    /** How many ballots a phase's vote has: a phase with inputs is kept. */
    inputsOfPhase: (phaseId: string): Promise<number> => repo.ballotCount(phaseId),

    /**
     * Casts the actor's ballot in a budget (the one named, or the only one they may vote in), or replaces their
     * earlier one there with a new receipt code. Eligibility (area, age, voter group) is checked now. Any broken
     * rule is `BallotInvalid` naming the field (`budgetId`, `projects`, `points`, `ranking`); nothing is stored.
     * A person casting faster than `voteFloodLimit` is `RateLimited`. The receipt is given once the ballot is
     * committed to disk (ballots cast together share one transaction).
     */
    async castBallot(actor: Actor | null, input: InputOf<C['castBallot']>): Promise<Result<Receipt>> {
      if (!actor) return fail('NotSignedIn');
      const flooded = flood.take(actor.id);
      if (flooded) return flooded;
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const found = await votingPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase, paper } = found.value;
      const { settings, budgets } = paper;
      if (phase.state !== 'open') return fail('PhaseClosed');
      const why = await eligibilityOf(actor, settings, budgets);
      let budget: BudgetRow | undefined;
      if (input.budgetId !== undefined) {
        budget = budgets.find((b) => b.id === input.budgetId);
        if (!budget) return fail('BallotInvalid', [{ field: 'budgetId', message: 'budgeting.ballot.budgetUnknown' }]);
      } else {
        const open = budgets.filter((b) => why.get(b.id) === null);
        budget = budgets.length === 1 ? budgets[0] : open.length === 1 ? open[0] : undefined;
        if (!budget) return fail('BallotInvalid', [{ field: 'budgetId', message: 'budgeting.ballot.budgetRequired' }]);
      }
      const reason = why.get(budget.id);
      if (reason) return fail('BallotInvalid', [{ field: 'budgetId', message: reason }]);
      const projects = paper.projects.get(budget.id) ?? [];
      const costs = new Map(projects.map((p) => [p.id, p.cost] as const));
      const checked = checkBallot(settings, budget.amount, costs, input);
      if (!checked.ok) return checked;
      const row = await repo.upsertOnlineBallot({
        phaseId: phase.id,
        budgetId: budget.id,
        voterId: actor.id,
        projects: checked.value.projects,
        points: checked.value.points,
        receipt: receiptCode(),
      });
      return ok(receiptOf(row, settings, new Map(projects.map((p) => [p.id, p] as const)), phase.endsOn));
    },

    /**
     * The actor's place in each budget of the phase: whether they may vote there (and why not, a message key),
     * their ballot's receipt, and once results are published, the projects on their ballot that won, with
     * what their share paid (MES rules).
     */
    async myBallot(actor: Actor | null, input: InputOf<C['myBallot']>): Promise<Result<OutputOf<C['myBallot']>>> {
      if (!actor) return fail('NotSignedIn');
      const found = await visiblePhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase, settings } = found.value;
      const [budgets, ballots, projects] = await Promise.all([repo.budgetsOf(phase.id), repo.onlineBallotsOf(phase.id, actor.id), repo.projectsOf(phase.id)]);
      const why = await eligibilityOf(actor, settings, budgets);
      const byId = new Map(projects.map((p) => [p.id, p] as const));
      const published = await publishedOf(budgets.map((b) => b.id));
      return ok({
        budgets: budgets.map((b) => {
          const ballot = ballots.find((x) => x.budget_id === b.id);
          const result = published.get(b.id);
          const paid = ballot ? result?.payments.get(ballot.id) : undefined;
          const funded =
            ballot && result
              ? result.selected.filter((id) => ballot.projects.includes(id)).map((id) => ({ id, title: byId.get(id)?.title ?? {}, paid: paid?.get(id) ?? null }))
              : null;
          return {
            budgetId: b.id,
            eligible: why.get(b.id) === null,
            why: why.get(b.id) ?? null,
            receipt: ballot ? receiptOf(ballot, settings, byId, phase.endsOn) : null,
            funded,
          };
        }),
      });
    },
  };
}
