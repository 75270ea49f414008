import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may do what with ideas and comments. */
export const ideasPolicy = {
  /** Any signed-in person may take part. */
  participate: (actor: Actor | null) => actor !== null,
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
  /** Staff who answer inputs for the municipality. */
  answer: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
};
