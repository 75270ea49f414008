import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/** A stakeholder's public introduction: their name, whom they speak for, what they bring. */
export function introductionUseCases(ctx: StakeholdersContext) {
  const { repo } = ctx;
  return {
    /** A stakeholder updates their introduction. */
    async updateIntroduction(actor: Actor | null, panelId: string, input: { name: unknown; speaksFor: unknown; introduction: unknown }): Promise<Result<null>> {
      const me = await ctx.member(actor, panelId);
      if (!me) return fail('Forbidden');
      const errors: FieldError[] = [];
      const name = text(input.name, 'name', stakeholderLimits.name, errors);
      const speaksFor = text(input.speaksFor, 'speaksFor', stakeholderLimits.speaksFor, errors);
      const introduction = text(input.introduction, 'introduction', stakeholderLimits.introduction, errors, true, 10);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.updateIntroduction(me.id, { name, speaksFor, introduction });
      return ok(null);
    },
  };
}
