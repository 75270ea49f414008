import type { Actor } from '../accounts/accounts.policy.ts';
import { imageSizeOf, type CheckedUpload } from '../files/files.service.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideaLimits, text, type IdeaImage, type IdeasContext, type ImageUpload } from './ideas.context.ts';
import type { locationUseCases } from './locations.ts';

/** Ideas residents post, their images, and ideas the municipality brings in from elsewhere. */
export function postingUseCases(ctx: IdeasContext, locations: Pick<ReturnType<typeof locationUseCases>, 'readLocation' | 'locationSettings'>) {
  const { deps, repo, openIdeasPhase, category } = ctx;
  return {
    /** Posts an idea in an open ideas phase; with pre-screening it waits for a moderator. */
    async postIdea(
      actor: Actor | null,
      input: { phaseId: string; title: unknown; body: unknown; category?: unknown; location?: unknown; address?: unknown; image?: ImageUpload | null; locale?: unknown },
    ): Promise<Result<{ id: string; awaitingScreening: boolean }>> {
      if (!actor) return fail('NotSignedIn');
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const blocked = await deps.gate.blockOf(actor.id);
      if (blocked) return blockedFailure(blocked);
      const phase = await openIdeasPhase(input.phaseId);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', ideaLimits.title, errors);
      const body = text(input.body, 'body', ideaLimits.body, errors);
      const chosenCategory = category(input.category, phase.value.categories, errors);
      const location = await locations.readLocation(await locations.locationSettings(input.phaseId), input, errors);
      // An image is optional; when one is sent, it is checked with the text, before anything is saved.
      let image: CheckedUpload | null = null;
      const sentImage = input.image && (input.image.data.byteLength > 0 || (typeof input.image.filename === 'string' && input.image.filename !== ''));
      if (input.image && sentImage) {
        const checked = deps.files.checkImage(input.image);
        if (checked.ok) image = checked.value;
        else errors.push(...(checked.fields ?? []));
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const screening = phase.value.preScreening ? 'pending' : 'published';
      const id = await repo.insertIdea({ processId: phase.value.processId, phaseId: input.phaseId, authorId: actor.id, title, body, category: chosenCategory, screening, location });
      if (image) {
        try {
          await deps.files.attachChecked(actor.id, 'idea', id, image, input.locale);
        } catch (error) {
          // The idea goes only with its image: without it the resident would lose what they added.
          await repo.deleteIdea(id);
          throw error;
        }
      }
      await deps.audit.record({ actorId: actor.id, action: 'idea.posted', subjectType: 'idea', subjectId: id });
      return ok({ id, awaitingScreening: screening === 'pending' });
    },

    /** The image of each idea that has one, by idea id. */
    async imagesOf(ideaIds: readonly string[]): Promise<Map<string, IdeaImage>> {
      const files = await deps.files.listFor('idea', ideaIds);
      const images = new Map<string, IdeaImage>();
      for (const file of files) {
        if (file.kind === 'image' && !images.has(file.ownerId)) images.set(file.ownerId, { id: file.id, alt: Object.values(file.altText)[0] ?? '', ...imageSizeOf(file) });
      }
      return images;
    },

    /**
     * Brings in an idea from elsewhere (an earlier platform, a paper form, a seed), whatever the phase's
     * dates, with its supporters. For the municipality's own imports, not for residents.
     */
    async importIdea(input: { phaseId: string; authorId: string; title: string; body: string; supporterIds?: readonly string[]; location?: unknown; address?: string }): Promise<string> {
      const found = await deps.processes.getPhase(input.phaseId);
      if (!found) throw new Error(`no phase ${input.phaseId}`);
      const errors: FieldError[] = [];
      const location = await locations.readLocation({ mode: 'optional', kinds: ['point', 'line', 'area'] }, input, errors);
      if (errors.length > 0) throw new Error(`the location of "${input.title}" does not read: ${JSON.stringify(errors)}`);
      const id = await repo.insertIdea({ processId: found.process.id, phaseId: input.phaseId, authorId: input.authorId, title: input.title, body: input.body, category: null, screening: 'published', location });
      for (const supporter of input.supporterIds ?? []) await repo.addSupport(id, supporter);
      return id;
    },
  };
}
