import type { IdeasContext } from './ideas.context.ts';

/** What other modules read and set on ideas (they check their own policy first). */
export function lookupUseCases(ctx: IdeasContext) {
  const { repo } = ctx;
  return {
    /**
     * The ideas and comments of a process as the public sees them (hidden, refused and unscreened ones left
     * out), without authors, for other modules' analyses. Callers check their own policy first.
     */
    visibleInputsOf: (processId: string) => repo.visibleTexts(processId),

    /** Who hears about an idea: author, supporters, followers. */
    audienceOf: (ideaId: string) => repo.audienceOf(ideaId),

    /** Sets an idea's status and progress (the feedback module's use case calls this after its checks). */
    applyStatus: (ideaId: string, status: string, progress: number | null | undefined) => repo.setIdeaStatus(ideaId, status, progress),

    /** The raw idea for other modules' checks. */
    findIdea: (ideaId: string) => repo.findIdea(ideaId),
  };
}
