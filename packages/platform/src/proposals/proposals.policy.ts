import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may do what with proposals. */
export const proposalsPolicy = {
  /** Any signed-in person may draft and sign (a confirmed account is checked by the use case). */
  participate: (actor: Actor | null) => actor !== null,
  /** Staff who set a phase's rules and see the staff list and the export. */
  manage: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
  /** Staff who answer proposals for the municipality (as they answer ideas). */
  answer: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
  addMilestone: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker'),
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
};
