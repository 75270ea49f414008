import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import { localeOf, withText, type BudgetingContext } from './budgeting.context.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import { presentProject, presentUpdate } from './budgeting.presenter.ts';
import type { ProjectChange, ProjectRow } from './budgeting.repository.ts';

type C = typeof budgetingContracts;

/** The cost and its range in order: cost ≥ 1 whole unit, lowest estimate ≤ cost ≤ highest estimate. */
function costErrors(cost: number, costMin: number | null, costMax: number | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(cost) || cost <= 0) errors.push({ field: 'cost', message: 'budgeting.project.costPositive' });
  else if (costMin !== null && (costMin <= 0 || costMin > cost)) errors.push({ field: 'costMin', message: 'budgeting.project.costRange' });
  else if (costMax !== null && costMax < cost) errors.push({ field: 'costMax', message: 'budgeting.project.costRange' });
  return errors;
}

const trimmedOrNull = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);

/** Costed projects: staff create them (directly or from ideas), edit, remove and review them; anyone reads one. */
export function projectUseCases(ctx: BudgetingContext) {
  const { deps, repo, visiblePhase, managedPhase, managedProject, audit } = ctx;

  /** The ideas (of this process) behind a project, read through the ideas module; null when one is unknown. */
  async function ideasOf(processId: string, ideaIds: readonly string[]) {
    const ideas = [];
    for (const id of new Set(ideaIds)) {
      const idea = await deps.ideas.findIdea(id);
      if (!idea || idea.process_id !== processId) return null;
      ideas.push(idea);
    }
    return ideas;
  }

  /** Refused (Conflict) once ballots exist for the project's budget (or the budget it moves to). */
  async function ballotsBlock(...budgetIds: string[]): Promise<boolean> {
    for (const id of new Set(budgetIds)) if (await repo.budgetHasBallots(id)) return true;
    return false;
  }

  return {
    /**
     * Creates a project in a budget of the phase, directly or from ideas of the same process: without a
     * title (or description) the first idea's is used. It gets the phase's next number and waits for review.
     */
    async createProject(actor: Actor | null, input: InputOf<C['createProject']>): Promise<Result<OutputOf<C['createProject']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { process } = found.value;
      const errors: FieldError[] = [];
      const budget = await repo.findBudget(input.budgetId);
      if (!budget || budget.phase_id !== input.phaseId) errors.push({ field: 'budgetId', message: 'budgeting.project.budgetUnknown' });
      const ideas = await ideasOf(process.id, input.ideaIds ?? []);
      if (ideas === null) errors.push({ field: 'ideaIds', message: 'budgeting.project.ideaUnknown' });
      const first = ideas?.[0];
      const title = input.title?.trim() || first?.title.trim() || '';
      const description = input.description?.trim() ?? first?.body.trim() ?? '';
      if (title === '') errors.push({ field: 'title', message: 'budgeting.project.titleRequired' });
      else if (title.length > 200) errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
      errors.push(...costErrors(input.cost, input.costMin ?? null, input.costMax ?? null));
      if (errors.length > 0 || !budget) return fail('ValidationFailed', errors);
      const locale = localeOf(input.locale);
      const created = await repo.insertProject({
        phaseId: input.phaseId,
        createdBy: found.value.actor.id,
        change: {
          budget_id: budget.id,
          title: withText({}, locale, title),
          description: withText({}, locale, description),
          cost: input.cost,
          cost_min: input.costMin ?? null,
          cost_max: input.costMax ?? null,
          area: trimmedOrNull(input.area) ?? null,
          category: trimmedOrNull(input.category) ?? null,
          source_idea_ids: (ideas ?? []).map((i) => i.id),
        },
      });
      await audit(found.value.actor, 'project_created', 'budget_project', created.id, { phaseId: input.phaseId, number: created.number, cost: input.cost, ideaIds: (ideas ?? []).map((i) => i.id) });
      return ok({ id: created.id, number: created.number });
    },

    /** Edits a project (fields left out keep their value); a changed cost sends it back to review. Refused once ballots exist. */
    async updateProject(actor: Actor | null, input: InputOf<C['updateProject']>): Promise<Result<OutputOf<C['updateProject']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const { project, process } = found.value;
      const errors: FieldError[] = [];
      if (input.budgetId !== undefined && input.budgetId !== project.budget_id) {
        const budget = await repo.findBudget(input.budgetId);
        if (!budget || budget.phase_id !== project.phase_id) errors.push({ field: 'budgetId', message: 'budgeting.project.budgetUnknown' });
      }
      const ideas = input.ideaIds !== undefined ? await ideasOf(process.id, input.ideaIds) : undefined;
      if (ideas === null) errors.push({ field: 'ideaIds', message: 'budgeting.project.ideaUnknown' });
      if (input.title !== undefined && input.title.trim() === '') errors.push({ field: 'title', message: 'budgeting.project.titleRequired' });
      const cost = input.cost ?? project.cost;
      const costMin = input.costMin === undefined ? project.cost_min : input.costMin;
      const costMax = input.costMax === undefined ? project.cost_max : input.costMax;
      errors.push(...costErrors(cost, costMin, costMax));
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (await ballotsBlock(project.budget_id, input.budgetId ?? project.budget_id)) return fail('Conflict');
      const locale = localeOf(input.locale);
      const costChanged = cost !== project.cost;
      const change: ProjectChange = {
        ...(input.budgetId !== undefined ? { budget_id: input.budgetId } : {}),
        ...(input.title !== undefined ? { title: withText(project.title, locale, input.title) } : {}),
        ...(input.description !== undefined ? { description: withText(project.description, locale, input.description) } : {}),
        cost,
        cost_min: costMin,
        cost_max: costMax,
        ...(input.area !== undefined ? { area: trimmedOrNull(input.area) ?? null } : {}),
        ...(input.category !== undefined ? { category: trimmedOrNull(input.category) ?? null } : {}),
        ...(ideas ? { source_idea_ids: ideas.map((i) => i.id) } : {}),
        // A new cost has not been checked: the project waits for a new review.
        ...(costChanged ? { review: 'pending' as const, reviewed_by: null, reviewed_at: null, cost_checked_by: null, cost_checked_on: null } : {}),
      };
      await repo.updateProject(project.id, change);
      await audit(found.value.actor, 'project_updated', 'budget_project', project.id, { cost, costChanged });
      return ok({ ok: true as const });
    },

    /** Removes a project no ballot lists (Conflict otherwise). */
    async removeProject(actor: Actor | null, input: InputOf<C['removeProject']>): Promise<Result<OutputOf<C['removeProject']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      if (!(await repo.deleteProjectOffBallots(input.projectId))) return fail('Conflict');
      // Its own images go with it (the ideas' images stay with the ideas).
      const images = await deps.files.listFor('budget_project', [input.projectId]);
      await deps.files.detach(found.value.actor.id, 'budget_project', input.projectId, images.map((f) => f.id));
      await audit(found.value.actor, 'project_removed', 'budget_project', input.projectId, { number: found.value.project.number });
      return ok({ ok: true as const });
    },

    /**
     * Records the feasibility review: eligible (on the ballot), or not eligible with a public reason; who
     * checked the cost and when. Refused once ballots exist for the project's budget.
     */
    async reviewProject(actor: Actor | null, input: InputOf<C['reviewProject']>): Promise<Result<OutputOf<C['reviewProject']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const { project } = found.value;
      const reason = input.reason?.trim() ?? '';
      const errors: FieldError[] = [];
      if (input.state === 'ineligible' && reason === '') errors.push({ field: 'reason', message: 'budgeting.review.reasonRequired' });
      if (input.costCheckedOn !== undefined && input.costCheckedOn !== '' && !isIsoDate(input.costCheckedOn)) errors.push({ field: 'costCheckedOn', message: 'field.dateInvalid' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (await ballotsBlock(project.budget_id)) return fail('Conflict');
      await repo.updateProject(project.id, {
        review: input.state,
        review_reason: input.state === 'eligible' && reason === '' ? {} : withText(project.review_reason, localeOf(input.locale), reason),
        reviewed_by: found.value.actor.id,
        reviewed_at: deps.clock(),
        cost_checked_by: input.costCheckedBy?.trim() || null,
        cost_checked_on: input.costCheckedOn || null,
      });
      await audit(found.value.actor, 'project_reviewed', 'budget_project', project.id, { state: input.state });
      return ok({ ok: true as const });
    },

    /**
     * A project with its review, the ideas it came from and its delivery updates. Staff see every project;
     * others those reviewed (eligible or not) in a process they may see.
     */
    async getProject(actor: Actor | null, input: InputOf<C['getProject']>): Promise<Result<OutputOf<C['getProject']>>> {
      const project: ProjectRow | undefined = await repo.findProject(input.projectId);
      if (!project || !budgetingPolicy.seeProject(actor, project)) return fail('NotFound');
      const found = await visiblePhase(actor, project.phase_id);
      if (!found.ok) return found;
      const ideas = [];
      for (const id of project.source_idea_ids) {
        const idea = await deps.ideas.findIdea(id);
        // Hidden ideas are not linked from a public page.
        if (idea && idea.hidden_at === null) ideas.push({ id: idea.id, title: idea.title });
      }
      const budgetHasBallots = budgetingPolicy.manage(actor) ? await repo.budgetHasBallots(project.budget_id) : false;
      return ok({
        project: presentProject(project, actor, { budgetHasBallots, images: (await ctx.imagesOf([project])).get(project.id) ?? [] }),
        phaseId: project.phase_id,
        processSlug: found.value.process.slug,
        ideas,
        updates: (await repo.updatesOf(project.id)).map(presentUpdate),
        result: await ctx.publishedOutcome(project),
      });
    },
  };
}
