import { hasRole, type Actor } from '../accounts/index.ts';

/** Who may do what in a stakeholder panel. */
export const stakeholdersPolicy = {
  /** Facilitators run the panel: invitations, review of facts, timeline, meetings. */
  facilitate: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Decision-makers answer recommendations. */
  decide: (actor: Actor | null) => hasRole(actor, 'decision_maker'),
};
