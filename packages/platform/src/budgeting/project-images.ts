import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { uploadOf } from '../files/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import { localeOf, type BudgetingContext } from './budgeting.context.ts';

type C = typeof budgetingContracts;

/**
 * A project's own images (issue 16: "title, description, images, cost …"): staff who manage the phase add
 * them, with alt text, describe them again, put them in order and remove them. They are stored by the files module (owner `budget_project`) and
 * shown before the images of the ideas the project came from. Adding an image does not touch the ballot, so
 * it stays possible once ballots exist.
 */
export function projectImageUseCases(ctx: BudgetingContext) {
  const { deps, repo, managedProject, audit } = ctx;

  return {
    /** Adds an image (PNG, JPEG or WebP up to 5 MB, checked by its content) with its alt text; nothing is stored when refused. */
    async addProjectImage(actor: Actor | null, input: InputOf<C['addProjectImage']>): Promise<Result<OutputOf<C['addProjectImage']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const checked = deps.files.checkImage({ ...uploadOf(input.file), altText: input.altText }, { file: 'file', alt: 'altText' });
      if (!checked.ok) return checked;
      const { actor: staff, project } = found.value;
      const { id } = await deps.files.attachChecked(staff.id, 'budget_project', project.id, checked.value, localeOf(input.locale));
      await audit(staff, 'project_image_added', 'budget_project', project.id, { fileId: id });
      return ok({ id });
    },

    /** Removes one of the project's own images (an idea's image, or another project's, is NotFound). */
    async removeProjectImage(actor: Actor | null, input: InputOf<C['removeProjectImage']>): Promise<Result<OutputOf<C['removeProjectImage']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const { actor: staff, project } = found.value;
      const removed = await deps.files.detach(staff.id, 'budget_project', project.id, [input.fileId]);
      if (removed.length === 0) return fail('NotFound');
      await audit(staff, 'project_image_removed', 'budget_project', project.id, { fileId: input.fileId });
      return ok({ ok: true as const });
    },

    /**
     * Puts the project's own images in the order given: every own image exactly once (`order` names the field
     * otherwise). The first is the one lists show first; the ideas' images follow them.
     */
    async arrangeProjectImages(actor: Actor | null, input: InputOf<C['arrangeProjectImages']>): Promise<Result<OutputOf<C['arrangeProjectImages']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const { actor: staff, project } = found.value;
      const own = (await deps.files.listFor('budget_project', [project.id])).filter((f) => f.kind === 'image').map((f) => f.id);
      const sameSet = new Set(input.order).size === input.order.length && input.order.length === own.length && own.every((id) => input.order.includes(id));
      if (!sameSet) return fail('ValidationFailed', [{ field: 'order', message: 'budgeting.images.orderIncomplete' }]);
      await repo.setImageOrder(project.id, input.order);
      await audit(staff, 'project_images_arranged', 'budget_project', project.id, { order: input.order });
      return ok({ ok: true as const });
    },

    /** Rewrites the alt text of one of the project's own images (required, at most 300 characters). */
    async describeProjectImage(actor: Actor | null, input: InputOf<C['describeProjectImage']>): Promise<Result<OutputOf<C['describeProjectImage']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const alt = input.altText.trim();
      if (alt === '') return fail('ValidationFailed', [{ field: 'altText', message: 'field.altRequired' }]);
      const { actor: staff, project } = found.value;
      if (!(await deps.files.setAltText('budget_project', project.id, input.fileId, localeOf(input.locale), alt))) return fail('NotFound');
      await audit(staff, 'project_image_described', 'budget_project', project.id, { fileId: input.fileId });
      return ok({ ok: true as const });
    },
  };
}
