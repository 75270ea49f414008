import { ideasContext, type IdeasDeps } from './ideas.context.ts';
import { postingUseCases } from './posting.ts';
import { listingUseCases } from './listing.ts';
import { supportUseCases } from './supports.ts';
import { commentUseCases } from './comments.ts';
import { moderationLookups } from './moderation.ts';
import { editingUseCases } from './editing.ts';
import { lookupUseCases } from './lookups.ts';
import { ideaQueries } from './queries.ts';
import { ideasPrivacyUseCases } from './privacy.ts';
import { locationUseCases } from './locations.ts';
import { duplicateUseCases } from './duplicates.ts';

export type { WeeklyParticipation } from './queries.ts';
export type { ModeratedIdeaItem } from './moderation.ts';
export type { IdeaEditView } from './editing.ts';
export type { DuplicateIdea, DuplicateSuggestions } from './duplicates.ts';
export { noLocation, type LocationSettings, type MappedIdea, type PlaceMatch } from './locations.ts';
export { ideaLimits } from './ideas.context.ts';
export type { CommentView, IdeaImage, IdeasDeps, IdeaView, ImageUpload } from './ideas.context.ts';

/**
 * Ideas, comments, supports and follows, editing with its history, and what moderation reads and sets. The shared context is built once and each
 * use-case file adds its functions (posting, listing, supports, comments, editing, moderation lookups, lookups for other
 * modules), then the module's exported queries.
 */
export function ideasService(deps: IdeasDeps) {
  const ctx = ideasContext(deps);
  const locations = locationUseCases(ctx);
  return {
    ...listingUseCases(ctx),
    ...supportUseCases(ctx),
    ...commentUseCases(ctx),
    ...editingUseCases(ctx, locations),
    ...moderationLookups(ctx),
    ...lookupUseCases(ctx),
    ...ideaQueries(ctx.repo),
    ...ideasPrivacyUseCases(ctx),
    ...locations,
    ...postingUseCases(ctx, locations),
    ...duplicateUseCases(ctx),
  };
}

export type IdeasService = ReturnType<typeof ideasService>;
