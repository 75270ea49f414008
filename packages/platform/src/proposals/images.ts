import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { uploadOf } from '../files/files.contract.ts';
import type { FileAccess } from '../files/files.service.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { maxProposalImages, type ProposalsContext } from './proposals.context.ts';
import type { proposalContracts } from './proposals.contract.ts';

type C = typeof proposalContracts;

/**
 * A proposal's images (issue 19: "title, text, what the council should decide, images, area"): its authors add
 * them, with alt text, and remove them while it is a draft; they are published with it. The files module keeps
 * them (owner `proposal`); who may read them follows the proposal (`imageAccess`).
 */
export function imageUseCases(ctx: ProposalsContext) {
  const { deps, resident, ownDraft, visibleProposal } = ctx;
  return {
    /** Adds an image (PNG, JPEG or WebP up to 5 MB, checked by its content) with its alt text; nothing is stored when refused. */
    async addProposalImage(actor: Actor | null, input: InputOf<C['addProposalImage']>): Promise<Result<OutputOf<C['addProposalImage']>>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const draft = await ownDraft(who.value, input.id);
      if (!draft.ok) return draft;
      const checked = deps.files.checkImage({ ...uploadOf(input.file), altText: input.altText }, { file: 'file', alt: 'altText' });
      if (!checked.ok) return checked;
      const existing = (await deps.files.listFor('proposal', [input.id])).filter((f) => f.kind === 'image');
      if (existing.length >= maxProposalImages) return fail('ValidationFailed', [{ field: 'file', message: 'proposals.images.tooMany', params: { max: maxProposalImages } }]);
      const { id } = await deps.files.attachChecked(who.value.id, 'proposal', input.id, checked.value, input.locale);
      await deps.audit.record({ actorId: who.value.id, action: 'proposal.image_added', subjectType: 'proposal', subjectId: input.id, details: { fileId: id } });
      return ok({ id });
    },

    /** Removes one of a draft's images (its authors); another record's file is NotFound. */
    async removeProposalImage(actor: Actor | null, input: InputOf<C['removeProposalImage']>): Promise<Result<OutputOf<C['removeProposalImage']>>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const draft = await ownDraft(who.value, input.id);
      if (!draft.ok) return draft;
      const removed = await deps.files.detach(who.value.id, 'proposal', input.id, [input.fileId]);
      if (removed.length === 0) return fail('NotFound');
      return ok({ ok: true as const });
    },

    /**
     * Who may read a proposal's images: anyone once it is published and not hidden (cacheable); while a draft
     * or hidden, only those who may see it.
     */
    async imageAccess(actor: Actor | null, proposalId: string): Promise<FileAccess> {
      const found = await visibleProposal(actor, proposalId);
      if (!found) return 'denied';
      return found.row.stage === 'draft' || found.row.hidden_at !== null ? 'restricted' : 'public';
    },
  };
}
