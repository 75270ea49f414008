import type { Actor } from '../accounts/accounts.policy.ts';
import { ideasPolicy } from './ideas.policy.ts';
import type { IdeaView } from './ideas.service.ts';

/** What the actor may do with one idea, from the ideas policy (and whether its phase is open now). */
export function ideaCan(actor: Actor | null, idea: Pick<IdeaView, 'editableByViewer'>, phaseOpen: boolean) {
  return {
    support: phaseOpen && ideasPolicy.participate(actor),
    comment: phaseOpen && ideasPolicy.participate(actor),
    flag: ideasPolicy.participate(actor),
    edit: phaseOpen && idea.editableByViewer,
    moderate: ideasPolicy.moderate(actor),
    /** Read the idea's edit history (staff). */
    history: ideasPolicy.moderate(actor) || ideasPolicy.answer(actor),
    answer: ideasPolicy.answer(actor),
    addMilestone: ideasPolicy.addMilestone(actor),
  };
}

/**
 * An idea as pages and the API show it: no author id (only whether it is the viewer's own), and what the
 * actor may do with it (`can`).
 */
export function presentIdea(idea: IdeaView, actor: Actor | null, phaseOpen: boolean) {
  return {
    id: idea.id,
    processId: idea.processId,
    phaseId: idea.phaseId,
    title: idea.title,
    body: idea.body,
    category: idea.category,
    status: idea.status,
    authorName: idea.authorName,
    mine: actor !== null && actor.id === idea.authorId,
    supportCount: idea.supportCount,
    commentCount: idea.commentCount,
    progressPercent: idea.progressPercent,
    createdAt: idea.createdAt,
    editedAt: idea.editedAt,
    location: idea.location,
    hidden: idea.hidden,
    /** The idea this one was merged into (its page leads there), or null. */
    mergedInto: idea.mergedInto,
    awaitingScreening: idea.awaitingScreening,
    supportedByViewer: idea.supportedByViewer,
    can: ideaCan(actor, idea, phaseOpen),
  };
}

/** A presented idea. */
export type PresentedIdea = ReturnType<typeof presentIdea>;
