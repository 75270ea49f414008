import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetingContext } from './budgeting.context.ts';

type C = typeof budgetingContracts;

/**
 * Moving a vote's dates: staff open a budgeting phase earlier or later and extend or shorten it, until it closes.
 * The phase's dates belong to the processes module, which moves them (no overlap with the process's other
 * phases, the end on or after the start); the budgeting rules are checked here first.
 */
export function votingDateUseCases(ctx: BudgetingContext) {
  const { deps, repo, today, managedPhase, audit } = ctx;
  return {
    /**
     * Moves the phase's opening and closing days. Refused once the phase has closed (`PhaseClosed`), with a
     * closing day before today (`endsOn`), or, once ballots were cast, with an opening day after today
     * (`startsOn`: the vote cannot become "not yet open" with ballots in it). Overlap and order: as processes.
     */
    async moveVotingDates(actor: Actor | null, input: InputOf<C['moveVotingDates']>): Promise<Result<OutputOf<C['moveVotingDates']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { actor: staff, phase, process } = found.value;
      if (phase.state === 'closed') return fail('PhaseClosed', [{ field: 'endsOn', message: 'budgeting.dates.closed' }]);
      const now = today();
      const errors: FieldError[] = [];
      if (input.endsOn < now) errors.push({ field: 'endsOn', message: 'budgeting.dates.endPast' });
      if (input.startsOn > now && (await repo.phaseHasBallots(phase.id))) errors.push({ field: 'startsOn', message: 'budgeting.dates.startWithBallots' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const moved = await deps.processes.movePhase(staff, process.id, phase.id, { startsOn: input.startsOn, endsOn: input.endsOn });
      if (!moved.ok) return moved;
      await audit(staff, 'voting_dates_moved', 'phase', phase.id, { from: { startsOn: phase.startsOn, endsOn: phase.endsOn }, to: { startsOn: input.startsOn, endsOn: input.endsOn } });
      return ok({ ok: true as const });
    },
  };
}
