import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** Who may do what with feedback and reports. */
export const feedbackPolicy = {
  /** Process managers and decision-makers (and administrators) see how a process went: its participation report and analyses. */
  seeReport: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker'),
};
