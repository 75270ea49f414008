import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may do what with ideas and comments. */
export const ideasPolicy = {
  /** Any signed-in person may take part. */
  participate: (actor: Actor | null) => actor !== null,
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
  /** Staff who see suggested near-duplicates, merge ideas and say a pair is not a duplicate (administrators too). */
  mergeDuplicates: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
  /** Staff who answer inputs for the municipality. */
  answer: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
  /** Staff who record what happens to an accepted idea. */
  addMilestone: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker'),
  /** Staff who may take every idea of a process out as a file. */
  exportIdeas: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
  /** Staff who decide whether an ideas phase asks for a location. */
  configureLocations: (actor: Actor | null) => hasRole(actor, 'process_manager'),
};
