import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may do what with surveys. */
export const surveysPolicy = {
  /** Process managers build the form. */
  build: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Staff who read every answer (free texts too) and export them. */
  seeAllResults: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker'),
  /** Results are public only when the manager chose so; staff always see them. */
  seeResults: (actor: Actor | null, phase: { readonly settings: { readonly publicResults?: boolean } }) =>
    phase.settings.publicResults === true || hasRole(actor, 'process_manager', 'decision_maker'),
  /** Any signed-in person answers (once). */
  respond: (actor: Actor | null) => actor !== null,
};
