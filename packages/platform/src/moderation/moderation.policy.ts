import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may report content and who may moderate it. */
export const moderationPolicy = {
  /** Any signed-in person may report an item. */
  report: (actor: Actor | null) => actor !== null,
  /** Moderators (the role) and process managers work the queue; administrators hold every permission. */
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
  /** What the actor may do in the moderation workspace, for presenters. */
  can(actor: Actor | null) {
    const moderate = moderationPolicy.moderate(actor);
    return { report: moderationPolicy.report(actor), viewQueue: moderate, approve: moderate, hide: moderate, restore: moderate, block: moderate, bulk: moderate };
  },
};
