import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import { localeOf, withText, type BudgetingContext } from './budgeting.context.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import { presentBudget, presentDesign, presentProject } from './budgeting.presenter.ts';
import type { SettingsChange } from './budgeting.repository.ts';

type C = typeof budgetingContracts;

/** Checks a design as a whole (each field's range is the contract's): limits in order, the kind's own numbers set. */
export function designErrors(design: SettingsChange): FieldError[] {
  const errors: FieldError[] = [];
  if (design.min_projects !== null && design.max_projects !== null && design.min_projects > design.max_projects) {
    errors.push({ field: 'maxProjects', message: 'budgeting.design.maxBelowMin' });
  }
  if (design.ballot_kind === 'points' && design.points_total === null) errors.push({ field: 'pointsTotal', message: 'field.required' });
  if (design.ballot_kind === 'ranking' && design.rank_limit === null) errors.push({ field: 'rankLimit', message: 'field.required' });
  if (design.tie_break.length !== new Set(design.tie_break).size) errors.push({ field: 'tieBreak', message: 'field.listedTwice' });
  if (design.seed.trim() === '') errors.push({ field: 'seed', message: 'field.required' });
  return errors;
}

/** The ballot design of a phase and its budgets: reading them, and staff setting them up. */
export function designUseCases(ctx: BudgetingContext) {
  const { repo, visiblePhase, managedPhase, managedBudget, audit, imagesOf } = ctx;
  return {
    /**
     * A budgeting phase as its pages show it: its state, ballot design, budgets (with the projects on each
     * and the ballots counted), the projects (staff: every project with its review; others: those on the
     * ballot) and what the actor may do.
     */
    async budgetingOf(actor: Actor | null, input: InputOf<C['budgetingOf']>): Promise<Result<OutputOf<C['budgetingOf']>>> {
      const found = await visiblePhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase, settings } = found.value;
      const staff = budgetingPolicy.manage(actor);
      const [budgets, all, ballots] = await Promise.all([repo.budgetsOf(phase.id), repo.projectsOf(phase.id), repo.countedBallotsByBudget(phase.id)]);
      const projects = staff ? all : all.filter((p) => p.review === 'eligible');
      const anyBallots = staff ? await repo.phaseHasBallots(phase.id) : false;
      const withBallots = new Set<string>();
      if (anyBallots) {
        for (const b of budgets) if (await repo.budgetHasBallots(b.id)) withBallots.add(b.id);
      }
      const images = await imagesOf(projects);
      return ok({
        phaseId: phase.id,
        state: phase.state,
        design: presentDesign(settings),
        budgets: budgets.map((b) => presentBudget(b, { projects: projects.filter((p) => p.budget_id === b.id).length, ballots: ballots.get(b.id) ?? 0 })),
        projects: projects.map((p) => presentProject(p, actor, { budgetHasBallots: withBallots.has(p.budget_id), images: images.get(p.id) ?? [] })),
        can: budgetingPolicy.can(actor, phase),
      });
    },

    /** Sets the ballot design and counting rule (fields left out keep their value); refused once ballots exist. */
    async designBallot(actor: Actor | null, input: InputOf<C['designBallot']>): Promise<Result<OutputOf<C['designBallot']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { settings } = found.value;
      const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
      const next: SettingsChange = {
        ballot_kind: pick(input.ballotKind, settings.ballot_kind),
        min_projects: pick(input.minProjects, settings.min_projects),
        max_projects: pick(input.maxProjects, settings.max_projects),
        points_total: pick(input.pointsTotal, settings.points_total),
        rank_limit: pick(input.rankLimit, settings.rank_limit),
        rule: pick(input.rule, settings.rule),
        greedy_threshold: pick(input.greedyThreshold, settings.greedy_threshold),
        tie_break: input.tieBreak ? [...input.tieBreak] : settings.tie_break,
        seed: pick(input.seed, settings.seed).trim(),
        currency: pick(input.currency, settings.currency),
        voters: pick(input.voters, settings.voters),
        min_age: pick(input.minAge, settings.min_age),
      };
      const errors = designErrors(next);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (await repo.phaseHasBallots(input.phaseId)) return fail('Conflict');
      await repo.updateSettings(input.phaseId, next);
      await audit(found.value.actor, 'design_changed', 'phase', input.phaseId, { ballotKind: next.ballot_kind, rule: next.rule, voters: next.voters, minAge: next.min_age });
      return ok({ ok: true as const });
    },

    /** Adds a budget: a district's (area) or the citywide one (no area); one per area. */
    async addBudget(actor: Actor | null, input: InputOf<C['addBudget']>): Promise<Result<OutputOf<C['addBudget']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const name = input.name.trim();
      const area = input.area?.trim() || null;
      const errors: FieldError[] = [];
      if (name === '') errors.push({ field: 'name', message: 'field.required' });
      if (!Number.isInteger(input.amount) || input.amount <= 0) errors.push({ field: 'amount', message: 'budgeting.budget.amountPositive' });
      if (errors.length === 0 && (await repo.budgetForAreaExists(input.phaseId, area))) errors.push({ field: 'area', message: 'budgeting.budget.areaTaken' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertBudget({ phaseId: input.phaseId, name: withText({}, localeOf(input.locale), name), area, amount: input.amount });
      // Another manager added a budget for the area meanwhile: the unique index refused this one.
      if (id === null) return fail('ValidationFailed', [{ field: 'area', message: 'budgeting.budget.areaTaken' }]);
      await audit(found.value.actor, 'budget_added', 'budget', id, { phaseId: input.phaseId, area, amount: input.amount });
      return ok({ id });
    },

    /** Renames a budget (in one language) or changes its amount; refused once ballots exist for it. */
    async updateBudget(actor: Actor | null, input: InputOf<C['updateBudget']>): Promise<Result<OutputOf<C['updateBudget']>>> {
      const found = await managedBudget(actor, input.budgetId);
      if (!found.ok) return found;
      const { budget } = found.value;
      const errors: FieldError[] = [];
      if (input.name !== undefined && input.name.trim() === '') errors.push({ field: 'name', message: 'field.required' });
      if (input.amount !== undefined && (!Number.isInteger(input.amount) || input.amount <= 0)) errors.push({ field: 'amount', message: 'budgeting.budget.amountPositive' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (await repo.budgetHasBallots(budget.id)) return fail('Conflict');
      await repo.updateBudget(budget.id, {
        ...(input.name !== undefined ? { name: withText(budget.name, localeOf(input.locale), input.name) } : {}),
        ...(input.amount !== undefined ? { amount: input.amount } : {}),
      });
      await audit(found.value.actor, 'budget_updated', 'budget', budget.id, { amount: input.amount ?? budget.amount });
      return ok({ ok: true as const });
    },

    /** Removes a budget that has no projects and no ballots (Conflict otherwise). */
    async removeBudget(actor: Actor | null, input: InputOf<C['removeBudget']>): Promise<Result<OutputOf<C['removeBudget']>>> {
      const found = await managedBudget(actor, input.budgetId);
      if (!found.ok) return found;
      if (!(await repo.deleteEmptyBudget(input.budgetId))) return fail('Conflict');
      await audit(found.value.actor, 'budget_removed', 'budget', input.budgetId, { phaseId: found.value.budget.phase_id });
      return ok({ ok: true as const });
    },
  };
}
