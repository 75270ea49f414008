import type { Actor } from '../accounts/index.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/** The panel's public timeline of dated steps. */
export function timelineUseCases(ctx: StakeholdersContext) {
  const { repo } = ctx;
  return {
    /** Adds a dated step to the panel's public timeline (facilitators). */
    async addStep(actor: Actor | null, panelId: string, input: { title: unknown; happensOn: unknown; description?: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.stepTitle, errors);
      const description = text(input.description, 'description', 2000, errors, false);
      if (!isIsoDate(input.happensOn)) errors.push({ field: 'happensOn', message: 'field.dateInvalid' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertStep(panelId, { title, description, happensOn: input.happensOn as string });
      return ok({ id });
    },
  };
}
